/**
 * What the names of a file stand for, as its imports say: `iam` in `import * as iam from
 * 'aws-cdk-lib/aws-iam'` or `import { aws_iam as iam } from 'aws-cdk-lib'` is the IAM module, `PS` in
 * `import { PolicyStatement as PS } from 'aws-cdk-lib/aws-iam'` its PolicyStatement. Constructs are
 * recognised through these only, so a class of the user's own that happens to be called `Policy` is not
 * taken for IAM's.
 *
 * Every form a CDK app imports with is read: ES imports (namespace, named, default), TypeScript's
 * `import iam = require('aws-cdk-lib/aws-iam')`, and CommonJS `const iam = require(...)` or
 * `const { PolicyStatement: PS } = require(...)`; of aws-cdk-lib (v2) and of `@aws-cdk/*` (v1, whose
 * package names are v2's folder names). `import type` binds no value: its names resolve type
 * annotations only (`bucket: s3.IBucket`), never a construct.
 */
import { argumentsOf, itemsOf, stringLiteral, type SyntaxNode } from './syntax';

/** A module of aws-cdk-lib by its folder name (`aws-iam`, `aws-s3`), or `core` for the library's root. */
export type CdkModule = string;

/** A name chain resolved through the imports: the module and the names after it (`['PolicyStatement']`). */
export interface Resolved {
  readonly module: CdkModule;
  readonly names: readonly string[];
}

