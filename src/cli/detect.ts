/**
 * `cloudwarden detect --logs <folder>[,<folder>...] [--since ...] [--until ...] [--format text|json|sarif]`:
 * every detection of src/core/investigate over CloudTrail log files, for CI and incident response.
 * Exit 0: no hit; 1: hits; 2: usage errors. Files that cannot be read are listed, not fatal.
 */
import { existsSync } from 'node:fs';
import { DETECTIONS, runDetections } from '../core';
import { parseDetectArgs } from './detectArgs';
import { detectJson, detectText } from './detectReport';
import { detectSarif } from './detectSarif';
import { scanLogs } from './detectScan';
import { EXIT, type CliIo } from './io';
import { VERSION } from './version';

/** The command's entry in `cloudwarden --help`, and what `cloudwarden detect --help` prints. */
export const DETECT_HELP = `  detect --logs <folder or file>[,...] [--since 24h|7d|90d|ISO] [--until ...]
         [--format text|json|sarif]
                               Run the security detections (root activity, sign-ins without MFA,
                               CloudTrail and GuardDuty turned off, IAM policy changes, public
                               resources, secrets read in bulk, bursts of AccessDenied, ...) over
                               CloudTrail log files (S3 layout, {"Records"} and {"Events"} JSON,
                               JSON Lines), everything they hold unless --since says. Hits newest
                               first; json: {"hits":[{detection, severity, panther?, eventId,
                               eventTime, principal, file}], "unreadable":[{file, reason}]}.
                               Exit 0: no hit; 1: hits; 2: usage errors (a missing folder too).
                               Files that cannot be read are listed and do not fail the run.
`;

export async function detectCommand(args: readonly string[], io: CliIo, now = Date.now()): Promise<number> {
  const parsed = parseDetectArgs(args, now);
  if ('help' in parsed) {
    io.stdout(`Usage: cloudwarden detect [options]\n\n${DETECT_HELP}`);
    return EXIT.ok;
  }
  if ('error' in parsed) {
    io.stderr(`cloudwarden detect: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const missing = parsed.logs.find((folder) => !existsSync(folder));
  if (missing !== undefined) {
    io.stderr(`cloudwarden detect: --logs ${missing}: no such folder or file\n`);
    return EXIT.usage;
  }
  const scan = await scanLogs(parsed.logs, parsed, io.progress);
  // runDetections answers in event order; reports list the newest first, as `trail` does.
  const hits = runDetections(scan.events, (event) => scan.facts.get(event)).reverse();
  const { unreadable } = scan;
  if (parsed.format === 'json') io.stdout(detectJson(hits, unreadable));
  else if (parsed.format === 'sarif')
    io.stdout(
      `${JSON.stringify(detectSarif(hits, unreadable, DETECTIONS, { version: VERSION, root: process.cwd() }))}\n`,
    );
  else {
    io.stdout(detectText(hits, unreadable, DETECTIONS));
    for (const u of unreadable) io.stderr(`cloudwarden detect: not read: ${u.file}: ${u.reason}\n`);
  }
  if (scan.skipped.records > 0)
    io.stderr(
      `cloudwarden detect: ${scan.skipped.records.toLocaleString('en-US')} record${scan.skipped.records === 1 ? ' is' : 's are'} not events and were left out (the first: ${scan.skipped.firstReason ?? 'unknown'})\n`,
    );
  if (scan.events.length === 0)
    io.stderr(`cloudwarden detect: no event in the log files${parsed.since > 0 ? ' in the window (--since)' : ''}\n`);
  return hits.length > 0 ? EXIT.noMatch : EXIT.ok;
}
