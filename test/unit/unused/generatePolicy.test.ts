import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog, generatePolicy, generationNotes, tallyEvents, type ResourceUseAnswer } from '../../../src/core';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const T = Date.parse('2026-11-30T12:00:00Z');
const BUCKET = 'arn:aws:s3:::reports';
const OBJECT = 'arn:aws:s3:::reports/2026/summary.csv';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const USER = 'arn:aws:iam::111122223333:user/alice';

type Use = ResourceUseAnswer['actions'][number];

function use(action: string, resources: string[] = [], more = false): Use {
  return { action, count: 2, last: T, resources, more };
}

/** What one used action becomes: the statement resources it is granted on, or the start of why it is not. */
function grantOf(u: Use): readonly string[] | string {
  const policy = generatePolicy([u], catalog);
  const statement = policy.statements.find((s) => s.actions.includes(catalog.action(u.action)?.fullName ?? ''));
  return statement?.resources ?? policy.leftOut[0]!.reason;
}

describe('a least-privilege policy from what a principal used', () => {
  test('resources: the ARNs of the action’s types; "*" only for wildcard-only and List actions', () => {
    const cases: [string, Use, readonly string[] | RegExp][] = [
      [
        'a bucket action keeps the bucket, not the object or the key',
        use('s3:GetBucketPolicy', [BUCKET, KEY, OBJECT]),
        [BUCKET],
      ],
      ['an object action keeps the object', use('s3:GetObject', [BUCKET, OBJECT]), [OBJECT]],
      [
        'a wildcard-only action is granted on "*" whatever its calls named',
        use('s3:ListAllMyBuckets', [BUCKET]),
        ['*'],
      ],
      ['a List action that named nothing of its types: "*"', use('iam:ListAttachedUserPolicies', [KEY]), ['*']],
      ['a List action that named its resource keeps it', use('s3:ListBucket', [BUCKET]), [BUCKET]],
      ['the event model’s casing is the catalog’s', use('KMS:decrypt', [KEY]), [KEY]],
      [
        'a Read action that named nothing is left out',
        use('iam:GetUser', []),
        /^its 2 calls named no user; "\*" would grant/,
      ],
      [
        'a Write action on another type is left out',
        use('s3:PutObject', [BUCKET]),
        /^its 2 calls named no accesspointobject, object;/,
      ],
      ['Permissions management is left out', use('iam:PutRolePolicy', [USER]), /named no role;/],
      [
        'a type list is cut short',
        use('ec2:CreateTags'),
        /named no application-status-check, capacity-block, capacity-manager-data-export or \d+ other types;/,
      ],
      [
        'an ARN with a wildcard would be a pattern: left out',
        use('s3:GetObject', ['arn:aws:s3:::reports/*']),
        /named no/,
      ],
      ['an action the catalog does not know', use('s3:GetObjekt', [OBJECT]), /^not an action of the IAM catalog$/],
    ];
    for (const [what, u, expected] of cases) {
      const got = grantOf(u);
      if (expected instanceof RegExp) assert.match(String(got), expected, what);
      else assert.deepEqual(got, expected, what);
    }
  });

  test('statements by service with a Sid each; actions that share their resources share a statement', () => {
    const policy = generatePolicy(
      [
        use('s3:GetBucketPolicy', [BUCKET]),
        use('s3:GetBucketAcl', [BUCKET]),
        use('s3:GetObject', [OBJECT]),
        use('s3:ListAllMyBuckets'),
        use('kms:Decrypt', [KEY]),
        use('resource-groups:GetGroup', ['arn:aws:resource-groups:us-east-1:111122223333:group/app']),
        use('sts:GetCallerIdentity'),
        use('s3:GetBucketAcl', [BUCKET]),
        use('S3:getbucketacl', [BUCKET]),
      ],
      catalog,
    );
    assert.deepEqual(policy.statements, [
      { sid: 'Kms', actions: ['kms:Decrypt'], resources: [KEY] },
      {
        sid: 'ResourceGroups',
        actions: ['resource-groups:GetGroup'],
        resources: ['arn:aws:resource-groups:us-east-1:111122223333:group/app'],
      },
      { sid: 'S3Group1', actions: ['s3:GetBucketAcl', 's3:GetBucketPolicy'], resources: [BUCKET] },
      { sid: 'S3Group2', actions: ['s3:GetObject'], resources: [OBJECT] },
      { sid: 'S3Group3', actions: ['s3:ListAllMyBuckets'], resources: ['*'] },
      { sid: 'Sts', actions: ['sts:GetCallerIdentity'], resources: ['*'] },
    ]);
    assert.deepEqual(policy.leftOut, []);
  });

  test('an action whose calls named more resources than were kept is partial; "*" never is', () => {
    const policy = generatePolicy([use('s3:GetObject', [OBJECT], true), use('s3:ListAllMyBuckets', [], true)], catalog);
    assert.deepEqual(policy.partial, ['s3:GetObject']);
  });

  test('names that gave no ARN: said in the reason an action is left out, and a granted list is partial', () => {
    const path = 'the role named by name only: its ARN holds a path the event does not give';
    const role = 'arn:aws:iam::111122223333:role/deploy';
    const policy = generatePolicy(
      [
        { ...use('iam:GetRole'), unnamed: [path] },
        { ...use('iam:DeleteRole', [role]), unnamed: [path] },
        { ...use('iam:ListRoles'), unnamed: [path] },
      ],
      catalog,
    );
    assert.deepEqual(policy.leftOut, [
      { action: 'iam:GetRole', reason: `its 2 calls named no role (${path}); "*" would grant it on every resource` },
    ]);
    assert.deepEqual(policy.statements, [
      { sid: 'IamGroup1', actions: ['iam:DeleteRole'], resources: [role] },
      { sid: 'IamGroup2', actions: ['iam:ListRoles'], resources: ['*'] },
    ]);
    assert.deepEqual(policy.partial, ['iam:DeleteRole']);
  });

  test('the notes: the evidence, what is left out, partial lists and refused calls', () => {
    const DAY = 86_400_000;
    const answer = tallyEvents([
      event('s3:GetObject', T - 2 * DAY, OBJECT),
      event('s3:GetObject', T, OBJECT),
      event('iam:GetUser', T - DAY),
      event('kms:Decrypt', T - DAY, KEY, 'AccessDenied'),
      event(undefined, T - 3 * DAY),
    ]);
    const policy = generatePolicy(answer.actions, catalog);
    const window = { since: T - 90 * DAY, until: T };
    const notes = generationNotes(USER, answer, policy, { label: 'CloudTrail log files', window });
    assert.equal(
      notes.evidence,
      'From 3 allowed calls of 2 actions by user/alice in 3 days of CloudTrail log files (2026-11-27 to 2026-11-30).',
    );
    assert.deepEqual(notes.problems, [
      'Not granted: iam:GetUser: its call named no user; "*" would grant it on every resource. Add it with the resources it needs.',
      'Refused calls are not use and are not granted: kms:Decrypt (1 time).',
    ]);
    const none = generationNotes(USER, tallyEvents([]), generatePolicy([], catalog), {
      label: 'CloudTrail LookupEvents',
      window,
    });
    assert.deepEqual(none, { evidence: 'No calls by user/alice in 90 days of CloudTrail LookupEvents.', problems: [] });
  });
});

/** An event of alice's, as the event model gives it. */
function event(action: string | undefined, time: number, arn?: string, errorCode?: string) {
  return {
    eventId: `e${time}${action}`,
    eventTime: new Date(time).toISOString(),
    time,
    eventSource: 'test.amazonaws.com',
    eventName: 'Test',
    ...(action !== undefined && { action }),
    principal: { type: 'IAMUser', name: 'alice', arn: USER },
    region: 'us-east-1',
    category: 'management' as const,
    resources: arn === undefined ? [] : [{ arn, from: 'resources' as const }],
    ...(errorCode !== undefined && { errorCode }),
  };
}
