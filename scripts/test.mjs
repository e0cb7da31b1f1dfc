// `npm test` and its parts. Usage: node scripts/test.mjs [all|unit|integration|e2e|desktop|bench|check]
// `all` (the default) is what CI runs: set-up, type-check, lint, build, unit, integration, e2e.
// Every stage runs even when an earlier test stage failed, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const what = process.argv[2] ?? 'all';
const results = [];
const counts = { passed: 0, failed: 0 };
const scratch = mkdtempSync(join(tmpdir(), 'cloudwarden-test-'));

/** Node's test runner, printing spec to the console and TAP to a file whose totals are added up. */
function nodeTests(name, args) {
  const tap = join(scratch, `${name}.tap`);
  const ok = run(name, process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...args,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  counts.passed += Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  counts.failed += Number(/^# fail (\d+)/m.exec(text)?.[1] ?? (ok ? 0 : 1));
  return ok;
}

function run(name, command, args, { env = {} } = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function files(dir, suffix) {
  let out = [];
  let names;
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out = out.concat(files(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

const setup = () => run('set-up', 'bash', ['scripts/setup-tools.sh']);
const build = () =>
  run('build', process.execPath, ['scripts/build-catalog.mjs']) &&
  run('bundle', process.execPath, ['esbuild.mjs', '--tests']);
// The same checks as `npm run lint`, each its own stage so that the summary says which one failed.
const check = () =>
  [
    run('type-check', 'npx', ['tsc', '--noEmit', '-p', '.']),
    // The webview pages run in a browser: their own project, with the DOM's types.
    run('type-check: webview pages', 'npx', ['tsc', '--noEmit', '-p', 'src/webview']),
    run('lint: eslint', 'npx', ['eslint', '.']),
    run('lint: formatting (prettier)', 'npx', ['prettier', '--check', '.']),
    run('lint: rooms and cycles (dependency-cruiser)', 'npx', ['depcruise', 'src']),
    run('lint: architecture picture', process.execPath, ['scripts/architecture.mjs', '--check']),
    run('lint: unused code (knip)', 'npx', ['knip']),
  ].every(Boolean);
const unit = () => nodeTests('unit', files('out/test/unit', '.test.js'));
const integration = () => {
  const resultsFile = join(scratch, 'integration.json');
  const ok = run('integration', process.execPath, ['out/test/harness/runIntegration.js'], {
    env: { CLOUDWARDEN_RESULTS_OUT: resultsFile },
  });
  const r = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
  counts.passed += r.passed;
  counts.failed += r.failed;
  return ok;
};
const e2e = () =>
  nodeTests('e2e', ['--test-concurrency=1', '--test-timeout=240000', ...files('out/test/e2e', '.e2e.js')]);
const desktop = () => run('desktop integration', process.execPath, ['out/test/harness/runDesktop.js']);
const bench = () =>
  files('out/bench', '.bench.js').every((f) => run(`bench ${f}`, process.execPath, ['--expose-gc', f]));

const plans = {
  all: () => setup() && check() && build() && [unit(), integration(), e2e()],
  check: () => check(),
  unit: () => build() && unit(),
  integration: () => setup() && build() && integration(),
  e2e: () => setup() && build() && e2e(),
  desktop: () => build() && desktop(),
  bench: () => setup() && build() && bench(),
};
if (!plans[what]) {
  console.error(`unknown stage '${what}'; one of: ${Object.keys(plans).join(', ')}`);
  process.exit(2);
}
plans[what]();

const failed = results.filter((r) => !r.ok);
console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
if (counts.passed + counts.failed > 0) console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(failed.length === 0 ? 0 : 1);
