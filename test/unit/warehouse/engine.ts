/**
 * The emulator's SQL engine over a history, for the tests that run generated SQL on DuckDB directly:
 * the invictus dataset (times as recorded), and a few records that need what the dataset lacks
 * (quotes, wildcards and control characters' neighbours in names, another Region and account).
 */
import { buildHistory } from '../../emulator/services/cloudtrail/history';
import { WarehouseEngine } from '../../emulator/services/warehouse/engine';
import type { Seed } from '../../emulator/seed';
import { INVICTUS } from '../emulator/invictus';

const ACCOUNT = '111122223333';

/**
 * Records with odd names, in eu-west-1 and another account (so scope predicates have something to cut),
 * and a data event of a role's session in us-west-2 (what the dataset, management events only, lacks).
 */
export const ODD_RECORDS = [
  {
    eventVersion: '1.08',
    eventID: 'odd-1',
    eventTime: '2023-07-10T08:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userIdentity: {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/o'brien`,
      accountId: ACCOUNT,
      userName: "o'brien",
      accessKeyId: 'AKIAODD0000000000001',
    },
    requestParameters: { bucketName: 'my_bucket%1' },
    recipientAccountId: ACCOUNT,
    readOnly: true,
    eventCategory: 'Management',
  },
  {
    eventVersion: '1.08',
    eventID: 'odd-2',
    eventTime: '2023-07-10T08:05:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    awsRegion: 'eu-west-1',
    userIdentity: {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/obrien`,
      accountId: ACCOUNT,
      userName: 'obrien',
    },
    requestParameters: { bucketName: 'my-bucket-1' },
    recipientAccountId: ACCOUNT,
    errorCode: 'AccessDenied',
    readOnly: true,
    eventCategory: 'Management',
  },
  {
    eventVersion: '1.09',
    eventID: 'odd-3',
    eventTime: '2023-07-10T08:10:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-west-2',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAODD0000000000001:worker',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Worker/worker`,
      accountId: ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAODD0000000000001',
          arn: `arn:aws:iam::${ACCOUNT}:role/Worker`,
          accountId: ACCOUNT,
          userName: 'Worker',
        },
      },
    },
    requestParameters: { bucketName: 'odd-data', key: 'a.txt' },
    resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::odd-data/a.txt' }],
    recipientAccountId: ACCOUNT,
    readOnly: true,
    managementEvent: false,
    eventCategory: 'Data',
  },
];

const SEED: Seed = {
  accounts: [{ id: ACCOUNT }],
  credentials: [],
  faults: [],
  services: { cloudtrail: { events: ODD_RECORDS, shiftTimes: false } },
} as unknown as Seed;

/** The engine over invictus and the odd records, times as recorded. */
export function testEngine(): WarehouseEngine {
  return new WarehouseEngine(
    buildHistory({ seed: SEED, cloudtrailLogs: INVICTUS, startedAtMs: Date.now(), warn: () => undefined }),
  );
}
