/**
 * `cloudwarden detect`'s command line. Pure: parsed into data, every mistake a sentence (the command
 * says it on stderr and exits 2).
 */
import { logWindow } from './logWindow';

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
  // Log files are a history: everything they hold unless asked (as `trail --logs`).
  const window = logWindow(values.get('--since'), values.get('--until'), now);
  if ('error' in window) return window;
  const indexDir = values.get('--index');
  return { logs, ...window, format, ...(indexDir !== undefined && { indexDir }) };
}
