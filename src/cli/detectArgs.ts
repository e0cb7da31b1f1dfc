/**
 * `cloudwarden detect`'s command line. Pure: parsed into data, every mistake a sentence (the command
 * says it on stderr and exits 2).
 */
import { parseSince } from '../core';

type DetectFormat = 'text' | 'json' | 'sarif';

export interface DetectArgs {
  /** Folders and files of CloudTrail logs, as given. */
  readonly logs: readonly string[];
  /** The log index's folder, when asked (else one in the user's cache folder). */
  readonly indexDir?: string;
  /** Events at or after this time (ms); 0 for everything the logs hold. */
  readonly since: number;
  /** Events at or before this time (ms), when asked. */
  readonly until?: number;
  readonly format: DetectFormat;
}

const VALUE_OPTIONS = new Set(['--logs', '--index', '--since', '--until', '--format']);

/** The arguments, `{ help: true }` for --help, or the first mistake. */
export function parseDetectArgs(args: readonly string[], now: number): DetectArgs | { help: true } | { error: string } {
  const logs: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name))
      return { error: arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'` };
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      return { error: `${name} needs a value` };
    // --logs takes a comma-separated list and may be repeated; the other options once.
    if (name === '--logs') logs.push(...value.split(',').filter((folder) => folder !== ''));
    else values.set(name, value);
  }
  if (logs.length === 0) return { error: '--logs is required: the folders (or files) of CloudTrail logs to scan' };
  const format = values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    return { error: `--format is text, json or sarif, not '${format}'` };
  const sinceText = values.get('--since');
  // Log files are a history: everything they hold unless asked (as `trail --logs`).
  const since = sinceText === undefined ? 0 : parseSince(sinceText, now);
  if (since === undefined) return { error: '--since is a duration (24h, 7d, 90d) or an ISO time' };
  const untilText = values.get('--until');
  const until = untilText === undefined ? undefined : parseSince(untilText, now);
  if (untilText !== undefined && until === undefined) return { error: '--until is a duration or an ISO time' };
  if (until !== undefined && until < since) return { error: '--until is before --since' };
  const indexDir = values.get('--index');
  return { logs, since, format, ...(until !== undefined && { until }), ...(indexDir !== undefined && { indexDir }) };
}
