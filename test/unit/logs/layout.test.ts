import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layoutOf, type LogLayout } from '../../../src/core';

const NAME = '111122223333_CloudTrail_eu-west-1_20240501T1005Z_AbCdEfGh12345678.json.gz';

const CASES: readonly { path: string; layout: LogLayout }[] = [
  {
    path: `/logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/01/${NAME}`,
    layout: { account: '111122223333', region: 'eu-west-1', day: '2024-05-01' },
  },
  {
    path: `/logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-gov-west-1/2024/05/01/x.json.gz`,
    layout: { account: '111122223333', region: 'us-gov-west-1', day: '2024-05-01', orgId: 'o-abc123def4' },
  },
  {
    path: `C:\\trail\\AWSLogs\\111122223333\\CloudTrail\\ap-southeast-2\\2023\\12\\31\\a.json`,
    layout: { account: '111122223333', region: 'ap-southeast-2', day: '2023-12-31' },
  },
  { path: `/tmp/${NAME}`, layout: { account: '111122223333', region: 'eu-west-1', day: '2024-05-01' } },
  {
    path: '/tmp/AWSLogs/111122223333/CloudTrail/eu-west-1/export.json',
    layout: { account: '111122223333', region: 'eu-west-1' },
  },
  { path: '/tmp/AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/d.json.gz', layout: {} },
  { path: '/tmp/events.jsonl', layout: {} },
  // The folders win where they and the name disagree (a file copied into another day's folder).
  {
    path: `/x/AWSLogs/444455556666/CloudTrail/us-east-1/2024/06/02/${NAME}`,
    layout: { account: '444455556666', region: 'us-east-1', day: '2024-06-02' },
  },
];

describe('what a log file path says', () => {
  for (const { path, layout } of CASES) test(path, () => assert.deepEqual(layoutOf(path), layout));
});
