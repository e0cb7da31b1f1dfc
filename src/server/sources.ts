import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicySource } from '../core/policy/model';
import { readPolicySource } from '../core/sources';
import { syntaxOf } from './syntax';

/**
 * The policies read from each open document, kept for its current version: linting, hover, completion
 * and CodeLens all ask for the same version in turn, and a large YAML template costs a parse each time.
 */
export class PolicySources {
  private readonly cache = new Map<string, { version: number; source: PolicySource }>();

  /** The policies in the document as it is now (read now when its version changed), or undefined for other languages. */
  get(document: TextDocument): PolicySource | undefined {
    const syntax = syntaxOf(document.languageId);
    if (!syntax) return undefined;
    const cached = this.cache.get(document.uri);
    if (cached?.version === document.version) return cached.source;
    const source = readPolicySource(document.getText(), syntax);
    this.cache.set(document.uri, { version: document.version, source });
    return source;
  }

  /** True when the document's current version has been read. */
  has(document: TextDocument): boolean {
    return this.cache.get(document.uri)?.version === document.version;
  }

  /** Stores a reading made elsewhere (a worker thread) for this version. */
  put(uri: string, version: number, source: PolicySource): void {
    this.cache.set(uri, { version, source });
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
