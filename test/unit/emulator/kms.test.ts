/**
 * KMS through the real SDK against the emulator: the seeded keys of a Region, paged with Marker and
 * NextMarker; a key's metadata, policy, rotation, grants, tags and last use; keys named by alias;
 * KMS's errors; a Region without keys.
 */
import {
  DescribeKeyCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials } from './helpers';

const { user } = fixtureCredentials();
const ORDERS_KEY = '1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51';
const MRK = 'mrk-4e8b1c2d3a5f4b6c8d7e9f0a1b2c3d4e';

describe('KMS through the real SDK', () => {
  let emulator: Emulator;
  const clients = new Map<string, KMSClient>();
  const kms = (region = 'us-east-1'): KMSClient => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = new KMSClient(emulatorConfig(emulator, user, region))));
    return client;
  };
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    for (const client of clients.values()) client.destroy();
    await emulator.close();
  });

  it("pages a Region's keys two at a time with Marker, Truncated and NextMarker", async () => {
    const ids: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await kms().send(new ListKeysCommand({ Limit: 100, ...(marker && { Marker: marker }) }));
      pages++;
      assert.ok((out.Keys ?? []).length <= 2);
      ids.push(...(out.Keys ?? []).map((k) => k.KeyId ?? ''));
      assert.equal(out.Truncated, out.NextMarker !== undefined);
      marker = out.NextMarker;
    } while (marker);
    assert.equal(ids.length, 9);
    assert.equal(pages, 5);
    assert.ok(ids.includes(ORDERS_KEY) && ids.includes(MRK));
  });

  it('lists other keys per Region, and none in a Region without keys', async () => {
    const eu = await kms('eu-west-1').send(new ListKeysCommand({ Limit: 10 }));
    assert.deepEqual(
      eu.Keys?.map((k) => k.KeyId),
      [MRK, 'f4a5b6c7-d8e9-4f0a-8b1c-2d3e4f5a6b7c'],
    );
    const empty = await kms('ap-southeast-2').send(new ListKeysCommand({}));
    assert.deepEqual(empty.Keys, []);
    assert.equal(empty.Truncated, false);
  });

  it("describes a key by id, ARN, alias name and alias ARN, with KMS's metadata", async () => {
    const arn = `arn:aws:kms:us-east-1:123837392027:key/${ORDERS_KEY}`;
    for (const KeyId of [
      ORDERS_KEY,
      arn,
      'alias/orders-data',
      'arn:aws:kms:us-east-1:123837392027:alias/orders-data',
    ]) {
      const { KeyMetadata: meta } = await kms().send(new DescribeKeyCommand({ KeyId }));
      assert.equal(meta?.Arn, arn, KeyId);
    }
    const pending = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/old-backups' }));
    assert.equal(pending.KeyMetadata?.KeyState, 'PendingDeletion');
    assert.ok(
      pending.KeyMetadata?.DeletionDate instanceof Date && pending.KeyMetadata.DeletionDate.getTime() > Date.now(),
    );
    const managed = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }));
    assert.equal(managed.KeyMetadata?.KeyManager, 'AWS');
    const replica = await kms('eu-west-1').send(new DescribeKeyCommand({ KeyId: MRK }));
    assert.equal(replica.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType, 'REPLICA');
    assert.equal(
      replica.KeyMetadata?.MultiRegionConfiguration?.PrimaryKey?.Arn,
      `arn:aws:kms:us-east-1:123837392027:key/${MRK}`,
    );
  });

  it('answers rotation, policy, grants (paged), tags and last use', async () => {
    const rotation = await kms().send(new GetKeyRotationStatusCommand({ KeyId: ORDERS_KEY }));
    assert.equal(rotation.KeyRotationEnabled, true);
    assert.equal(rotation.RotationPeriodInDays, 365);
    const off = await kms().send(new GetKeyRotationStatusCommand({ KeyId: 'alias/stratus-red-team-trail' }));
    assert.equal(off.KeyRotationEnabled, false);
    const policy = await kms().send(new GetKeyPolicyCommand({ KeyId: ORDERS_KEY }));
    assert.equal((JSON.parse(policy.Policy ?? '{}') as { Statement: unknown[] }).Statement.length, 2);
    const first = await kms().send(new ListGrantsCommand({ KeyId: ORDERS_KEY }));
    assert.equal(first.Grants?.length, 2);
    assert.equal(first.Truncated, true);
    const second = await kms().send(new ListGrantsCommand({ KeyId: ORDERS_KEY, Marker: first.NextMarker }));
    assert.deepEqual(
      second.Grants?.map((g) => g.Name),
      ['backup-vault'],
    );
    const tags = await kms().send(new ListResourceTagsCommand({ KeyId: ORDERS_KEY, Limit: 50 }));
    assert.deepEqual(
      tags.Tags?.map((t) => t.TagKey),
      ['app', 'env'],
    );
    const used = await kms().send(new GetKeyLastUsageCommand({ KeyId: ORDERS_KEY }));
    assert.equal(used.KeyLastUsage?.Operation, 'Decrypt');
    assert.ok(used.TrackingStartDate instanceof Date);
  });

  it('fails as KMS does', async () => {
    await expectAwsError(kms().send(new DescribeKeyCommand({ KeyId: 'alias/nope' })), 'NotFoundException', 400);
    await expectAwsError(
      kms('eu-west-1').send(new DescribeKeyCommand({ KeyId: ORDERS_KEY })),
      'NotFoundException',
      400,
    );
    await expectAwsError(
      kms().send(new GetKeyRotationStatusCommand({ KeyId: 'alias/release-signing' })),
      'UnsupportedOperationException',
      400,
    );
    const aliases = await kms().send(new ListAliasesCommand({ Limit: 2 }));
    await expectAwsError(
      kms('eu-west-1').send(new ListAliasesCommand({ Marker: aliases.NextMarker })),
      'InvalidMarkerException',
      400,
    );
  });
});
