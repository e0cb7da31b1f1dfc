/**
 * The AWS resources a file references, with exact spans, for the editor to hover and show their
 * CloudTrail history. Which readers run is told by the file's VS Code language id, as the server tells
 * a policy's syntax: ARNs in every text; templates in JSON and YAML (by content: a JSON or YAML file that
 * is no template costs a text search); CDK apps and SDK calls in TypeScript and JavaScript; SDK calls in
 * Python; Terraform. Never throws: a half-typed file gives what can be read in it.
 */
import type { PolicySource } from '../policy/model';
import { CodeTrees } from '../sources/code/trees';
import { grammarFor, grammarOf, type CodeLanguage } from '../sources/code/grammars';
import { policyFormatOfLanguage } from '../sources/language';
import { startingBy } from '../text/search';
import { findArns } from './arns';
import { cdkReferences } from './cdk';
import { sdkReferences } from './sdk';
import { modelReferences, templateReferences } from './template';
import { terraformReferences } from './terraform';
import type { ResourceReference } from './types';
import type { Tree } from 'web-tree-sitter';

export interface FindOptions {
  /**
   * The document's syntax trees (the server's, shared with the linter): a TypeScript or Terraform text
   * already parsed there is not parsed again, and an edited one is re-parsed incrementally.
   */
  readonly trees?: CodeTrees;
  /**
   * The linter's reading of the same text (`readPolicySource`, kept by the server per version): a
   * template's references are then read from its template model, without parsing the text again.
   */
  readonly source?: PolicySource;
}

type Syntax = 'json' | 'yaml' | 'script' | 'python' | 'terraform' | 'text';

/** The readers a VS Code language id calls for: the policy syntaxes, plus JavaScript and Python for SDK calls. */
function syntaxOf(languageId: string): Syntax {
  if (languageId === 'javascript' || languageId === 'javascriptreact') return 'script';
  if (languageId === 'python') return 'python';
  const format = policyFormatOfLanguage(languageId);
  return format === 'typescript' ? 'script' : (format ?? 'text');
}

/**
 * The references in `text`, sorted by where they start; one per span (the reading of a template or
 * code wins over the bare ARN at the same place). TypeScript and Terraform trees need their grammar
 * loaded (`loadGrammar`), as for linting; until it is, those files give their ARNs and SDK calls only.
 */
export function findReferences(text: string, languageId: string, options: FindOptions = {}): ResourceReference[] {
  const remembered = memo.find((entry) => entry.languageId === languageId && entry.text === text);
  if (remembered) return [...remembered.references];
  const syntax = syntaxOf(languageId);
  const found: ResourceReference[] = [];
  const complete = read(text, syntax, options, found);
  const references = unique(found);
  // Hover asks again for every position of an unchanged document: its references are kept, unless a
  // grammar was missing (the same text read later, with it, finds more).
  if (complete) {
    memo.unshift({ languageId, text, references });
    memo.length = Math.min(memo.length, MEMO_SIZE);
  }
  return [...references];
}

/** The last texts read: hover on one document, then on another, then back. */
const MEMO_SIZE = 4;
const memo: { languageId: string; text: string; references: readonly ResourceReference[] }[] = [];

/** Runs the readers of `syntax`; false when one of them could not (its grammar is not loaded). */
function read(text: string, syntax: Syntax, { trees, source }: FindOptions, out: ResourceReference[]): boolean {
  safely(out, () => findArns(text));
  if ((syntax === 'json' || syntax === 'yaml') && source)
    safely(out, () => (source.template ? modelReferences(source.template, text) : []));
  else if (syntax === 'json' || syntax === 'yaml') safely(out, () => templateReferences(text, syntax));
  if (syntax === 'script' || syntax === 'python') safely(out, () => sdkReferences(text));
  if (syntax === 'script' && (text.includes('aws-cdk-lib') || text.includes('@aws-cdk/')))
    return withTree('typescript', text, trees, (tree) => safely(out, () => cdkReferences(text, tree)));
  if (syntax === 'terraform')
    return withTree('terraform', text, trees, (tree) => safely(out, () => terraformReferences(text, tree)));
  return true;
}

/** Parses `text` with the caller's trees (or its own, freed after) and reads the tree; false when the grammar is not loaded. */
function withTree(
  language: CodeLanguage,
  text: string,
  trees: CodeTrees | undefined,
  use: (tree: Tree) => void,
): boolean {
  const grammar = grammarFor(language, text);
  if (!grammarOf(grammar)) return false;
  const own = trees ? undefined : new CodeTrees();
  try {
    const tree = (trees ?? own)!.parse(grammar, text);
    if (tree) use(tree);
    return true;
  } finally {
    own?.dispose();
  }
}

/** Adds what a reader found; a reader that fails on text it does not foresee adds nothing, and the others still run. */
function safely(out: ResourceReference[], reader: () => readonly ResourceReference[]): void {
  try {
    // One by one: a spread of a very long list (100,000 ARNs in a log) overflows the call stack.
    for (const reference of reader()) out.push(reference);
  } catch {
    // Nothing from this reader.
  }
}

/** Which reading is kept when several readers found the same span: the one that knows the context. */
const PRECEDENCE: Readonly<Record<ResourceReference['via'], number>> = {
  property: 0,
  ref: 0,
  cdk: 0,
  terraform: 0,
  sdk: 1,
  arn: 2,
};

function unique(found: ResourceReference[]): ResourceReference[] {
  found.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || PRECEDENCE[a.via] - PRECEDENCE[b.via]);
  return found.filter(
    (r, i) => i === 0 || r.span.start !== found[i - 1]!.span.start || r.span.end !== found[i - 1]!.span.end,
  );
}

/**
 * How many references before the offset may still hold it. References are sorted by their start and
 * one per span; they overlap only where readers disagree on a span's length, a few at most, so the
 * ones further back end before the offset.
 */
const LOOK_BACK = 16;

/**
 * The reference at `offset` (a cursor or the character under the mouse: its span's end counts, as a
 * word's does), the innermost when several hold it. `references` sorted as findReferences returns them.
 */
export function referenceAt(references: readonly ResourceReference[], offset: number): ResourceReference | undefined {
  const after = startingBy(references.length, (i) => references[i]!.span.start, offset);
  let best: ResourceReference | undefined;
  for (let i = after - 1; i >= 0 && i >= after - LOOK_BACK; i--) {
    const { span } = references[i]!;
    if (span.end < offset) continue;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = references[i];
  }
  return best;
}
