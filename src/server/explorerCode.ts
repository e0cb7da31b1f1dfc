/**
 * "Find in code" for the security explorer: the files the client lists, each read from its open editor
 * or from disk (a file larger than the unused report's limit is skipped, and said so), searched for the
 * names of one key, secret or principal by the core's codeMentions, the matches as LSP positions with
 * their line for a preview.
 */
import { readFile, stat } from 'node:fs/promises';
import { codeMentions, type CodeMention, grammarOf, languageOfFile, LineIndex, loadGrammar } from '../core';
import type { ExplorerCodeRequest } from '../shared/protocol';
import { fsPathOf } from './projectConfig';
import { MAX_BYTES } from './unusedReport';

export interface CodeSearchContext {
  /** Folder of the tree-sitter grammars: a CDK or Terraform file is read by its tree. */
  readonly grammarDir: string;
  /** The text of an open document (it may be unsaved), else undefined. */
  readonly openText?: (uri: string) => string | undefined;
  readonly signal?: AbortSignal;
}

/** The preview is one line, at most this long. */
const PREVIEW_LENGTH = 200;

export async function explorerCode(
  params: ExplorerCodeRequest.Params,
  context: CodeSearchContext,
): Promise<ExplorerCodeRequest.Result> {
  const result: ExplorerCodeRequest.Result = { matches: [], skipped: [] };
  for (const uri of params.uris) {
    if (context.signal?.aborted) break;
    const read = await readOne(uri, context);
    if ('reason' in read) {
      result.skipped.push({ uri, reason: read.reason });
      continue;
    }
    const language = languageOfFile(read.file, read.text);
    await grammarFor(language, context.grammarDir);
    const lines = new LineIndex(read.text);
    for (const mention of codeMentions(read.text, language, params.names))
      result.matches.push(matchOf(uri, read.text, lines, mention));
  }
  return result;
}

function matchOf(uri: string, text: string, lines: LineIndex, mention: CodeMention): ExplorerCodeRequest.Match {
  const { line, character } = lines.positionAt(mention.span.start);
  const start = mention.span.start - character;
  const newline = text.indexOf('\n', start);
  const preview = text.slice(start, newline < 0 ? text.length : newline).trim();
  return {
    uri,
    line,
    character,
    length: mention.span.end - mention.span.start,
    name: mention.name,
    preview: preview.slice(0, PREVIEW_LENGTH),
  };
}

async function readOne(
  uri: string,
  context: CodeSearchContext,
): Promise<{ file: string; text: string } | { reason: string }> {
  const file = fsPathOf(uri);
  if (file === undefined) return { reason: 'not a file on disk' };
  const open = context.openText?.(uri);
  if (open !== undefined) return { file, text: open };
  try {
    if ((await stat(file)).size > MAX_BYTES) return { reason: `larger than ${MAX_BYTES / 1_000_000} MB` };
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

/**
 * Loads the grammar a CDK or Terraform file is read with, once; without it (a missing grammar file)
 * its ARNs, SDK calls and literals are still found.
 */
async function grammarFor(language: string, grammarDir: string): Promise<void> {
  const grammar = language === 'terraform' ? 'terraform' : language.startsWith('typescript') ? 'typescript' : undefined;
  if (grammar === undefined || grammarOf(grammar)) return;
  await loadGrammar(grammar, grammarDir).catch(() => undefined);
}
