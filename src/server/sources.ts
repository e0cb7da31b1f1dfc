import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeLanguage,
  CodeTrees,
  grammarOf,
  loadGrammar,
  mayHoldPolicies,
  type PolicySource,
  readPolicySource,
  readRelativeTo,
  policyFormatOfLanguage,
} from '../core';
import { fsPathOf } from './projectConfig';

const JAVASCRIPT: ReadonlySet<string> = new Set(['javascript', 'javascriptreact']);

/**
 * The policies read from each open document, kept for its current version: linting, hover, completion
 * and CodeLens all ask for the same version in turn, and a large YAML template costs a parse each time.
 * TypeScript and Terraform documents also keep their syntax tree, re-parsed incrementally as they change.
 */
export class PolicySources {
  private readonly cache = new Map<string, { version: number; source: PolicySource }>();
  private readonly trees = new Map<string, CodeTrees>();
  private readonly failed = new Set<CodeLanguage>();

  constructor(
    private readonly options: {
      /** Where the tree-sitter grammars are (dist/grammars/ beside the server bundle). */
      readonly grammarDir: string;
      readonly log: (message: string) => void;
    },
  ) {}

  /**
   * Loads the parser a TypeScript or Terraform document needs, if it may hold policies (a TypeScript file
   * that does not import the CDK never loads it). Resolves either way: a grammar that cannot be loaded is
   * logged once, and the document then shows nothing.
   */
  async prepare(document: TextDocument): Promise<void> {
    // A JavaScript CDK app holds no policies the linter reads, but its resource references are read
    // with the TypeScript grammar.
    const syntax = JAVASCRIPT.has(document.languageId) ? 'typescript' : policyFormatOfLanguage(document.languageId);
    if (syntax !== 'typescript' && syntax !== 'terraform') return;
    if (grammarOf(syntax) || !mayHoldPolicies(document.getText(), syntax)) return;
    try {
      await loadGrammar(syntax, this.options.grammarDir);
    } catch (error) {
      if (!this.failed.has(syntax)) this.options.log(error instanceof Error ? error.message : String(error));
      this.failed.add(syntax);
    }
  }

  /** The policies in the document as it is now (read now when its version changed), or undefined for other languages. */
  get(document: TextDocument): PolicySource | undefined {
    const syntax = policyFormatOfLanguage(document.languageId);
    if (!syntax) return undefined;
    const cached = this.cache.get(document.uri);
    if (cached?.version === document.version) return cached.source;
    const code = syntax === 'typescript' || syntax === 'terraform';
    let trees: CodeTrees | undefined;
    if (code) {
      trees = this.trees.get(document.uri) ?? new CodeTrees();
      this.trees.set(document.uri, trees);
    }
    // A Terraform file's `file("policy.json")` is read beside it on disk.
    const file = syntax === 'terraform' ? fsPathOf(document.uri) : undefined;
    const source = readPolicySource(document.getText(), syntax, {
      trees,
      ...(file && { readFile: readRelativeTo(path.dirname(file)) }),
    });
    // Read before its parser was loaded: not the document's reading, only a placeholder until then.
    if (code && !grammarOf(syntax)) return source;
    this.cache.set(document.uri, { version: document.version, source });
    return source;
  }

  /** The document's syntax trees (TypeScript and Terraform documents, once read), for the reference reader. */
  treesOf(document: TextDocument): CodeTrees | undefined {
    return this.trees.get(document.uri);
  }

  /** True when the document's current version has been read. */
  has(document: TextDocument): boolean {
    return this.cache.get(document.uri)?.version === document.version;
  }

  /**
   * Stores a reading made elsewhere (a worker thread) for this version; not a TypeScript or Terraform
   * placeholder read while its parser could not be loaded (a later load must be able to read it).
   */
  put(uri: string, version: number, source: PolicySource): void {
    if ((source.format === 'typescript' || source.format === 'terraform') && !grammarOf(source.format)) return;
    this.cache.set(uri, { version, source });
  }

  /** Drops the reading of the document's current version (a file it reads changed), keeping its tree. */
  invalidate(uri: string): void {
    this.cache.delete(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.trees.get(uri)?.dispose();
    this.trees.delete(uri);
  }
}
