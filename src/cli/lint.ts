import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../core/catalog';
import { PROJECT_FILE_NAME } from '../core/config/projectFile';
import { isIgnored, lintConfigFor, ProjectFiles, type ProjectFile } from '../core/config/resolve';
import type { SuppressedFinding } from '../core/config/types';
import { lintText, type LintConfig } from '../core/lint';
import type { SourceFormat } from '../core/policy/model';
import { grammarOf, mayHoldPolicies } from '../core/sources/code';
import { readRelativeTo } from '../core/sources/code/files';
import { ruleMetas } from '../core/rules/registry';
import { SEVERITIES, type Finding, type Severity } from '../core/rules/types';
import { LineIndex } from '../core/text/lines';
import { EXIT, type CliIo } from './io';
import { MappedArray, writeJson } from './jsonStream';
import { toSarif } from './sarif';
import { VERSION } from './version';

const POLICY_EXTENSIONS = new Set(['.json', '.jsonc', '.yaml', '.yml', '.template', '.ts', '.tf']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'cdk.out', '.terraform']);

interface FileResult {
  path: string;
  text: string;
  findings: readonly Finding[];
  suppressed: readonly SuppressedFinding[];
  error?: string;
}

/**
 * `cloudwarden lint [--format text|json|sarif] [--fail-on error|warning|info|none] [--config FILE] <files or folders...>`
 * Without --config, each file uses the nearest `.cloudwarden.yaml` in its folder or above (as the editor does);
 * the globs of a --config file are relative to the current folder.
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
      io.stderr(`cloudwarden lint: cannot read the configuration ${parsed.config}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return EXIT.usage;
    }
    // A file named on the command line may live anywhere (ci/strict.yaml): its globs are relative to where the run starts.
    given = projects.load(parsed.config, text, process.cwd());
  }
  const projectOf = (file: string) => given ?? projects.nearest(file);
  const ignored = (file: string) => isIgnored(projectOf(file), file);

  const files: string[] = [];
  const unreadable: FileResult[] = [];
  for (const target of parsed.targets) {
    if (!existsSync(target)) unreadable.push({ path: target, text: '', findings: [], suppressed: [], error: 'no such file or folder' });
    else if (statSync(target).isDirectory()) walk(target, files, ignored);
    else if (ignored(target)) io.stderr(`cloudwarden lint: ${target}: skipped, the project file's ignore names it\n`);
    else files.push(target);
  }
  const results: FileResult[] = [...unreadable];
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
      if (s.rules.some((id) => config.rules?.[id] !== 'off')) applied.set(key(s.origin), `${shown}:${s.origin.slice(s.origin.lastIndexOf(':') + 1)}`);
    }
    const result = lintFile(file, catalog(), config);
    for (const s of result.suppressed) if (s.origin) used.add(key(s.origin));
    results.push(result);
  }
  for (const [k, where] of applied) {
    if (!used.has(k)) io.stderr(`${where}: info: unused suppression: it applies to files linted here but silenced nothing\n`);
  }
  results.sort((a, b) => a.path.localeCompare(b.path));

  const readable = results.filter((r) => !r.error);
  // The JSON reports are written as they are made, in pieces (jsonStream.ts): a large file's findings
  // would otherwise be held twice, as objects and as one string of hundreds of megabytes.
  if (parsed.format === 'text') io.stdout(formatText(results));
  else {
    writeJson(parsed.format === 'json' ? jsonReport(results) : toSarif(readable, ruleMetas(), VERSION), io.stdout);
    io.stdout('\n');
  }
  for (const r of results) if (r.error && parsed.format !== 'text') io.stderr(`cloudwarden lint: ${r.path}: ${r.error}\n`);
  if (results.some((r) => r.error)) return EXIT.usage;
  const threshold = parsed.failOn === 'none' ? -1 : SEVERITIES.indexOf(parsed.failOn);
  const failing = results.some((r) => r.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold));
  return failing ? EXIT.noMatch : EXIT.ok;
}

function lintFile(file: string, catalog: Catalog, config: LintConfig): FileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { path: file, text: '', findings: [], suppressed: [], error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const format = formatOf(file, text);
  // main.ts loads the parsers before a lint run; a caller that did not must not get "nothing found".
  if ((format === 'typescript' || format === 'terraform') && !grammarOf(format) && mayHoldPolicies(text, format)) {
    return { path: file, text, findings: [], suppressed: [], error: `the ${format} parser is not loaded` };
  }
  const result = lintText(text, format, catalog, config, format === 'terraform' ? { readFile: readRelativeTo(path.dirname(file)) } : {});
  return { path: file, text, findings: result.findings, suppressed: result.suppressed };
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Absent (the usual case) or unreadable: no project file there.
    return undefined;
  }
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

/** YAML, TypeScript (CDK) and Terraform by extension; otherwise JSON, unless an explicitly named file does not start like JSON. */
function formatOf(file: string, text: string): SourceFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.ts') return 'typescript';
  if (ext === '.tf') return 'terraform';
  if (ext === '.json' || ext === '.jsonc') return 'json';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function walk(dir: string, out: string[], ignored: (file: string) => boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !ignored(full)) walk(full, out, ignored);
    } else if (entry.isFile() && isPolicyFileName(entry.name) && !ignored(full)) {
      out.push(full);
    }
  }
}

