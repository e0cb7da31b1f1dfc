/**
 * Command line: `node out/test/emulator/main.js [--port N] [--seed FILE] [--cloudtrail-logs DIR] [--quiet]`.
 *
 * Prints exactly one line on stdout once listening, which scripts parse:
 * `CloudWarden AWS emulator listening on http://127.0.0.1:<port>`. Request logs go to stderr, and so
 * do skipped CloudTrail log files (even with --quiet: they say why events are missing).
 * Stops cleanly on SIGINT and SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server';

const USAGE = 'usage: node out/test/emulator/main.js [--port N] [--seed FILE] [--cloudtrail-logs DIR] [--quiet]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'cloudtrail-logs': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0 to 65535, got ${values.port}`);
  const emulator = await startEmulator({
    port,
    ...(values.seed !== undefined && { seed: values.seed }),
    ...(values['cloudtrail-logs'] !== undefined && { cloudtrailLogs: values['cloudtrail-logs'] }),
    ...(!values.quiet && { log: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  process.stdout.write(`CloudWarden AWS emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`CloudWarden AWS emulator failed to stop: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `CloudWarden AWS emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`,
  );
  process.exit(2);
});
