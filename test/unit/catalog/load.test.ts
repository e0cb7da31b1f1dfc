import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Catalog, CatalogLoadError, FORMAT_VERSION, lazyCatalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

let dir: string;
let good: Record<string, unknown>;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-catalog-'));
  good = JSON.parse(readFileSync(catalogFile, 'utf8')) as Record<string, unknown>;
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Asserts that `fn` throws a CatalogLoadError with this reason whose message names `file` and matches `detail`. */
function assertLoadError(fn: () => unknown, reason: string, file: string, detail: RegExp): CatalogLoadError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CatalogLoadError, `expected a CatalogLoadError, got ${String(caught)}`);
  assert.equal(caught.reason, reason);
  assert.equal(caught.file, file);
  assert.ok(caught.message.includes(file), caught.message);
  assert.match(caught.message, detail);
  return caught;
}

describe('Catalog.load errors', () => {
  test('missing file', () => {
    const file = path.join(dir, 'nope.json');
    assertLoadError(() => Catalog.load(file), 'missing', file, /does not exist.*build:catalog/);
  });

  test('a directory is unreadable', () => {
    assertLoadError(() => Catalog.load(dir), 'unreadable', dir, /cannot be read/);
  });

  test('corrupt JSON', () => {
    const file = write('corrupt.json', '{"formatVersion": 1, "services": [');
    assertLoadError(() => Catalog.load(file), 'not-json', file, /not valid JSON/);
  });

  test('wrong format version', () => {
    const file = write('old.json', JSON.stringify({ ...good, formatVersion: FORMAT_VERSION + 1 }));
    assertLoadError(
      () => Catalog.load(file),
      'wrong-version',
      file,
      new RegExp(`formatVersion is ${FORMAT_VERSION + 1}.*reads ${FORMAT_VERSION}`),
    );
  });

  const shapes: [string, (data: Record<string, unknown>) => unknown, RegExp][] = [
    ['not an object', () => [1, 2, 3], /top level is not an object/],
    ['no services', (d) => ({ ...d, services: [] }), /services/],
    ['bad date', (d) => ({ ...d, dataDate: 'yesterday' }), /dataDate/],
    ['bad access levels', (d) => ({ ...d, accessLevels: ['Read'] }), /accessLevels/],
    ['short service row', (d) => ({ ...d, services: [['s3', 'Amazon S3']] }), /services\[0\] is not a 9-element array/],
    [
      'levels that are not access-level digits',
      (d) => ({
        ...d,
        services: (d.services as unknown[][]).map((row, i) =>
          i === 0 ? [...row.slice(0, 4), 'x9', ...row.slice(5)] : row,
        ),
      }),
      /services\[0\].*levels are not access-level digits/,
    ],
    [
      'names that are not a string',
      (d) => ({
        ...d,
        services: (d.services as unknown[][]).map((row, i) =>
          i === 0 ? [...row.slice(0, 3), ['a'], ...row.slice(4)] : row,
        ),
      }),
      /services\[0\].*action columns are not strings/,
    ],
    [
      'services out of order',
      (d) => ({ ...d, services: [...(d.services as unknown[])].reverse() }),
      /out of prefix order/,
    ],
    ['condition key index out of range', (d) => ({ ...d, globalConditionKeys: [1e9] }), /globalConditionKeys/],
  ];
  for (const [label, mutate, detail] of shapes) {
    test(`wrong shape: ${label}`, () => {
      const file = write(`${label.replace(/\W+/g, '-')}.json`, JSON.stringify(mutate(good)));
      assertLoadError(() => Catalog.load(file), 'wrong-shape', file, detail);
      assertLoadError(() => Catalog.fromData(mutate(good)), 'wrong-shape', '<data>', detail);
    });
  }

  test('a column with the wrong number of entries degrades its actions instead of throwing', () => {
    const services = (good.services as unknown[][]).map((row) =>
      row[0] === 's3' ? [...row.slice(0, 5), 'only one description', ...row.slice(6)] : row,
    );
    const catalog = Catalog.fromData({ ...good, services });
    const actions = catalog.actionsOf('s3');
    assert.ok(actions.length > 100);
    assert.equal(actions[0]!.description, 'only one description');
    assert.equal(catalog.action('s3:GetObject')?.description, '');
    assert.equal(catalog.action('ec2:RunInstances')?.description.length !== 0, true);
  });

  test('a file with raw UTF-8 text loads as UTF-8 (the build writes escaped ASCII)', () => {
    const keys = good.conditionKeys as { names: string[]; descriptions: string[] };
    const descriptions = keys.descriptions.map((d, i) => (i === 0 ? 'Zürich ✓ 東京' : d));
    const file = write('utf8.json', JSON.stringify({ ...good, conditionKeys: { ...keys, descriptions } }));
    assert.equal(Catalog.load(file).conditionKey(keys.names[0]!)?.description, 'Zürich ✓ 東京');
  });

  test('the built file is pure ASCII', () => {
    assert.ok(!/[^\x00-\x7f]/.test(readFileSync(catalogFile, 'latin1')));
  });

  test('fromData accepts the parsed file', () => {
    const catalog = Catalog.fromData(good);
    assert.equal(catalog.action('s3:getobject')?.fullName, 's3:GetObject');
  });
});

describe('lazyCatalog', () => {
  test('loads on first call and caches the catalog', () => {
    const get = lazyCatalog(catalogFile);
    const first = get();
    assert.equal(get(), first);
    assert.ok(first.services().length > 0);
  });

  test('caches a failure and rethrows the same error', () => {
    const file = path.join(dir, 'later.json');
    const get = lazyCatalog(file);
    const first = assertLoadError(get, 'missing', file, /does not exist/);
    // Even once the file appears, the loader keeps reporting the first failure: callers report once and move on.
    write('later.json', JSON.stringify(good));
    let second: unknown;
    try {
      get();
    } catch (error) {
      second = error;
    }
    assert.equal(second, first);
  });

  test('does not touch the disk until called', () => {
    const get = lazyCatalog(path.join(dir, 'never.json'));
    assert.equal(typeof get, 'function');
  });
});
