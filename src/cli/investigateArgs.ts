/**
 * `cloudwarden investigate`'s command line. Pure: parsed into data, every mistake a sentence (the command
 * says it on stderr and exits 2).
 */
import { subjectOfText, subjectProblem } from '../shared/investigationSubject';
import type { InvestigationSubject } from '../shared/protocol';
import { logWindow } from './logWindow';

type Kind = Exclude<InvestigationSubject['kind'], 'window'>;

export interface InvestigateArgs {
  readonly subject: Exclude<InvestigationSubject, { kind: 'window' }>;
  readonly logs: readonly string[];
  readonly indexDir?: string;
  /** Epoch ms; 0 for everything the logs hold. */
  readonly since: number;
  readonly until?: number;
  readonly format: 'markdown' | 'json';
}

/** The words a person types for each kind (`key` for an access key, as the usage writes it). */
const KINDS: Readonly<Record<string, Kind>> = {
  principal: 'principal',
  resource: 'resource',
  key: 'accessKey',
  'access-key': 'accessKey',
  ip: 'ip',
  event: 'event',
};

const VALUE_OPTIONS = new Set(['--logs', '--index', '--since', '--until', '--format']);

export function parseInvestigateArgs(
  args: readonly string[],
  now: number,
): InvestigateArgs | { help: true } | { error: string } {
  const positional: string[] = [];
  const logs: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) return { error: `unknown option '${arg}'` };
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      return { error: `${name} needs a value` };
    if (name === '--logs') logs.push(...value.split(',').filter((p) => p !== ''));
    else values.set(name, value);
  }
  const [word, text, ...extra] = positional;
  if (word === undefined)
    return { error: 'what to investigate: principal, resource, key, ip or event, then its value' };
  const kind = Object.hasOwn(KINDS, word) ? KINDS[word] : undefined;
  if (kind === undefined) return { error: `'${word}' is not principal, resource, key, ip or event` };
  if (text === undefined) return { error: `the ${word} to investigate is missing` };
  if (extra.length > 0) return { error: `unexpected argument '${extra[0]}'` };
  const problem = subjectProblem(text, kind);
  if (problem !== undefined) return { error: `${word} '${text}': ${problem}` };
  const subject = subjectOfText(text, kind) as InvestigateArgs['subject'];
  if (logs.length === 0) return { error: '--logs is required: the folders (or files) of CloudTrail logs to read' };
  const format = values.get('--format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') return { error: `--format is markdown or json, not '${format}'` };
  const window = logWindow(values.get('--since'), values.get('--until'), now);
  if ('error' in window) return window;
  const indexDir = values.get('--index');
  return {
    subject,
    logs,
    ...window,
    format,
    ...(indexDir !== undefined && { indexDir }),
  };
}
