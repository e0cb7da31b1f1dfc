import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS } from '../../../src/shared/settings';
import { repoRoot } from '../helpers/paths';

interface Contributed {
  type: string;
  default: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
  minimum?: number;
  items?: { type: string; pattern?: string };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Contributed> } };
};
const contributed = manifest.contributes.configuration.properties;

describe('settings: src/shared/settings.ts is the one definition', () => {
  test('package.json contributes exactly the settings defined there, with the same type, default, scope and text', () => {
    assert.deepEqual(
      Object.keys(contributed).sort(),
      Object.keys(SETTINGS)
        .map((k) => `cloudwarden.${k}`)
        .sort(),
      'a setting in one place only',
    );
    for (const [key, spec] of Object.entries(SETTINGS)) {
      const c = contributed[`cloudwarden.${key}`]!;
      assert.equal(c.type, spec.type, key);
      assert.deepEqual(c.default, spec.default, key);
      assert.equal(c.scope, spec.scope, key);
      assert.equal(c.description ?? c.markdownDescription, spec.description, key);
      assert.deepEqual(c.enum, 'enum' in spec ? spec.enum : undefined, key);
      assert.deepEqual(c.enumDescriptions, 'enumDescriptions' in spec ? spec.enumDescriptions : undefined, key);
      assert.equal(c.minimum, 'minimum' in spec ? spec.minimum : undefined, key);
      assert.deepEqual(c.items, 'items' in spec ? spec.items : undefined, key);
    }
  });

  test("the README's settings table lists every setting", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const key of Object.keys(SETTINGS))
      assert.ok(
        readme.includes(`| \`cloudwarden.${key}\``),
        `cloudwarden.${key} is not in the README's settings table`,
      );
  });

  test('values of the wrong type fall back to the default; valid ones are read', () => {
    assert.deepEqual(
      parseSettings({
        hover: { enable: 'no' },
        lint: { maxFileSize: -1, debounceMs: 40 },
        rules: { 'resource-star': 'info', x: 'loud' },
      }),
      {
        ...DEFAULT_SETTINGS,
        lint: { ...DEFAULT_SETTINGS.lint, debounceMs: 40 },
        rules: { 'resource-star': 'info' },
      },
    );
    assert.deepEqual(parseSettings('nonsense'), DEFAULT_SETTINGS);
  });

  test('AWS: the profile trimmed, only well-written Regions (each once), a timeout of at least 1 s', () => {
    const cases: [unknown, (typeof DEFAULT_SETTINGS)['aws']][] = [
      [undefined, { profile: '', regions: [], requestTimeoutMs: 10_000 }],
      [
        {
          profile: ' dev ',
          regions: ['us-east-1', 'eu-west-1 ', 'us-east-1', 'US-EAST-1', 'us east 1', 7],
          requestTimeoutMs: 5000,
        },
        { profile: 'dev', regions: ['us-east-1', 'eu-west-1'], requestTimeoutMs: 5000 },
      ],
      [
        { profile: 42, regions: 'us-east-1', requestTimeoutMs: 10 },
        { profile: '', regions: [], requestTimeoutMs: 10_000 },
      ],
      [
        { regions: ['us-gov-west-1', 'cn-north-1', 'ap-southeast-7'] },
        { profile: '', regions: ['us-gov-west-1', 'cn-north-1', 'ap-southeast-7'], requestTimeoutMs: 10_000 },
      ],
    ];
    for (const [aws, expected] of cases) assert.deepEqual(parseSettings({ aws }).aws, expected, JSON.stringify(aws));
  });
});
