/**
 * What the names of a file stand for, as its imports say: `iam` in `import * as iam from
 * 'aws-cdk-lib/aws-iam'` or `import { aws_iam as iam } from 'aws-cdk-lib'` is the IAM module, `PS` in
 * `import { PolicyStatement as PS } from 'aws-cdk-lib/aws-iam'` its PolicyStatement. Constructs are
 * recognised through these only, so a class of the user's own that happens to be called `Policy` is not
 * taken for IAM's.
 */
import { itemsOf, stringLiteral, type SyntaxNode } from './syntax';

/** A module of aws-cdk-lib by its folder name (`aws-iam`, `aws-s3`), or `core` for the library's root. */
export type CdkModule = string;

/** A name chain resolved through the imports: the module and the names after it (`['PolicyStatement']`). */
export interface Resolved {
  readonly module: CdkModule;
  readonly names: readonly string[];
}

export class CdkImports {
  /** Local names bound to a whole module (`iam`), or to the library's root (`cdk`). */
  private readonly namespaces = new Map<string, CdkModule>();
  /** Local names bound to one export of a module (`PS` → PolicyStatement of aws-iam). */
  private readonly named = new Map<string, { module: CdkModule; name: string }>();

  /** Reads the file's top-level import statements. */
  constructor(root: SyntaxNode, text: string) {
    for (const statement of root.namedChildren) {
      // Imports come first; `import` at the start of a top-level statement is one (or `import x = require()`).
      if (statement && text.startsWith('import', statement.startIndex) && statement.type === 'import_statement') this.read(statement, text);
    }
  }

  /** True when the file imports anything of the CDK. */
  get any(): boolean {
    return this.namespaces.size > 0 || this.named.size > 0;
  }

  /** The local names given by named imports to exports of `module` among `names` (`PS` for PolicyStatement). */
  aliasesOf(module: CdkModule, names: readonly string[]): string[] {
    const out: string[] = [];
    for (const [local, imported] of this.named) if (imported.module === module && names.includes(imported.name)) out.push(local);
    return out;
  }

  /** What a name chain stands for, or undefined when its first name is not imported from the CDK. */
  resolve(path: readonly string[] | undefined): Resolved | undefined {
    if (!path || path.length === 0) return undefined;
    const [first, ...rest] = path;
    const named = this.named.get(first!);
    if (named) {
      // `import { aws_iam as iam } from 'aws-cdk-lib'` names a module.
      const module = named.module === 'core' ? submodule(named.name) : undefined;
      return module ? { module, names: rest } : { module: named.module, names: [named.name, ...rest] };
    }
    const namespace = this.namespaces.get(first!);
    if (namespace === undefined) return undefined;
    if (namespace === 'core' && rest.length > 0) {
      const module = submodule(rest[0]!);
      if (module) return { module, names: rest.slice(1) };
    }
    return { module: namespace, names: rest };
  }

  private read(statement: SyntaxNode, text: string): void {
    const source = statement.childForFieldName('source');
    if (!source || source.type !== 'string') return;
    const module = moduleOf(stringLiteral(source).value);
    if (module === undefined) return;
    const clause = itemsOf(statement, text).find((n) => n.type === 'import_clause');
    if (!clause) return;
    for (const part of itemsOf(clause, text)) {
      if (part.type === 'namespace_import') {
        const local = part.firstNamedChild;
        if (local) this.namespaces.set(local.text, module);
      } else if (part.type === 'named_imports') {
        for (const specifier of itemsOf(part, text)) {
          if (specifier.type !== 'import_specifier') continue;
          const name = specifier.childForFieldName('name');
          const alias = specifier.childForFieldName('alias') ?? name;
          if (name && alias) this.named.set(alias.text, { module, name: name.text });
        }
      } else if (part.type === 'identifier') {
        // A default import of a module (`import iam from ...` with esModuleInterop) is the module.
        this.namespaces.set(part.text, module);
      }
    }
  }
}

/** `aws-cdk-lib/aws-iam` → `aws-iam`; `aws-cdk-lib` → `core`; CDK v1's `@aws-cdk/aws-iam` → `aws-iam`. */
function moduleOf(source: string): CdkModule | undefined {
  if (source === 'aws-cdk-lib' || source === '@aws-cdk/core') return 'core';
  if (source.startsWith('aws-cdk-lib/')) return source.slice('aws-cdk-lib/'.length);
  if (source.startsWith('@aws-cdk/')) return source.slice('@aws-cdk/'.length);
  return undefined;
}

/** The root's re-export of a module: `aws_iam` → `aws-iam`, `aws_lambda_nodejs` → `aws-lambda-nodejs`. */
function submodule(name: string): CdkModule | undefined {
  return name.startsWith('aws_') ? name.replaceAll('_', '-') : undefined;
}