/** `require('aws-cdk-lib...')` or `require("@aws-cdk/...")`: where a CommonJS import of the CDK is. */
const REQUIRE = /\brequire\s*\(\s*(['"])(?:aws-cdk-lib|@aws-cdk\/)/g;

interface Bound {
  readonly namespaces: Map<string, CdkModule>;
  readonly named: Map<string, { module: CdkModule; name: string }>;
}

export class CdkImports {
  /** The names imports bind to values. */
  private readonly values: Bound = { namespaces: new Map(), named: new Map() };
  /** The names `import type` binds: types only. */
  private readonly types: Bound = { namespaces: new Map(), named: new Map() };

  /** Reads the file's top-level import statements and its `require` calls of the CDK. */
  constructor(root: SyntaxNode, text: string) {
    for (const statement of root.namedChildren) {
      // Imports come first; `import` at the start of a top-level statement is one (or `import x = require()`).
      if (statement && text.startsWith('import', statement.startIndex) && statement.type === 'import_statement')
        this.read(statement, text);
    }
    // A `require` may sit anywhere (inside a function too): found by the text, then its declaration.
    for (const match of text.matchAll(REQUIRE)) this.readRequire(root, text, match.index);
  }

  /** True when the file imports anything of the CDK (as values). */
  get any(): boolean {
    return this.values.namespaces.size > 0 || this.values.named.size > 0;
  }

  /** The local names given by named imports to exports of `module` among `names` (`PS` for PolicyStatement). */
  aliasesOf(module: CdkModule, names: readonly string[]): string[] {
    const out: string[] = [];
    for (const [local, imported] of this.values.named)
      if (imported.module === module && names.includes(imported.name)) out.push(local);
    return out;
  }

  /** What a name chain stands for, or undefined when its first name is not imported from the CDK. */
  resolve(path: readonly string[] | undefined): Resolved | undefined {
    return resolveIn(this.values, path);
  }

  /** Like resolve, for a name chain in a type annotation: names of `import type` count there too. */
  resolveType(path: readonly string[] | undefined): Resolved | undefined {
    return resolveIn(this.values, path) ?? resolveIn(this.types, path);
  }

  private read(statement: SyntaxNode, text: string): void {
    const source = statement.childForFieldName('source');
    const items = itemsOf(statement, text);
    // `import iam = require('aws-cdk-lib/aws-iam')`: the module under one name.
    const required = items.find((n) => n.type === 'import_require_clause');
    if (required) {
      const [local, string] = itemsOf(required, text);
      const module = string?.type === 'string' ? moduleOf(stringLiteral(string).value) : undefined;
      if (local?.type === 'identifier' && module !== undefined) this.values.namespaces.set(local.text, module);
      return;
    }
    if (!source || source.type !== 'string') return;
    const module = moduleOf(stringLiteral(source).value);
    if (module === undefined) return;
    const clause = items.find((n) => n.type === 'import_clause');
    if (!clause) return;
    // `import type { X } from ...` binds types only; so does `import { type X }` for that name.
    const typeOnly = /^import\s+type\s/.test(text.slice(statement.startIndex, clause.startIndex + 1));
    const bound = typeOnly ? this.types : this.values;
    for (const part of itemsOf(clause, text)) {
      if (part.type === 'namespace_import') {
        const local = part.firstNamedChild;
        if (local) bound.namespaces.set(local.text, module);
      } else if (part.type === 'named_imports') {
        for (const specifier of itemsOf(part, text)) {
          if (specifier.type !== 'import_specifier') continue;
          const name = specifier.childForFieldName('name');
          const alias = specifier.childForFieldName('alias') ?? name;
          const target = typeOnly || /^type\s/.test(specifier.text) ? this.types : this.values;
          if (name && alias) target.named.set(alias.text, { module, name: name.text });
        }
      } else if (part.type === 'identifier') {
        // A default import of a module (`import iam from ...` with esModuleInterop) is the module.
        bound.namespaces.set(part.text, module);
      }
    }
  }

  /**
   * `const iam = require('aws-cdk-lib/aws-iam')` (or `let`, `var`) and `const { PolicyStatement, aws_s3: s3 }
   * = require('aws-cdk-lib')`. `at` is the offset of `require`; anything else there (a call in an
   * expression, text in a comment) binds nothing.
   */
  private readRequire(root: SyntaxNode, text: string, at: number): void {
    const call = root.descendantForIndex(at, text.indexOf('(', at) + 1);
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'require') return;
    const [argument] = argumentsOf(call, text);
    const module = argument?.type === 'string' ? moduleOf(stringLiteral(argument).value) : undefined;
    if (module === undefined) return;
    // The declaration is the smallest node holding the declared name (or pattern) and the call.
    const from = Math.max(0, at - 400);
    const declared = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*|\{[^=;]*\})\s*(?::[^=;]*)?=\s*$/.exec(
      text.slice(from, at),
    );
    if (!declared) return;
    const declarator = root.descendantForIndex(
      from + declared.index + declared[0].indexOf(declared[1]!),
      call.endIndex,
    );
    if (declarator?.type !== 'variable_declarator') return;
    const name = declarator.childForFieldName('name');
    if (name?.type === 'identifier') {
      this.values.namespaces.set(name.text, module);
    } else if (name?.type === 'object_pattern') {
      for (const property of itemsOf(name, text)) {
        if (property.type === 'shorthand_property_identifier_pattern') {
          this.values.named.set(property.text, { module, name: property.text });
        } else if (property.type === 'pair_pattern') {
          const key = property.childForFieldName('key');
          const value = property.childForFieldName('value');
          if (key && value?.type === 'identifier') this.values.named.set(value.text, { module, name: key.text });
        }
      }
    }
  }
}

/** What a name chain stands for through one set of bindings. */
function resolveIn(bound: Bound, path: readonly string[] | undefined): Resolved | undefined {
  if (!path || path.length === 0) return undefined;
  const [first, ...rest] = path;
  const named = bound.named.get(first!);
  if (named) {
    // `import { aws_iam as iam } from 'aws-cdk-lib'` names a module.
    const module = named.module === 'core' ? submodule(named.name) : undefined;
    return module ? { module, names: rest } : { module: named.module, names: [named.name, ...rest] };
  }
  const namespace = bound.namespaces.get(first!);
  if (namespace === undefined) return undefined;
  if (namespace === 'core' && rest.length > 0) {
    const module = submodule(rest[0]!);
    if (module) return { module, names: rest.slice(1) };
  }
  return { module: namespace, names: rest };
}

/** `aws-cdk-lib/aws-iam` → `aws-iam`; `aws-cdk-lib` → `core`; CDK v1's `@aws-cdk/aws-iam` → `aws-iam`. */
function moduleOf(source: string): CdkModule | undefined {
  if (source === 'aws-cdk-lib' || source === '@aws-cdk/core') return 'core';
  if (source.startsWith('aws-cdk-lib/')) return source.slice('aws-cdk-lib/'.length);
  if (source.startsWith('@aws-cdk/')) {
    const module = source.slice('@aws-cdk/'.length);
    // v1's stable Python functions are v2's alpha module.
    return module === 'aws-lambda-python' ? 'aws-lambda-python-alpha' : module;
  }
  return undefined;
}

/** The root's re-export of a module: `aws_iam` → `aws-iam`, `aws_lambda_nodejs` → `aws-lambda-nodejs`. */
function submodule(name: string): CdkModule | undefined {
  return name.startsWith('aws_') ? name.replaceAll('_', '-') : undefined;
}
