/**
 * `cloudwarden unused --logs <folder>... [--index DIR] [--principal ARN] [--mapping FILE] [--account ID]
 * [--since 90d] [--format text|json|sarif] <files...>`: what the policies in the files grant that their
 * principals did not use in the log files, for CI. Exit 0: nothing unused; 1: unused permissions found; 2:
 * usage errors, unreadable files, or a policy no principal could be found for.
 *
 * The principal of a policy, offline (no AWS call here): a `principals` entry of the --mapping file (a
 * project file) or of the nearest `.cloudwarden.yaml`; a literal role or user name in the source with
 * --account; the name and account cdk.out's synthesized template and environment give; else --principal.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type Catalog,
  actsOnObjects,
  choosePrincipal,
  cloudAssemblyDirOf,
  cloudTrailEvidence,
  describeEvidence,
  filePrincipals,
  isPrincipalArn,
  judgeDocument,
  LineIndex,
  parseSince,
  principalClues,
  principalOf,
  type ProjectFile,
  ProjectFiles,
  projectMappingRules,
  readCloudAssembly,
  readIfPresent,
  readPolicySource,
  readRelativeTo,
  type JudgedAction,
  type PolicyDocument,
  type PolicySource,
  type PrincipalActionsAnswer,
  type PrincipalMapping,
  type UnusedFinding,
  Usage,
  policyFormatOfFile,
} from '../core';
import { EXIT, type CliIo } from './io';
import { indexedLogs } from './logFolders';
import type { FileReport, Unreadable } from './report';
import { toSarif } from './sarif';
import { VERSION } from './version';

interface UnusedArgs {
  readonly logs: string[];
  readonly indexDir?: string;
  readonly principal?: string;
  readonly mapping?: string;
  /** The account literal role and user names are in. */
  readonly account?: string;
  readonly since: number;
  readonly horizonDays: number;
  readonly format: 'text' | 'json' | 'sarif';
  readonly files: string[];
}

/** One judged policy, as every format reports it. */
interface PolicyReport {
  readonly file: string;
  readonly text: string;
  readonly documentPath: string;
  readonly mapping: PrincipalMapping;
  readonly evidence: string;
  readonly actions: readonly JudgedAction[];
  readonly findings: readonly UnusedFinding[];
  readonly denied: readonly { action: string; count: number; last: number }[];
}

const DAY_MS = 86_400_000;

