/**
 * The tree-sitter grammars for the languages whose policies are written as code: TypeScript (CDK) and
 * Terraform (HCL). They are WebAssembly, loaded once per process and only when the first such file is
 * read (the server and the CLI call `loadGrammar` before reading; nothing loads them at activation).
 * Why tree-sitter rather than the TypeScript compiler API: one technology for both languages (there
 * is no HCL parser in the compiler), incremental re-parsing, and a tenth of the size; figures in
 * docs/architecture.md.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

export type CodeLanguage = 'typescript' | 'terraform';

/** The grammar files, as the build copies them beside the bundles (dist/grammars/). */
const GRAMMAR_FILES: Readonly<Record<CodeLanguage, string>> = {
  typescript: 'tree-sitter-typescript.wasm',
  terraform: 'tree-sitter-terraform.wasm',
};
const RUNTIME_FILE = 'tree-sitter.wasm';

let runtime: Promise<void> | undefined;
const loading = new Map<CodeLanguage, Promise<Language>>();
const loaded = new Map<CodeLanguage, Language>();

/**
 * Loads the grammar of `language` from `directory` (once; later calls share the first). Rejects with an
 * error naming the file when it is missing or unreadable; a later call tries again.
 */
export function loadGrammar(language: CodeLanguage, directory: string): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    pending = initRuntime(directory).then(() => Language.load(readWasm(directory, GRAMMAR_FILES[language])));
    loading.set(language, pending);
    pending.then(
      (grammar) => loaded.set(language, grammar),
      () => loading.delete(language),
    );
  }
  return pending.then(() => undefined);
}

function initRuntime(directory: string): Promise<void> {
  if (!runtime) {
    const started = Parser.init({ wasmBinary: readWasm(directory, RUNTIME_FILE) });
    runtime = started;
    started.catch(() => {
      if (runtime === started) runtime = undefined;
    });
  }
  return runtime;
}

function readWasm(directory: string, file: string): Uint8Array {
  const where = path.join(directory, file);
  try {
    return readFileSync(where);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`The ${file} parser cannot be loaded from ${where} (${code ?? String(error)}): run \`npm run build\``);
  }
}

/** The grammar of `language` when it has been loaded, else undefined. */
export function grammarOf(language: CodeLanguage): Language | undefined {
  return loaded.get(language);
}
