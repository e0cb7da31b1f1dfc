import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  explorerReveal,
  type FindingRow,
  type KeyRow,
  type ResourceReference,
  type SecretRow,
} from '../../../src/core';
import { activityTargetOfRow, arnOfRow, namesOfRow, rowNamed } from '../../../src/extension/explorerRows';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const WEEK_AGO = NOW - 7 * 24 * 3_600_000;
const KEY_ARN = 'arn:aws:kms:us-east-1:123837392027:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123837392027:secret:prod/db-AbCdEf';

const key: KeyRow = {
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  arn: KEY_ARN,
  region: 'us-east-1',
  aliases: ['alias/app-data'],
  description: '',
  tags: {},
  flags: [],
  problems: [],
};
const secret: SecretRow = {
  name: 'prod/db',
  arn: SECRET_ARN,
  region: 'us-east-1',
  description: '',
  kmsKey: 'aws/secretsmanager',
  defaultKey: true,
  rotationEnabled: false,
  tags: {},
  flags: [],
};
const finding: FindingRow = {
  id: 'f1',
  source: 'GuardDuty',
  product: 'GuardDuty',
  severityLabel: 'HIGH',
  severity: 8,
  type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  title: 'Credentials used outside AWS',
  description: '',
  resources: [
    { type: 'AccessKey', id: 'ASIATFQR7NSCX6ILTQHM' },
    { type: 'AwsIamRole', id: 'arn:aws:iam::123837392027:role/service/app-runner' },
  ],
  principal: 'arn:aws:iam::123837392027:role/service/app-runner',
  account: '123837392027',
  region: 'us-east-1',
  updatedAt: NOW,
  count: 1,
  archived: false,
  activity: [],
};

describe('the security explorer’s rows, as the host acts on them', () => {
  test('the names a row goes by in code: ARN, id, aliases and their ARNs; a secret’s name; a finding’s role', () => {
    assert.deepEqual(namesOfRow('keys', key), [
      KEY_ARN,
      key.keyId,
      'alias/app-data',
      'arn:aws:kms:us-east-1:123837392027:alias/app-data',
    ]);
    assert.deepEqual(namesOfRow('secrets', secret), [SECRET_ARN, 'prod/db']);
    // The access key is not something code names; the role is, by ARN or by name.
    assert.deepEqual(namesOfRow('findings', finding), [
      'arn:aws:iam::123837392027:role/service/app-runner',
      'app-runner',
    ]);
  });

  test('what Copy ARN copies', () => {
    assert.equal(arnOfRow('keys', key), KEY_ARN);
    assert.equal(arnOfRow('secrets', secret), SECRET_ARN);
    assert.equal(arnOfRow('findings', finding), 'ASIATFQR7NSCX6ILTQHM');
    assert.equal(arnOfRow('findings', { ...finding, arn: 'arn:aws:guardduty:x' }), 'arn:aws:guardduty:x');
  });

  test('the timeline of a row: a key or secret by ARN, a finding’s principal, else its resource', () => {
    assert.deepEqual(activityTargetOfRow('keys', key, NOW, false), {
      query: { resource: KEY_ARN, since: WEEK_AGO },
      title: 'CloudTrail: alias/app-data',
    });
    assert.deepEqual(activityTargetOfRow('secrets', secret, NOW, true), {
      query: { resource: SECRET_ARN, since: 0 },
      title: 'CloudTrail: prod/db',
    });
    assert.deepEqual(activityTargetOfRow('findings', finding, NOW, false), {
      query: { principal: finding.principal, since: WEEK_AGO },
      title: 'CloudTrail: role/service/app-runner',
    });
    const { principal: _, ...anonymous } = finding;
    assert.deepEqual(activityTargetOfRow('findings', anonymous, NOW, false)?.query, {
      accessKeyId: 'ASIATFQR7NSCX6ILTQHM',
      since: WEEK_AGO,
    });
    assert.equal(activityTargetOfRow('findings', { ...anonymous, resources: [] }, NOW, false), undefined);
  });

  test('the row a reference means: by alias, id, ARN, a secret’s ARN with or without its suffix', () => {
    assert.equal(rowNamed('keys', [key], ['alias/app-data']), KEY_ARN);
    assert.equal(rowNamed('keys', [key], [key.keyId]), KEY_ARN);
    assert.equal(rowNamed('keys', [key], ['alias/other']), undefined);
    assert.equal(
      rowNamed('secrets', [secret], ['arn:aws:secretsmanager:us-east-1:123837392027:secret:prod/db']),
      SECRET_ARN,
    );
    assert.equal(rowNamed('secrets', [secret], ['prod/db']), SECRET_ARN);
    assert.equal(rowNamed('secrets', [secret], ['prod/db2']), undefined);
    assert.equal(rowNamed('findings', [finding], ['app-runner']), 'GuardDuty/us-east-1/f1');
  });

  test('where a reference is revealed: keys, secrets, else the findings filtered by its name', () => {
    const reference = (service: string, arn: string | undefined, name: string): ResourceReference => ({
      span: { start: 0, end: name.length },
      text: name,
      service,
      ...(arn !== undefined && { arn }),
      name,
      lookup: { attribute: 'ResourceName', value: name },
      via: 'property',
    });
    assert.deepEqual(explorerReveal(reference('kms', undefined, 'alias/app-data')), {
      tab: 'keys',
      names: ['alias/app-data'],
    });
    assert.deepEqual(explorerReveal(reference('secretsmanager', SECRET_ARN, 'prod/db')), {
      tab: 'secrets',
      names: [SECRET_ARN, 'prod/db'],
    });
    assert.deepEqual(explorerReveal(reference('iam', 'arn:aws:iam::1:role/deploy', 'deploy')).tab, 'findings');
  });
});
