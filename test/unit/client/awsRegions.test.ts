import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { COMMERCIAL_REGIONS } from '../../../src/extension/awsRegions';
import { repoRoot } from '../helpers/paths';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { items?: { pattern: string } }> } };
};

/**
 * The commercial partition's Regions with their names as the installed AWS SDK describes them (the
 * partitions data bundled in @aws-sdk/core, which the SDK clients depend on:
 * `"us-east-1": { "description": "US East (N. Virginia)" }`).
 */
function sdkRegions(): Map<string, string> {
  const file = path.join(repoRoot, 'node_modules', '@aws-sdk', 'core', 'dist-cjs', 'submodules', 'client', 'index.js');
  const text = readFileSync(file, 'utf8');
  const aws = text.slice(text.indexOf('"id": "aws"'), text.indexOf('"id": "aws-cn"'));
  assert.ok(aws.length > 0, `no aws partition in ${file}`);
  const regions = new Map<string, string>();
  for (const m of aws.matchAll(/"([a-z]{2}-[a-z]+-\d+)":\s*\{\s*"description":\s*"([^"]+)"/g))
    regions.set(m[1]!, m[2]!);
  return regions;
}

describe('the Region list of the Region picker', () => {
  test('codes written as the setting accepts them, each once, each with a name', () => {
    const pattern = new RegExp(
      manifest.contributes.configuration.properties['cloudwarden.aws.regions']!.items!.pattern,
    );
    const codes = COMMERCIAL_REGIONS.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length, 'a Region twice');
    for (const { code, name } of COMMERCIAL_REGIONS) {
      assert.ok(pattern.test(code), code);
      assert.match(code, /^(?:af|ap|ca|eu|il|me|mx|sa|us)-[a-z]+-\d+$/, 'a commercial Region');
      assert.ok(name.length > 0 && name.trim() === name, code);
    }
  });

  test('the same Regions, with the same names, as the AWS SDK’s partitions data', () => {
    const sdk = sdkRegions();
    assert.ok(sdk.has('us-east-1') && sdk.size > 30, `only ${sdk.size} Regions read from the SDK`);
    assert.deepEqual(
      new Map(COMMERCIAL_REGIONS.map((r) => [r.code, r.name])),
      sdk,
      'a Region added to or named differently in the SDK: update src/extension/awsRegions.ts',
    );
  });
});
