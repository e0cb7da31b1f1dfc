import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import {
  arnNamer,
  Catalog,
  generatePolicy,
  isPrincipalArn,
  lintText,
  principalIdentity,
  renderPolicy,
  tallyEvents,
  type ActivityEvent,
  type PolicyLanguage,
} from '../../../src/core';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { loadGrammars } from '../helpers/grammars';
import { catalogFile } from '../helpers/paths';

const LANGUAGES: readonly PolicyLanguage[] = ['json', 'yaml', 'typescript', 'terraform'];
const present = existsSync(INVICTUS_FOLDER);

/**
 * The policies of every role and user of the Invictus dataset (real CloudTrail logs of an attack
 * simulation): what each was allowed to call, found here by a plain scan, is either granted or said to be
 * left out, what it was only refused is not granted, and every policy lints clean in every language.
 */
describe('least-privilege policies for the principals of the Invictus dataset', { skip: !present }, () => {
  let catalog: Catalog;
  let events: ActivityEvent[];
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
    events = invictusFileEvents().flatMap((f) => f.events);
  });

  test('each principal: its allowed actions granted or left out, refusals not granted, no error or warning', () => {
    const principals = [...new Set(events.map((e) => principalIdentity(e.principal)))].filter(isPrincipalArn);
    assert.ok(principals.length >= 10, `${principals.length} roles and users`);
    const namer = arnNamer(catalog);
    /** By principal: the actions left out by the events' ARNs alone, and with names made ARNs. */
    const leftOut = new Map<string, [number, number]>();
    let granted = 0;
    for (const principal of principals) {
      const mine = events.filter((e) => principalIdentity(e.principal) === principal && e.action !== undefined);
      const isRefused = (e: ActivityEvent) =>
        /^(AccessDenied|(Client\.)?UnauthorizedOperation$|UnauthorizedAccess$)/.test(e.errorCode ?? '');
      const allowed = new Set(mine.filter((e) => !isRefused(e)).map((e) => catalog.action(e.action!)!.fullName));
      const onlyRefused = new Set(
        mine
          .filter(isRefused)
          .map((e) => e.action!)
          .filter((a) => !allowed.has(a)),
      );
      const policy = generatePolicy(tallyEvents(mine, { namer }).actions, catalog);
      // Names made ARNs leave out fewer actions than the ARNs the events give alone.
      const byArnsAlone = generatePolicy(tallyEvents(mine).actions, catalog);
      assert.ok(policy.leftOut.length <= byArnsAlone.leftOut.length, principal);
      leftOut.set(principal, [byArnsAlone.leftOut.length, policy.leftOut.length]);
      const inPolicy = new Set(policy.statements.flatMap((s) => s.actions));
      const notGranted = new Set(policy.leftOut.map((l) => l.action));
      assert.deepEqual([...inPolicy, ...notGranted].sort(), [...allowed].sort(), principal);
      for (const action of onlyRefused) assert.ok(!inPolicy.has(action), `${principal}: ${action} was only refused`);
      granted += inPolicy.size;
      if (policy.statements.length === 0) continue;
      for (const language of LANGUAGES) {
        const text = renderPolicy(policy.statements, language, {
          name: principal.slice(principal.lastIndexOf('/') + 1),
        });
        const findings = lintText(text, language, catalog).findings.filter((f) => f.severity !== 'info');
        assert.deepEqual(
          findings.map((f) => `${f.ruleId}: ${f.message}`),
          [],
          `${principal} in ${language}`,
        );
      }
    }
    assert.ok(granted > 50, `${granted} actions granted in all`);
    // bert-jan's calls name functions, buckets, log groups, instances and trails by name: 95 left out before.
    const [before, after] = leftOut.get('arn:aws:iam::123837392027:user/bert-jan')!;
    assert.ok(after <= before - 15, `bert-jan: ${before} actions left out by ARNs alone, ${after} with names`);
  });
});
