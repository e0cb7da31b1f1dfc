import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startEditorEmulator } from './awsEmulator';
import { runInExtensionHost } from './extensionHost';
import { repoRoot } from './paths';

interface MochaResults {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs the mocha suites of out/test/integration inside a real VS Code extension host (code-server). */
async function main(): Promise<number> {
  // The AWS features reach the emulator, seeded with real CloudTrail logs, as they would reach AWS.
  const aws = await startEditorEmulator();
  const env: Record<string, string> = { ...aws.env };
  if (process.env.CLOUDWARDEN_TEST_GREP) env.CLOUDWARDEN_TEST_GREP = process.env.CLOUDWARDEN_TEST_GREP;
  const run = await runInExtensionHost<MochaResults>({
    testsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    env,
  }).finally(() => aws.close());
  if (run.exitCode === -1)
    process.stderr.write(`integration tests timed out\n--- code-server output ---\n${run.serverOutput}\n`);
  const { results } = run;
  // scripts/test.mjs adds these counts to the run's total.
  if (results && process.env.CLOUDWARDEN_RESULTS_OUT)
    writeFileSync(process.env.CLOUDWARDEN_RESULTS_OUT, JSON.stringify(results));
  process.stdout.write(
    results
      ? `\nintegration: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`
      : '\nintegration: the suites did not report results (see the output above)\n',
  );
  return run.exitCode === 0 && results !== undefined && results.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`integration run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
