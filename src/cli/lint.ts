import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  type Catalog,
  grammarOf,
  isIgnored,
  LineIndex,
  type LintConfig,
  lintConfigFor,
  lintText,
  mayHoldPolicies,
  PROJECT_FILE_NAME,
  type ProjectFile,
  ProjectFiles,
  readIfPresent,
  readRelativeTo,
  ruleMetas,
  SEVERITIES,
  type Severity,
  policyFormatOfFile,
} from '../core';
import { EXIT, type CliIo } from './io';
import { jsonReport } from './jsonReport';
import { writeJson } from './jsonStream';
import type { FileReport, Unreadable } from './report';
import { toSarif } from './sarif';
import { writeText } from './textReport';
import { VERSION } from './version';

const POLICY_EXTENSIONS = new Set([
  '.json',
  '.jsonc',
  '.yaml',
  '.yml',
  '.template',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.tf',
]);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'cdk.out', '.terraform']);

/**
 * `cloudwarden lint [--format text|json|sarif] [--fail-on error|warning|info|none] [--config FILE] [--help-uri-base URL] <files or folders...>`
 * Without --config, each file uses the nearest `.cloudwarden.yaml` in its folder or above (as the editor does);
 * the globs of a --config file are relative to the current folder.
 *
 * Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage error, a path that
 * does not exist or cannot be read (said on stderr, not counted as checked), or a rule that failed.
 */
export function lintCommand(args: readonly string[], catalog: () => Catalog, io: CliIo): number {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`cloudwarden lint: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const projects = new ProjectFiles(readIfPresent, (project) => reportProblems(project, io));
  let given: ProjectFile | undefined;
  if (parsed.config !== undefined) {
    let text: string;
    try {
      text = readFileSync(parsed.config, 'utf8');
    } catch (error) {
      io.stderr(
        `cloudwarden lint: cannot read the configuration ${parsed.config}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return EXIT.usage;
    }
    // A file named on the command line may live anywhere (ci/strict.yaml): its globs are relative to where the run starts.
    given = projects.load(parsed.config, text, process.cwd());
  }
  const projectOf = (file: string) => given ?? projects.nearest(file);
  const ignored = (file: string) => isIgnored(projectOf(file), file);

  const files: string[] = [];
  const unreadable: Unreadable[] = [];
  for (const target of parsed.targets) {
    const kind = kindOf(target);
    if (typeof kind !== 'string') unreadable.push({ path: target, reason: kind.error });
    else if (kind === 'folder') walk(target, files, ignored, unreadable);
    else if (ignored(target)) io.stderr(`cloudwarden lint: ${target}: skipped, the project file's ignore names it\n`);
    else files.push(target);
  }
  const reports: FileReport[] = [];
  // Project-file entries that applied to a linted file but silenced nothing, as eslint's unused directives.
  // Keyed by project file and line: `origin` alone (`.cloudwarden.yaml:5`) does not say which folder's file.
  const applied = new Map<string, string>();
  const used = new Set<string>();
  for (const file of files) {
    const project = projectOf(file);
    const config = lintConfigFor(project, file);
    const key = (origin: string) => `${project?.file ?? ''}\0${origin}`;
    for (const s of config.suppressions ?? []) {
      const shown = project ? path.relative(process.cwd(), project.file) || project.file : '';
      if (s.rules.some((id) => config.rules?.[id] !== 'off'))
        applied.set(key(s.origin), `${shown}:${s.origin.slice(s.origin.lastIndexOf(':') + 1)}`);
    }
    const result = lintFile(file, catalog(), config);
    if ('error' in result) {
      unreadable.push({ path: file, reason: result.error });
      continue;
    }
    for (const s of result.suppressed) if (s.origin) used.add(key(s.origin));
    reports.push(result);
  }
  for (const [k, where] of applied) {
    if (!used.has(k))
      io.stderr(`${where}: info: unused suppression: it applies to files linted here but silenced nothing\n`);
  }
  reports.sort((a, b) => a.path.localeCompare(b.path));

  // Paths that could not be read are not results: they go to stderr in every format (SARIF also lists them).
  for (const u of unreadable) io.stderr(`cloudwarden lint: ${u.path}: ${u.reason}\n`);
  // The JSON reports are written as they are made, in pieces (jsonStream.ts): a large file's findings
  // would otherwise be held twice, as objects and as one string of hundreds of megabytes.
  if (parsed.format === 'text') writeText(reports, io.stdout);
  else {
    const sarif = () =>
      toSarif(reports, unreadable, ruleMetas(), {
        version: VERSION,
        root: process.cwd(),
        helpUriBase: parsed.helpUriBase ?? io.rulesDocsUri,
        lazyResults: true,
      });
    writeJson(parsed.format === 'json' ? jsonReport(reports) : sarif(), io.stdout);
    io.stdout('\n');
  }
  return exitCodeOf(reports, unreadable, parsed.failOn);
}

