import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_VIEW, restoredView, type ViewState } from '../../../src/webview/explorer/viewState';

const SAVED: ViewState = {
  tab: 'findings',
  keys: {
    filter: { text: 'alias/app', flaggedOnly: true },
    sort: { key: 'lastUsed', direction: 'desc' },
    selectedId: 'arn:k',
  },
  secrets: { filter: { text: '', flaggedOnly: false }, sort: { key: 'lastAccessed', direction: 'asc' } },
  findings: {
    filter: {
      ...DEFAULT_VIEW.findings.filter,
      severities: ['HIGH'],
      sources: ['GuardDuty'],
      updatedDays: 7,
      archived: 'only',
    },
    sort: { key: 'updated', direction: 'asc' },
    selectedId: 'GuardDuty/us-east-1/f1',
  },
};

describe('explorer page: the view restored from the webview state', () => {
  test('a saved view comes back as it was, through JSON', () => {
    assert.deepEqual(restoredView(JSON.parse(JSON.stringify(SAVED))), SAVED);
  });

  test('no state or not an object: the defaults', () => {
    for (const state of [undefined, null, 'keys', 42, []]) assert.deepEqual(restoredView(state), DEFAULT_VIEW);
  });

  test('each part that does not read falls back alone', () => {
    const cases: [string, Record<string, unknown>, keyof ViewState][] = [
      ['an unknown tab', { tab: 'roles' }, 'tab'],
      [
        'a sort column of another tab',
        { keys: { ...SAVED.keys, sort: { key: 'severity', direction: 'asc' } } },
        'keys',
      ],
      ['a direction misspelt', { secrets: { ...SAVED.secrets, sort: { key: 'name', direction: 'up' } } }, 'secrets'],
      ['a filter missing a field', { keys: { ...SAVED.keys, filter: { text: '' } } }, 'keys'],
      [
        'a filter text too long',
        { keys: { ...SAVED.keys, filter: { text: 'x'.repeat(501), flaggedOnly: false } } },
        'keys',
      ],
      [
        'an unknown severity',
        { findings: { ...SAVED.findings, filter: { ...SAVED.findings.filter, severities: ['SEVERE'] } } },
        'findings',
      ],
      [
        'negative days',
        { findings: { ...SAVED.findings, filter: { ...SAVED.findings.filter, updatedDays: -1 } } },
        'findings',
      ],
      ['a selection that is not text', { findings: { ...SAVED.findings, selectedId: 7 } }, 'findings'],
    ];
    for (const [name, change, part] of cases) {
      const restored = restoredView({ ...SAVED, ...change });
      assert.deepEqual(restored[part], DEFAULT_VIEW[part], name);
      for (const other of ['tab', 'keys', 'secrets', 'findings'] as const)
        if (other !== part) assert.deepEqual(restored[other], SAVED[other], `${name}: ${other} kept`);
    }
  });
});
