import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activitySource } from '../../../src/server/activitySource';
import { parseSettings } from '../../../src/shared/settings';

const FOLDER = '/home/dev/project';

function source(activity: Record<string, unknown>, folders = [FOLDER]) {
  return activitySource(parseSettings({ activity }).activity, folders);
}

describe('the activity source the settings choose', () => {
  test('auto: log folders, then Athena, then Lake, else LookupEvents', () => {
    assert.deepEqual(source({}), { kind: 'lookupEvents' });
    assert.deepEqual(source({ lake: { eventDataStore: 'eds' } }), { kind: 'lake', eventDataStore: 'eds' });
    assert.deepEqual(source({ lake: { eventDataStore: 'eds' }, athena: { workgroup: 'wg' } }), {
      kind: 'athena',
      workgroup: 'wg',
      database: 'default',
      table: 'cloudtrail_logs',
    });
    assert.deepEqual(source({ athena: { workgroup: 'wg' }, logFolders: ['logs'] }), {
      kind: 'logFiles',
      roots: ['/home/dev/project/logs'],
    });
  });

  test('a source named but not configured falls back; one named and configured wins', () => {
    assert.deepEqual(source({ source: 'athena', logFolders: ['/var/trail'] }), {
      kind: 'logFiles',
      roots: ['/var/trail'],
    });
    assert.deepEqual(source({ source: 'lookupEvents', logFolders: ['/var/trail'] }), { kind: 'lookupEvents' });
    assert.deepEqual(source({ source: 'lake', logFolders: ['/l'], lake: { eventDataStore: 'arn:eds' } }), {
      kind: 'lake',
      eventDataStore: 'arn:eds',
    });
    assert.deepEqual(source({ source: 'nonsense' }), { kind: 'lookupEvents' });
  });

  test('relative folders need a workspace folder on disk; absolute ones do not', () => {
    assert.deepEqual(source({ logFolders: ['logs'] }, []), { kind: 'lookupEvents' });
    assert.deepEqual(source({ logFolders: ['logs', '/abs'] }, []), { kind: 'logFiles', roots: ['/abs'] });
  });

  test('the Athena output location is passed only when set', () => {
    assert.deepEqual(source({ athena: { workgroup: 'wg', outputLocation: 's3://r/', table: 't', database: 'd' } }), {
      kind: 'athena',
      workgroup: 'wg',
      database: 'd',
      table: 't',
      outputLocation: 's3://r/',
    });
  });
});