/** 2 when the run was incomplete (a path unread, a rule failed), else 1 when a finding is at or above `failOn`. */
export function exitCodeOf(
  reports: readonly FileReport[],
  unreadable: readonly Unreadable[],
  failOn: Severity | 'none',
): number {
  if (unreadable.length > 0 || reports.some((r) => r.internalErrors.length > 0)) return EXIT.usage;
  const threshold = failOn === 'none' ? -1 : SEVERITIES.indexOf(failOn);
  const failing = reports.some((r) => r.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold));
  return failing ? EXIT.noMatch : EXIT.ok;
}

/** A folder, a file, or why the path cannot be linted. */
function kindOf(target: string): 'folder' | 'file' | { error: string } {
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) return 'folder';
    if (stat.isFile()) return 'file';
    return { error: 'not a file or folder' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(error)}` };
  }
}

function lintFile(file: string, catalog: Catalog, config: LintConfig): FileReport | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const format = policyFormatOfFile(file, text);
  const base = { path: file, text, findings: [], suppressed: [], internalErrors: [] };
  // main.ts loads the parsers before a lint run; a caller that did not must not get "nothing found".
  if ((format === 'typescript' || format === 'terraform') && !grammarOf(format) && mayHoldPolicies(text, format)) {
    return {
      ...base,
      notAnalysed: [
        {
          reason: `the ${format === 'typescript' ? 'TypeScript' : 'Terraform'} parser could not be loaded: not analysed`,
        },
      ],
    };
  }
  const result = lintText(
    text,
    format,
    catalog,
    config,
    format === 'terraform' ? { readFile: readRelativeTo(path.dirname(file)) } : {},
  );
  return {
    ...base,
    findings: result.findings,
    suppressed: result.suppressed,
    notAnalysed: result.notAnalysed,
    internalErrors: result.internalErrors,
    source: result.source,
  };
}

/** A project file's problems go to stderr, as file:line:col like findings, so that editors can jump to them. */
function reportProblems(project: ProjectFile, io: CliIo): void {
  if (project.problems.length === 0) return;
  const index = new LineIndex(project.text);
  const shown = path.relative(process.cwd(), project.file) || project.file;
  for (const p of project.problems) {
    const at = index.positionAt(p.span.start);
    io.stderr(`${shown}:${at.line + 1}:${at.character + 1}: ${p.severity}: ${p.message}\n`);
  }
}

function walk(dir: string, out: string[], ignored: (file: string) => boolean, unreadable: Unreadable[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    unreadable.push({
      path: dir,
      reason: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !ignored(full)) walk(full, out, ignored, unreadable);
    } else if (entry.isFile() && isPolicyFileName(entry.name) && !ignored(full)) {
      out.push(full);
    }
  }
}

/** Files a folder walk lints: policy, template, TypeScript and Terraform files; not declaration files or the project file. */
function isPolicyFileName(name: string): boolean {
  if (name === PROJECT_FILE_NAME || /\.d\.[mc]?ts$/.test(name)) return false;
  return POLICY_EXTENSIONS.has(path.extname(name).toLowerCase());
}

type Format = 'text' | 'json' | 'sarif';
type Parsed =
  | { format: Format; failOn: Severity | 'none'; config?: string; helpUriBase?: string; targets: string[] }
  | { error: string };

function parseArgs(args: readonly string[]): Parsed {
  let format: Format = 'text';
  let failOn: Severity | 'none' = 'error';
  let config: string | undefined;
  let helpUriBase: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif')
        return { error: `--format must be text, json or sarif, not '${v ?? ''}'` };
      format = v;
    } else if (flag === '--fail-on') {
      const v = value();
      if (v !== 'none' && !SEVERITIES.includes(v as Severity))
        return { error: `--fail-on must be error, warning, info or none, not '${v ?? ''}'` };
      failOn = v as Severity | 'none';
    } else if (flag === '--config') {
      const v = value();
      if (!v) return { error: '--config needs a file' };
      config = v;
    } else if (flag === '--help-uri-base') {
      const v = value();
      if (!v || !/^[a-z][a-z0-9+.-]*:/i.test(v))
        return { error: '--help-uri-base needs an absolute URL (the rule pages are <URL><rule-id>.md)' };
      helpUriBase = v.endsWith('/') ? v : `${v}/`;
    } else if (flag.startsWith('-')) {
      return { error: `unknown option '${arg}'` };
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) return { error: 'give at least one file or folder to lint' };
  return { format, failOn, config, helpUriBase, targets };
}
