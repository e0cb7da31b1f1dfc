// The real-repository trial (docs/benchmarks.md, "Precision on real repositories"), re-runnable.
//
//   node scripts/real-repo-trial.mjs [--sample N] [--seed S] <checked-out repository folders...>
//
// Lints each folder with the built CLI (npm run build first), prints one line per folder (files, files
// with findings, findings by severity, what was not analysed by kind, seconds), then, with --sample, N
// warnings and errors drawn at random (seeded) from each folder with three lines of context each, for
// a person to classify as true or false. The folders are public repositories cloned outside the project
// (their code is never copied into it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  return Number(value);
};
const sample = option('--sample', 0);
const seed = option('--seed', 1);
const cli = path.join(new URL('..', import.meta.url).pathname, 'dist', 'cli.js');

/** A small seeded generator (mulberry32), so that a sample can be drawn again. */
function random(s) {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kind of a not-analysed reason, for counting. */
function kindOf(reason) {
  if (/dynamic/.test(reason)) return 'dynamic block';
  if (/input/.test(reason)) return 'module input';
  if (/not text/.test(reason)) return 'not text';
  if (/deep/.test(reason)) return 'too deep';
  if (/pars/.test(reason)) return 'not parseable';
  return 'other';
}

for (const folder of args) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'none', folder], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const report = JSON.parse(run.stdout);
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const items = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      bySeverity[f.severity]++;
      if (f.severity !== 'info') items.push({ path: file.path, f });
    }
  }
  const notAnalysed = {};
  for (const n of report.notAnalysed) notAnalysed[kindOf(n.reason)] = (notAnalysed[kindOf(n.reason)] ?? 0) + 1;
  const withFindings = report.files.filter((f) => f.findings.length > 0).length;
  console.log(
    `${path.basename(folder)}: ${report.files.length} files, ${withFindings} with findings; ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info; not analysed ${JSON.stringify(notAnalysed)}; internal errors ${report.internalErrors.length}; ${seconds} s`,
  );
  if (sample === 0) continue;
  const next = random(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  for (const [i, { path: file, f }] of items.slice(0, sample).entries()) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = f.range.start.line;
    console.log(`\n#${i + 1} ${f.severity} ${f.rule} ${file}:${line + 1}\n  ${f.message}`);
    for (let k = Math.max(0, line - 2); k <= Math.min(lines.length - 1, line + 2); k++)
      console.log(`  ${String(k + 1).padStart(5)}| ${lines[k].slice(0, 140)}`);
  }
}