export async function unusedCommand(
  args: readonly string[],
  catalog: () => Catalog,
  io: CliIo,
  now = Date.now(),
): Promise<number> {
  const parsed = parseUnusedArgs(args, now);
  if ('error' in parsed) {
    io.stderr(`cloudwarden unused: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const projects = new ProjectFiles(readIfPresent);
  const mapping = parsed.mapping === undefined ? undefined : readMapping(parsed.mapping, projects, io);
  if (mapping !== undefined && 'error' in mapping) {
    io.stderr(`cloudwarden unused: ${mapping.error}\n`);
    return EXIT.usage;
  }
  const { index, notes } = await indexedLogs(parsed.logs, parsed.indexDir, io);
  const answer = index.principalActions({ since: parsed.since, until: now });
  const fallback = parsed.principal && { principal: parsed.principal, evidence: '--principal on the command line' };
  const unreadable: Unreadable[] = [];
  const unmapped: { where: string; passed: readonly string[] }[] = [];
  const policies: PolicyReport[] = [];
  for (const file of parsed.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      unreadable.push({ path: file, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const format = policyFormatOfFile(file, text);
    const source = readPolicySource(
      text,
      format,
      format === 'terraform' ? { readFile: readRelativeTo(path.dirname(file)) } : {},
    );
    const project = mapping ?? projects.nearest(file);
    const principalFor = principalsOf(file, text, source, project, parsed, fallback || undefined, now);
    for (const document of source.documents) {
      if (document.kind !== 'identity') continue;
      const { mapping, passed } = principalFor(document);
      if (mapping === undefined) {
        unmapped.push({ where: `${file}: ${document.path}`, passed });
        continue;
      }
      const usage = usageOf(mapping.principal, answer, parsed, catalog(), now);
      const judged = judgeDocument(document, {
        text,
        format,
        catalog: catalog(),
        usage,
        horizonDays: parsed.horizonDays,
        now,
      });
      policies.push({
        file,
        text,
        documentPath: document.path,
        mapping,
        evidence: describeEvidence(usage.principal, now),
        ...judged,
      });
    }
  }
  if (answer.oldest === undefined)
    notes.push(
      `the log files hold no event since ${new Date(parsed.since).toISOString().slice(0, 10)}: every action is unknown (an older --since?)`,
    );
  for (const note of notes) io.stderr(`cloudwarden unused: ${note}\n`);
  for (const u of answer.unreadable) io.stderr(`cloudwarden unused: not read: ${u.file}: ${u.reason}\n`);
  for (const u of unreadable) io.stderr(`cloudwarden unused: ${u.path}: ${u.reason}\n`);
  for (const { where, passed } of unmapped)
    io.stderr(
      `cloudwarden unused: ${where}: no principal for this policy (give --principal or a --mapping entry)${passed.map((p) => `; ${p}`).join('')}\n`,
    );
  io.stdout(render(policies, unreadable, parsed.format, io));
  if (unreadable.length > 0 || unmapped.length > 0) return EXIT.usage;
  return policies.some((p) => p.findings.some((f) => f.unnecessary)) ? EXIT.noMatch : EXIT.ok;
}

function usageOf(
  principal: string,
  answer: PrincipalActionsAnswer,
  args: UnusedArgs,
  catalog: Catalog,
  now: number,
): Usage {
  const evidence = cloudTrailEvidence(principal, answer, {
    label: 'CloudTrail log files',
    window: { since: args.since, until: now },
    fetchedAt: now,
    dataEvents: true,
  });
  return new Usage(
    { principal, evidence: answer.oldest === undefined ? [] : [evidence], missing: [] },
    { now, horizonDays: args.horizonDays, onObjects: actsOnObjects(catalog) },
  );
}

/**
 * The principal of each identity policy of a file: the project file's mapping (globs relative to its
 * folder, else to the current one), the literal names with --account, cdk.out offline, then --principal.
 */
function principalsOf(
  file: string,
  text: string,
  source: PolicySource,
  project: ProjectFile | undefined,
  args: UnusedArgs,
  fallback: PrincipalMapping | undefined,
  now: number,
): (document: PolicyDocument) => {
  mapping?: PrincipalMapping;
  passed: readonly string[];
} {
  const rules = projectMappingRules(project);
  const relative = path
    .relative(project?.dir ?? process.cwd(), path.resolve(file))
    .split(path.sep)
    .join('/');
  const dir = source.shape === 'cdk' ? cloudAssemblyDirOf(file, readIfPresent) : undefined;
  const assembly = dir === undefined ? undefined : readCloudAssembly(dir, readIfPresent);
  const sources = {
    file: path.basename(file),
    principals: filePrincipals(text, source),
    stacks: [],
    ...(assembly && { assembly }),
  };
  const account = args.account
    ? { account: args.account, from: '--account' }
    : { problem: 'give --account: the CLI calls no AWS API' };
  return (document) =>
    choosePrincipal({
      explicit: principalOf(document, relative, rules),
      clues: principalClues(document, sources),
      account: () => account,
      now,
      ...(fallback && { fallback }),
    });
}

/** The --mapping file, read as a project file; its errors (with their positions) stop the run, its warnings are said. */
function readMapping(file: string, projects: ProjectFiles, io: CliIo): ProjectFile | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read the mapping ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const project = projects.load(file, text, path.dirname(path.resolve(file)));
  const lines = new LineIndex(text);
  const said = project.problems.map((p) => {
    const at = lines.positionAt(p.span.start);
    return `${file}:${at.line + 1}:${at.character + 1}: ${p.severity}: ${p.message}`;
  });
  const errors = said.filter((_, i) => project.problems[i]!.severity === 'error');
  if (errors.length > 0) return { error: errors.join('\n') };
  for (const warning of said) io.stderr(`cloudwarden unused: ${warning}\n`);
  return project;
}

function render(
  policies: readonly PolicyReport[],
  unreadable: readonly Unreadable[],
  format: UnusedArgs['format'],
  io: CliIo,
): string {
  if (format === 'json') return `${JSON.stringify(jsonOf(policies), null, 2)}\n`;
  if (format === 'sarif') {
    const byFile = new Map<string, FileReport>();
    for (const p of policies) {
      const report = byFile.get(p.file) ?? {
        path: p.file,
        text: p.text,
        findings: [],
        suppressed: [],
        notAnalysed: [],
        internalErrors: [],
      };
      byFile.set(p.file, { ...report, findings: [...report.findings, ...p.findings] });
    }
    return `${JSON.stringify(toSarif([...byFile.values()], unreadable, [], { version: VERSION, root: process.cwd(), helpUriBase: io.rulesDocsUri }))}\n`;
  }
  return textOf(policies);
}

/** The JSON the issue specifies: per policy its principal, why, and every granted action's status. */
function jsonOf(policies: readonly PolicyReport[]): unknown {
  return {
    policies: policies.map((p) => {
      const lines = new LineIndex(p.text);
      const range = (span: { start: number; end: number }) => ({
        start: lines.positionAt(span.start),
        end: lines.positionAt(span.end),
      });
      return {
        path: p.file,
        document: p.documentPath,
        principal: p.mapping.principal,
        mappingEvidence: p.mapping.evidence,
        evidence: p.evidence,
        actions: p.actions.map(({ verdict, span }) => ({
          action: verdict.action,
          status: verdict.status,
          ...(verdict.lastUsed !== undefined && { lastUsed: new Date(verdict.lastUsed).toISOString() }),
          sources: verdict.sources,
          ...(verdict.reason !== undefined && { reason: verdict.reason }),
          range: range(span),
        })),
        denied: p.denied.map((d) => ({ action: d.action, count: d.count, lastSeen: new Date(d.last).toISOString() })),
        findings: p.findings.map((f) => ({
          rule: f.ruleId,
          severity: f.severity,
          message: f.message,
          range: range(f.span),
        })),
      };
    }),
  };
}

function textOf(policies: readonly PolicyReport[]): string {
  let out = '';
  for (const p of policies) {
    const lines = new LineIndex(p.text);
    const counts = { used: 0, unused: 0, unknown: 0 };
    for (const a of p.actions) counts[a.verdict.status]++;
    out += `${p.file}: ${p.documentPath} -> ${p.mapping.principal} (${p.mapping.evidence})\n`;
    out += `  ${counts.used} used, ${counts.unused} unused, ${counts.unknown} unknown; ${p.evidence}\n`;
    for (const f of p.findings) {
      const at = lines.positionAt(f.span.start);
      out += `  ${p.file}:${at.line + 1}:${at.character + 1}  ${f.severity}  ${f.ruleId}  ${f.message}\n`;
    }
  }
  return out === '' ? 'No identity policies in the files.\n' : out;
}

function parseUnusedArgs(args: readonly string[], now: number): UnusedArgs | { error: string } {
  const logs: string[] = [];
  const files: string[] = [];
  let indexDir: string | undefined;
  let principal: string | undefined;
  let mapping: string | undefined;
  let account: string | undefined;
  let since = '90d';
  let format: UnusedArgs['format'] = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string | undefined => args[++i];
    switch (arg) {
      case '--logs': {
        const v = value();
        if (v === undefined) return { error: '--logs needs a folder or file' };
        logs.push(v);
        break;
      }
      case '--index':
        indexDir = value();
        if (indexDir === undefined) return { error: '--index needs a folder' };
        break;
      case '--principal':
        principal = value();
        if (principal === undefined || !isPrincipalArn(principal))
          return { error: "--principal needs a role's or user's ARN" };
        break;
      case '--mapping':
        mapping = value();
        if (mapping === undefined) return { error: '--mapping needs a file' };
        break;
      case '--account':
        account = value();
        if (account === undefined || !/^\d{12}$/.test(account))
          return { error: '--account needs an account id (12 digits)' };
        break;
      case '--since': {
        const v = value();
        if (v === undefined) return { error: '--since needs a duration (90d) or a date' };
        since = v;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') return { error: '--format must be text, json or sarif' };
        format = v;
        break;
      }
      default:
        if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
        files.push(arg);
    }
  }
  if (logs.length === 0) return { error: '--logs is required: the CloudTrail log files to compare the policies with' };
  if (files.length === 0) return { error: 'name the policy files to check' };
  const start = parseSince(since, now);
  if (start === undefined) return { error: `--since ${since}: not a duration (90d, 24h) or a date` };
  const horizonDays = Math.max(1, Math.round((now - start) / DAY_MS));
  return {
    logs,
    files,
    since: start,
    horizonDays,
    format,
    ...(indexDir !== undefined && { indexDir }),
    ...(principal !== undefined && { principal }),
    ...(mapping !== undefined && { mapping }),
    ...(account !== undefined && { account }),
  };
}
