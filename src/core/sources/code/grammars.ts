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

/**
 * A grammar. TypeScript has two: plain, and TSX (with JSX elements, for `.tsx` files). Each misreads the
 * other's text (`<T>x` is a type assertion in one and an element in the other), so a text is parsed
 * with the one its content calls for (`grammarFor`); both load together as the `typescript` language.
 */
export type Grammar = CodeLanguage | 'tsx';

/** The grammar files, as the build copies them beside the bundles (dist/grammars/). */
const GRAMMAR_FILES: Readonly<Record<Grammar, string>> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  terraform: 'tree-sitter-terraform.wasm',
};
/** The grammars a language loads. */
const GRAMMARS: Readonly<Record<CodeLanguage, readonly Grammar[]>> = {
  typescript: ['typescript', 'tsx'],
  terraform: ['terraform'],
};
const RUNTIME_FILE = 'tree-sitter.wasm';

let runtime: Promise<void> | undefined;
const loading = new Map<CodeLanguage, Promise<Language[]>>();
const loaded = new Map<Grammar, Language>();

/**
 * Loads the grammar of `language` from `directory` (once; later calls share the first). Rejects with an
 * error naming the file when it is missing or unreadable; a later call tries again.
 */
export function loadGrammar(language: CodeLanguage, directory: string): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    const grammars = GRAMMARS[language];
    pending = initRuntime(directory).then(() =>
      Promise.all(grammars.map((grammar) => Language.load(readWasm(directory, GRAMMAR_FILES[grammar])))),
    );
    loading.set(language, pending);
    pending.then(
      (languages) => languages.forEach((grammar, i) => loaded.set(grammars[i]!, grammar)),
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
    throw new Error(
      `The ${file} parser cannot be loaded from ${where} (${code ?? String(error)}): run \`npm run build\``,
    );
  }
}

/** The grammar (of `language`, or the TSX one) when it has been loaded, else undefined. */
export function grammarOf(language: Grammar): Language | undefined {
  return loaded.get(language);
}

/**
 * The grammar a text of `language` is parsed with: TSX when the TypeScript holds JSX, told by a closing
 * tag (`</div>`, `</>`) or a self-closing one (`<Stack />`), which every JSX element has and no other
 * TypeScript does (outside strings and comments). By content, as everything is here: the server and
 * the CLI need not say which extension a file has.
 */
export function grammarFor(language: CodeLanguage, text: string): Grammar {
  return language === 'typescript' && JSX.test(text) ? 'tsx' : language;
}

const JSX = /<\/[A-Za-z_$>]|\/>/;
