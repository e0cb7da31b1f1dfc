import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The extension-host entry point: VS Code (code-server here, or desktop VS Code through
 * @vscode/test-electron) requires this module and awaits run(). Results also go to the file named by
 * CLOUDWARDEN_TEST_RESULTS, a second channel beside the exit code.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const suites = path.join(__dirname, 'suites');
  for (const file of readdirSync(suites)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(suites, file));
  }
  const grep = process.env.CLOUDWARDEN_TEST_GREP;
  if (grep) mocha.grep(grep);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      const resultsFile = process.env.CLOUDWARDEN_TEST_RESULTS;
      if (resultsFile) {
        writeFileSync(
          resultsFile,
          JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }),
        );
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
