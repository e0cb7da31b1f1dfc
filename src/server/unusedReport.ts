/**
 * The workspace's unused-permissions report: every file the client found, read from disk (or its open
 * editor), judged as the editor judges an open file, three times: the first pass asks for the principals'
 * deployments, the second for their evidence (each once, cached as the editor's are), the third judges.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import {
  buildReport,
  type Catalog,
  CodeTrees,
  grammarOf,
  LineIndex,
  loadGrammar,
  mayHoldPolicies,
  type PolicySource,
  policyFormatOfFile,
  readPolicySource,
  readRelativeTo,
  reportMarkdown,
  type ReportInput,
  type SourceFormat,
} from '../core';
import type { UnusedReportRequest } from '../shared/protocol';
import type { CloudWardenSettings } from '../shared/settings';
import { fsPathOf } from './projectConfig';
import type { UnusedService } from './unusedService';

/** Larger files are policies nobody writes by hand (generated templates): the editor's limit, near enough. */
export const MAX_BYTES = 2_000_000;
/** A workspace of more files than this is reported on its first ones, and says so. */
const MAX_FILES = 5_000;

interface ReadFile {
  readonly uri: string;
  readonly text: string;
  readonly format: SourceFormat;
  readonly source: PolicySource;
}

export interface ReportContext {
  readonly unused: UnusedService;
  readonly catalog: Catalog;
  readonly settings: CloudWardenSettings['unused'];
  readonly workspaceFolders: readonly string[];
  readonly grammarDir: string;
  /** The text of an open document (it may be unsaved), else undefined. */
  readonly openText: (uri: string) => string | undefined;
  /** The version of an open document, else undefined. */
  readonly openVersion: (uri: string) => number | undefined;
  readonly now?: () => number;
}

export async function unusedReport(
  uris: readonly string[],
  context: ReportContext,
): Promise<UnusedReportRequest.Result> {
  const skipped: UnusedReportRequest.Result['skipped'] = uris
    .slice(MAX_FILES)
    .map((uri) => ({ uri, reason: `over ${MAX_FILES} files: not read` }));
  const files: ReadFile[] = [];
  for (const uri of uris.slice(0, MAX_FILES)) {
    const read = await readOne(uri, context);
    if (read === undefined) continue;
    if ('reason' in read) skipped.push({ uri, reason: read.reason });
    else if (read.source.documents.some((d) => d.kind === 'identity' || d.kind === 'unknown')) files.push(read);
  }
  const judgeAll = () =>
    Promise.all(
      files.map(async (f) => ({
        file: f,
        answer: await context.unused.judge(
          f.uri,
          context.openVersion(f.uri) ?? -1,
          f.text,
          f.format,
          f.source,
          context.catalog,
          context.settings,
        ),
      })),
    );
  // The first pass asks for the principals' deployments (an account, a stack), the second, once they are
  // known, for their evidence; the third judges with it.
  await judgeAll();
  await context.unused.settle();
  await judgeAll();
  await context.unused.settle();
  const inputs: ReportInput[] = [];
  let unmappedFiles = 0;
  for (const { file, answer } of await judgeAll()) {
    if (answer.policies.length === 0) unmappedFiles++;
    const lines = new LineIndex(file.text);
    for (const p of answer.policies)
      inputs.push({
        uri: file.uri,
        file: relativeName(file.uri, context.workspaceFolders),
        line: lines.positionAt(p.documentSpan.start).line + 1,
        principal: p.principal,
        mappingEvidence: p.mappingEvidence,
        evidence: p.evidence,
        actions: p.actions,
        denied: p.denied,
      });
  }
  const report = buildReport(inputs, {
    catalog: context.catalog,
    now: (context.now ?? Date.now)(),
    unmappedFiles,
  });
  return { report, markdown: reportMarkdown(report), skipped };
}

/** The file read with its policies; undefined when it cannot hold any; the reason when it could not be read. */
async function readOne(uri: string, context: ReportContext): Promise<ReadFile | { reason: string } | undefined> {
  const file = fsPathOf(uri);
  if (file === undefined) return { reason: 'not a file on disk' };
  let text = context.openText(uri);
  if (text === undefined) {
    try {
      if ((await stat(file)).size > MAX_BYTES) return { reason: `larger than ${MAX_BYTES / 1_000_000} MB` };
      text = await readFile(file, 'utf8');
    } catch (error) {
      return { reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  }
  const format = policyFormatOfFile(file, text);
  if (format === 'typescript' || format === 'terraform') {
    // A TypeScript file that does not import the CDK holds no policy: its grammar is not even loaded.
    if (!mayHoldPolicies(text, format)) return undefined;
    if (!grammarOf(format)) {
      try {
        await loadGrammar(format, context.grammarDir);
      } catch (error) {
        return { reason: `its parser could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    const trees = new CodeTrees();
    try {
      const source = readPolicySource(text, format, {
        trees,
        ...(format === 'terraform' && { readFile: readRelativeTo(path.dirname(file)) }),
      });
      return { uri, text, format, source };
    } finally {
      trees.dispose();
    }
  }
  return { uri, text, format, source: readPolicySource(text, format) };
}

/** `infra/policy.json`: relative to the workspace folder that holds it, else the path as is. */
function relativeName(uri: string, folders: readonly string[]): string {
  const file = fsPathOf(uri) ?? uri;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return file;
}
