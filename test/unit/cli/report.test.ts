import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { exitCodeOf } from '../../../src/cli/lint';
import { formatJson } from '../../../src/cli/jsonReport';
import type { FileReport } from '../../../src/cli/report';
import { toSarif } from '../../../src/cli/sarif';
import { formatText } from '../../../src/cli/textReport';
import { ruleMetas } from '../../../src/core/rules/registry';
import { CLASSIFICATION } from '../../../src/core/rules/classification';
import { repoRoot, rulesDocsUri } from '../helpers/paths';
import { cli } from '../helpers/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-report-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
/** `iam:*` on `*`: several rules on the one wildcard. */
const IAM_STAR =
  'Version: "2012-10-17"\nStatement:\n  - Sid: Admin\n    Effect: Allow\n    Action: iam:*\n    Resource: "*"\n';
const wide = write('wide.yaml', IAM_STAR);
const deep = write('deep.yaml', `Statement:\n${'['.repeat(1000)}${']'.repeat(1000)}\n`);

/** The SARIF 2.1.0 schema (OASIS, as published with the standard's errata 01: rtm.5), from an npm package. */
const SARIF_SCHEMA = JSON.parse(
  readFileSync(
    path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
    'utf8',
  ),
) as object;

function validateSarif(log: unknown): void {
  // unicodeRegExp off: the schema's pattern for `language` is not valid in Unicode mode (a stray `]`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
}

