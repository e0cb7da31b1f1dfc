/**
 * `cloudwarden detect --logs <folder>[,<folder>...] [--index <dir>] [--since ...] [--until ...]
 * [--format text|json|sarif]`: every detection of src/core/investigate over CloudTrail log files, for CI
 * and incident response. The files go through the on-disk log index (as `trail --logs`): only new and
 * changed files are read, in worker threads, and the detections run from the index with the facts it
 * keeps. Exit 0: no hit; 1: hits; 2: usage errors. Files that cannot be read are listed, not fatal.
 */
import { existsSync } from 'node:fs';
import { DETECTIONS } from '../core';
import { parseDetectArgs } from './detectArgs';
import { detectJson, detectText } from './detectReport';
import { detectSarif } from './detectSarif';
import { EXIT, type CliIo } from './io';
import { indexedLogs } from './logFolders';
import { VERSION } from './version';

/** The command's entry in `cloudwarden --help`, and what `cloudwarden detect --help` prints. */
export const DETECT_HELP = `  detect --logs <folder or file>[,...] [--index <dir>] [--since 24h|7d|90d|ISO] [--until ...]
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
                               The files are indexed first (--index, or a folder in the user's
                               cache), so a second run reads only new and changed files.
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
  const { index, notes } = await indexedLogs(parsed.logs, parsed.indexDir, io);
  const window = { since: parsed.since, ...(parsed.until !== undefined && { until: parsed.until }) };
  const detected = index.detect(window);
  // The detections answer in event order; reports list the newest first, as `trail` does.
  const hits = detected.hits.reverse();
  const { unreadable, skipped } = detected;
  for (const note of [...notes, ...index.takeMessages()]) io.stderr(`cloudwarden detect: ${note}\n`);
  if (parsed.format === 'json') io.stdout(detectJson(hits, unreadable));
  else if (parsed.format === 'sarif')
    io.stdout(
      `${JSON.stringify(detectSarif(hits, unreadable, DETECTIONS, { version: VERSION, root: process.cwd() }))}\n`,
    );
  else {
    io.stdout(detectText(hits, unreadable, DETECTIONS));
    for (const u of unreadable) io.stderr(`cloudwarden detect: not read: ${u.file}: ${u.reason}\n`);
  }
  if (skipped.records > 0)
    io.stderr(
      `cloudwarden detect: ${skipped.records.toLocaleString('en-US')} record${skipped.records === 1 ? ' is' : 's are'} not events and were left out (the first: ${skipped.firstReason ?? 'unknown'})\n`,
    );
  if (detected.events === 0)
    io.stderr(`cloudwarden detect: no event in the log files${parsed.since > 0 ? ' in the window (--since)' : ''}\n`);
  return hits.length > 0 ? EXIT.noMatch : EXIT.ok;
}
