import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isHostMessage } from '../../../src/shared/explorerGuards';
import type { HostMessage } from '../../../src/shared/explorerMessages';
import { generatedRows, row } from '../findings/rows';
import { keyRowOf, secretRowOf } from './pageRows';

const region = { region: 'us-east-1', loading: false, notices: ['GuardDuty is not enabled here.'], truncated: false };
const counts = { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
const finding = row({
  principal: 'arn:aws:iam::1:role/r',
  firstSeen: 1,
  lastSeen: 2,
  workflow: 'NEW',
  compliance: 'FAILED',
  control: 'CloudTrail.1',
  arn: 'arn:aws:guardduty:us-east-1:1:detector/d/finding/f',
  activity: [
    { kind: 'apiCall', api: 'ListBuckets', service: 's3.amazonaws.com', remoteIp: '198.51.100.1', country: 'NL' },
    { kind: 'network', direction: 'INBOUND', protocol: 'TCP', localPort: 22, remoteIp: '203.0.113.9', blocked: false },
    { kind: 'dns', domain: 'pool.example.com' },
    { kind: 'portProbe', localPorts: [22, 3389], remoteIps: ['203.0.113.7'] },
  ],
});

const GOOD: HostMessage[] = [
  { type: 'connection', connection: { state: 'connected', sentence: 'Account 1 as default', regions: ['us-east-1'] } },
  { type: 'connection', connection: { state: 'off', sentence: 'No AWS profile.', regions: [] } },
  {
    type: 'tab',
    data: {
      tab: 'keys',
      regions: [region],
      rows: [
        keyRowOf({ multiRegion: 'PRIMARY', flags: [{ id: 'rotationOff', sentence: 'off' }], problems: ['denied'] }),
      ],
    },
  },
  { type: 'tab', data: { tab: 'secrets', regions: [{ ...region, fetchedAt: 5 }], rows: [secretRowOf()] } },
  { type: 'tab', data: { tab: 'findings', regions: [], rows: [finding, ...generatedRows(20)], counts } },
  { type: 'tab', data: { tab: 'keys', regions: [{ ...region, loading: true, problem: 'Access denied' }], rows: [] } },
  { type: 'policy', tab: 'keys', id: 'arn:k', policy: { state: 'loading' } },
  {
    type: 'policy',
    tab: 'secrets',
    id: 'arn:s',
    policy: {
      state: 'policy',
      review: { text: '{}\n', findings: [{ ruleId: 'resource-star', severity: 'warning', message: 'm', line: 3 }] },
    },
  },
  { type: 'policy', tab: 'keys', id: 'arn:k', policy: { state: 'none', sentence: 'No resource policy.' } },
  { type: 'policy', tab: 'keys', id: 'arn:k', policy: { state: 'failed', sentence: 'Access denied.' } },
  { type: 'reveal', tab: 'findings', id: 'GuardDuty/us-east-1/f1' },
  { type: 'reveal', tab: 'findings', text: 'deploy-role' },
];

/** Each: a good message made wrong in one place. */
const BAD: [string, unknown][] = [
  ['not an object', 'tab'],
  ['null', null],
  ['an unknown type', { type: 'refresh' }],
  ['a connection without its sentence', { type: 'connection', connection: { state: 'connected', regions: [] } }],
  ['an unknown connection state', { type: 'connection', connection: { state: 'maybe', sentence: '', regions: [] } }],
  ['an unknown tab', { type: 'tab', data: { tab: 'roles', regions: [], rows: [] } }],
  ['findings without counts', { type: 'tab', data: { tab: 'findings', regions: [], rows: [] } }],
  ['a key row without its ARN', { type: 'tab', data: { tab: 'keys', regions: [], rows: [{ ...keyRowOf(), arn: 1 }] } }],
  [
    'a key row with a tag that is not text',
    { type: 'tab', data: { tab: 'keys', regions: [], rows: [keyRowOf({ tags: { a: 1 } as never })] } },
  ],
  [
    'a key row with an unknown flag',
    {
      type: 'tab',
      data: { tab: 'keys', regions: [], rows: [keyRowOf({ flags: [{ id: 'x', sentence: 's' }] as never })] },
    },
  ],
  ['a secret row in the keys tab', { type: 'tab', data: { tab: 'keys', regions: [], rows: [secretRowOf()] } }],
  [
    'a finding with an unknown activity',
    {
      type: 'tab',
      data: { tab: 'findings', regions: [], counts, rows: [row({ activity: [{ kind: 'x' }] as never })] },
    },
  ],
  [
    'a port probe without its ports',
    {
      type: 'tab',
      data: {
        tab: 'findings',
        regions: [],
        counts,
        rows: [row({ activity: [{ kind: 'portProbe', remoteIps: [] }] as never })],
      },
    },
  ],
  [
    'a finding severity label unknown',
    { type: 'tab', data: { tab: 'findings', regions: [], counts, rows: [row({ severityLabel: 'SEVERE' as never })] } },
  ],
  [
    'a Region without notices',
    { type: 'tab', data: { tab: 'keys', regions: [{ region: 'r', loading: false, truncated: false }], rows: [] } },
  ],
  ['a policy for findings', { type: 'policy', tab: 'findings', id: 'x', policy: { state: 'loading' } }],
  [
    'a policy review without findings',
    { type: 'policy', tab: 'keys', id: 'x', policy: { state: 'policy', review: { text: '' } } },
  ],
  ['a failed policy without its sentence', { type: 'policy', tab: 'keys', id: 'x', policy: { state: 'failed' } }],
  ['a reveal of an unknown tab', { type: 'reveal', tab: 'roles' }],
  ['a reveal whose id is a number', { type: 'reveal', tab: 'keys', id: 3 }],
];

describe('explorer page: the guard of the host messages', () => {
  test('accepts every message of the contract', () => {
    for (const message of GOOD) assert.ok(isHostMessage(message), JSON.stringify(message).slice(0, 120));
  });

  test('accepts them after a trip through JSON (what postMessage delivers)', () => {
    for (const message of GOOD) assert.ok(isHostMessage(JSON.parse(JSON.stringify(message))));
  });

  test('rejects wrong shapes', () => {
    for (const [name, message] of BAD) assert.equal(isHostMessage(message), false, name);
  });
});