describe('cloudwarden lint: reports', () => {
  test('text: findings on one element are one entry, the others indented beneath the most severe', () => {
    const r = cli(['lint', wide]);
    const lines = r.stdout.trimEnd().split('\n');
    const heads = lines.filter((l) => l.startsWith(wide));
    const also = lines.filter((l) => l.startsWith('    also '));
    const onWildcard = heads.filter((l) => l.startsWith(`${wide}:5:13:`));
    assert.equal(onWildcard.length, 1, r.stdout);
    assert.ok(also.length >= 2, r.stdout);
    assert.ok(also.some((l) => / wildcard-action: /.test(l)) || / wildcard-action: /.test(onWildcard[0]!), r.stdout);
    const total = heads.length + also.length;
    assert.match(lines.at(-1)!, new RegExp(`^1 file checked: ${total} findings at ${heads.length} places`));
  });

  test('json keeps every finding its own entry', () => {
    const r = cli(['lint', '--format', 'json', wide]);
    const out = JSON.parse(r.stdout) as {
      files: { findings: { rule: string; range: { start: { line: number; character: number } } }[] }[];
    };
    const onWildcard = out.files[0]!.findings.filter((f) => f.range.start.line === 4 && f.range.start.character === 12);
    assert.ok(onWildcard.length >= 3, JSON.stringify(out.files[0]!.findings));
  });

  test('what was not analysed: text lists it after the findings, JSON at the top level, SARIF as notifications', () => {
    const text = cli(['lint', deep, wide]);
    assert.match(
      text.stdout,
      /\nNot analysed:\n.*deep\.yaml: the file nests more than \d+ levels deep: not analysed\n/,
    );
    assert.match(text.stdout, /, 1 not analysed\n$/);
    assert.equal(cli(['lint', deep]).code, 0, 'not analysed is said, not a failure');
    const json = JSON.parse(cli(['lint', '--format', 'json', deep]).stdout) as {
      notAnalysed: { path: string; reason: string; range?: unknown }[];
      internalErrors: unknown[];
    };
    assert.deepEqual(json.notAnalysed, [{ path: deep, reason: json.notAnalysed[0]!.reason }]);
    assert.match(json.notAnalysed[0]!.reason, /nests more than/);
    assert.deepEqual(json.internalErrors, []);
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', deep]).stdout) as Log;
    validateSarif(sarif);
    const invocation = sarif.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, true);
    const [note] = invocation.toolExecutionNotifications!;
    assert.equal(note!.level, 'note');
    assert.equal(note!.descriptor!.id, 'not-analysed');
    assert.match(note!.message.text!, /nests more than/);
  });

  test('a rule that failed: listed in every format, exit code 2', () => {
    const report: FileReport = {
      path: wide,
      text: IAM_STAR,
      findings: [],
      suppressed: [],
      notAnalysed: [],
      internalErrors: [{ ruleId: 'wildcard-action', where: 'the file', message: 'boom' }],
    };
    assert.match(
      formatText([report]),
      /Rules that failed .*\n.*wide\.yaml: rule wildcard-action failed on the file: boom\n/,
    );
    assert.deepEqual((JSON.parse(formatJson([report])) as { internalErrors: unknown }).internalErrors, [
      { path: wide, rule: 'wildcard-action', where: 'the file', message: 'boom' },
    ]);
    const sarif = toSarif([report], [], ruleMetas(), { version: '0', root: dir, helpUriBase: rulesDocsUri });
    validateSarif(sarif);
    const invocation = sarif.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications![0]!.associatedRule!.id, 'wildcard-action');
    assert.equal(exitCodeOf([report], [], 'none'), 2);
    assert.equal(exitCodeOf([{ ...report, internalErrors: [] }], [], 'none'), 0);
    assert.equal(exitCodeOf([], [{ path: 'x', reason: 'no such file or folder' }], 'none'), 2);
  });

  test('sarif: valid against the 2.1.0 schema, with what code scanning reads', () => {
    // Run from the folder that holds the files, as CI runs from the repository's root.
    const cwd = process.cwd();
    process.chdir(dir);
    let r: ReturnType<typeof cli>;
    try {
      r = cli([
        'lint',
        '--format',
        'sarif',
        '--help-uri-base',
        'https://example.com/rules',
        'wide.yaml',
        'missing.json',
      ]);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as Log;
    validateSarif(log);
    const run = log.runs[0]!;
    assert.match(run.originalUriBaseIds!['%SRCROOT%']!.uri!, /^file:\/\/\/.*\/$/);
    const result = run.results![0]!;
    const location = result.locations![0]!.physicalLocation!.artifactLocation!;
    // Relative to the folder the run started in, as code scanning resolves it in the repository.
    assert.equal(location.uriBaseId, '%SRCROOT%');
    assert.equal(location.uri, 'wide.yaml');
    assert.equal(
      new URL(location.uri!, run.originalUriBaseIds!['%SRCROOT%']!.uri).pathname,
      new URL(`file://${wide}`).pathname,
    );
    assert.match(result.partialFingerprints!['cloudwarden/v1']!, /^[0-9a-f]{32}$/);
    const wildcard = run.tool.driver.rules!.find((x) => x.id === 'wildcard-action')!;
    assert.equal(wildcard.helpUri, 'https://example.com/rules/wildcard-action.md');
    assert.match(wildcard.help!.markdown!, /# /);
    assert.deepEqual(wildcard.properties!.tags, ['security', 'external/cwe/cwe-732']);
    assert.match(String(wildcard.properties!['security-severity']), /^\d+\.\d$/);
    const invocation = run.invocations![0]!;
    assert.equal(invocation.executionSuccessful, false, 'a path could not be read');
    assert.ok(
      invocation.toolExecutionNotifications!.some(
        (n) => n.descriptor!.id === 'unreadable' && /missing\.json: no such file/.test(n.message.text!),
      ),
    );
  });

  test('sarif fingerprints stay the same when lines are inserted above, and differ per rule and element', () => {
    const moved = write('moved.yaml', IAM_STAR);
    const before = JSON.parse(cli(['lint', '--format', 'sarif', moved]).stdout) as Log;
    writeFileSync(moved, `# a comment\n# and another\n${IAM_STAR}`);
    const after = JSON.parse(cli(['lint', '--format', 'sarif', moved]).stdout) as Log;
    const prints = (log: Log) =>
      log.runs[0]!.results!.map((x) => `${x.ruleId} ${x.partialFingerprints!['cloudwarden/v1']}`).sort();
    assert.deepEqual(prints(after), prints(before));
    assert.notEqual(
      before.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine,
      after.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine,
    );
    const all = before.runs[0]!.results!.map((x) => x.partialFingerprints!['cloudwarden/v1']);
    assert.equal(new Set(all).size, all.length, 'no two results share a fingerprint');
  });

  test('every rule is classified for code scanning', () => {
    for (const meta of ruleMetas())
      assert.ok(CLASSIFICATION[meta.id], `${meta.id} has no row in src/core/rules/classification.ts`);
    assert.deepEqual(
      Object.keys(CLASSIFICATION).filter((id) => !ruleMetas().some((m) => m.id === id)),
      [],
      'rows of rules that do not exist',
    );
  });
});