/** Files a folder walk lints: policy, template, TypeScript and Terraform files; not declaration files or the project file. */
function isPolicyFileName(name: string): boolean {
  if (name === PROJECT_FILE_NAME || name.endsWith('.d.ts')) return false;
  return POLICY_EXTENSIONS.has(path.extname(name).toLowerCase());
}

function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const r of results) {
    if (r.error) {
      lines.push(`${r.path}: error: ${r.error}`);
      continue;
    }
    suppressed += r.suppressed.length;
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = index.positionAt(f.span.start);
      counts[f.severity]++;
      lines.push(`${r.path}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.ruleId}: ${f.message}`);
    }
  }
  const total = counts.error + counts.warning + counts.info;
  lines.push(`${results.length} file${results.length === 1 ? '' : 's'} checked: ${total} finding${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info)${suppressed ? `, ${suppressed} suppressed` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The `--format json` report; each file's findings are made into report objects as they are written. */
function jsonReport(results: readonly FileResult[]): unknown {
  const files = results.map((r) => {
    const index = new LineIndex(r.text);
    return {
      path: r.path,
      ...(r.error ? { error: r.error } : {}),
      findings: new MappedArray(r.findings, (f) => ({
        rule: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: { start: index.positionAt(f.span.start), end: index.positionAt(f.span.end) },
        equivalents: equivalentsOf(f.ruleId),
      })),
      ...(r.error ? {} : { suppressed: new MappedArray(r.suppressed, (s) => ({
        rule: s.finding.ruleId,
        severity: s.finding.severity,
        message: s.finding.message,
        range: { start: index.positionAt(s.finding.span.start), end: index.positionAt(s.finding.span.end) },
        reason: s.reason ?? null,
        // Where the suppression is: a comment or Metadata entry (with its line, 1-based), or the project file.
        suppressedBy: s.span ? { kind: s.kind, line: index.positionAt(s.span.start).line + 1 } : { kind: s.kind, origin: s.origin },
      })) }),
    };
  });
  return { files };
}

function equivalentsOf(ruleId: string): Record<string, string[]> {
  const meta = RULE_METAS.get(ruleId);
  const out: Record<string, string[]> = {};
  if (!meta) return out;
  for (const [tool, ids] of Object.entries(meta.equivalents)) if (ids && ids.length) out[tool] = [...ids];
  return out;
}

const RULE_METAS = new Map(ruleMetas().map((m) => [m.id, m]));

type Format = 'text' | 'json' | 'sarif';
type Parsed = { format: Format; failOn: Severity | 'none'; config?: string; targets: string[] } | { error: string };

function parseArgs(args: readonly string[]): Parsed {
  let format: Format = 'text';
  let failOn: Severity | 'none' = 'error';
  let config: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return { error: `--format must be text, json or sarif, not '${v ?? ''}'` };
      format = v;
    } else if (flag === '--fail-on') {
      const v = value();
      if (v !== 'none' && !SEVERITIES.includes(v as Severity)) return { error: `--fail-on must be error, warning, info or none, not '${v ?? ''}'` };
      failOn = v as Severity | 'none';
    } else if (flag === '--config') {
      const v = value();
      if (!v) return { error: '--config needs a file' };
      config = v;
    } else if (flag.startsWith('-')) {
      return { error: `unknown option '${arg}'` };
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) return { error: 'give at least one file or folder to lint' };
  return { format, failOn, config, targets };
}
