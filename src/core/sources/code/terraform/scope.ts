/**
 * What names stand for in a Terraform module, as far as the text says without running Terraform:
 * a variable's default (or the value an auto-loaded `.tfvars` file gives it), a local whose value is
 * written out, and inside a `dynamic` block's `content`, its iterator (`statement.value.actions`,
 * `statement.key`). A few functions are applied when their arguments are known (`lookup`, `try`,
 * `coalesce`, `concat`, `toset`...). Everything else stays unknown, labelled by its source.
 *
 * Variables and locals are usually defined in other files of the module's folder (variables.tf,
 * locals.tf): the caller's reader lists and reads them (`ReadRelative.list`), and what they define is
 * remembered by their text, so a keystroke in main.tf does not parse them again.
 *
 * Where a value is written decides where it is shown. A local of this file keeps its own spans (a fix
 * there edits the local, as a CDK `const`). A variable's value is an assumption (a caller, a `-var` or
 * a `.tfvars` file may give another), and a local of another file is not in this text: both are shown
 * at the reference that uses them, and the reference is `borrowed` (findings stand, saying where the
 * value comes from; no edit lands there, since the text at the span is the reference).
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Span } from '../../../policy/model';
import { BoundedMemo } from '../../../catalog/memo';
import { member, type Node } from '../../tree';
import type { ReadRelative } from '../external';
import { withTree } from '../trees';
import { blockHead, named, readBlock, spanOf, toNode, topLevelBlocks } from './hcl';

/** A value shown at a reference, written elsewhere: `from` says where (`the default of var.actions in variables.tf`). */
export interface Borrowed {
  readonly span: Span;
  readonly from: string;
}

/** A dynamic block's iterator: bound to one element, or to a collection the reader cannot know. */
export interface Iterator {
  readonly name: string;
  readonly key?: Node;
  readonly value?: Node;
  /** For an unknown collection: what it depends on (`var.statements`); every value taken from the iterator is unknown. */
  readonly unknown?: string;
}

/** What one file defines: variables (null: no default) and locals. */
interface Definitions {
  readonly variables: ReadonlyMap<string, Node | null>;
  readonly locals: ReadonlyMap<string, Node>;
}

/** Other files larger than this are not read for definitions (a module's variables.tf is a few kilobytes). */
const MAX_FILE = 512_000;
/** At most this many other files of the folder are read. */
const MAX_FILES = 100;
/** How deep references are followed (a local naming a local...): a guard against cycles. */
const MAX_DEPTH = 12;
/** A reference written plainly, as the label of an unknown node read from another file. */
const PLAIN_REFERENCE = /^(var|local)\.([A-Za-z_][\w-]*)$/;

const definitionsByText = new BoundedMemo<Definitions>(256);

/** The variables and locals of the module the file being read belongs to. */
export class Scope {
  private readonly variables = new Map<string, Node | null>();
  private readonly locals = new Map<string, SyntaxNode>();
  private readonly localValues = new Map<string, { readonly node: Node; readonly borrowed: readonly Borrowed[] }>();
  private readonly resolving = new Set<string>();
  private others: { readonly name: string; readonly definitions: Definitions }[] | undefined;
  private names: readonly string[] | undefined;
  private tfvars: { readonly name: string; readonly values: ReadonlyMap<string, Node> }[] | undefined;

  constructor(
    readonly text: string,
    /** The file's top-level `variable` and `locals` blocks (their syntax is alive while the file is read). */
    blocks: readonly SyntaxNode[],
    private readonly readFile?: ReadRelative,
  ) {
    for (const node of blocks) {
      const head = blockHead(named(node), text);
      if (head.type === 'variable' && head.labels[0] !== undefined) {
        const value = readBlock(node, text).attributes.get('default')?.value;
        this.variables.set(head.labels[0], value ? toNode(value, text) : null);
      } else if (head.type === 'locals') {
        for (const [name, attribute] of readBlock(node, text).attributes)
          if (attribute.value) this.locals.set(name, attribute.value);
      }
    }
  }

  /**
   * `var.NAME`: its value from an auto-loaded `.tfvars` file, else its default, with where that is
   * written; undefined when it has neither (a caller must give it), when its default is empty (`null`,
   * `""`, `[]`, `{}`: a placeholder the caller fills, not a policy's value), or when it is not found.
   */
  variable(name: string): { node: Node; from: string } | undefined {
    for (const file of this.tfvarsFiles()) {
      const value = file.values.get(name);
      if (value) return { node: value, from: `var.${name} as ${file.name} sets it` };
    }
    const own = this.variables.get(name);
    if (own !== undefined) return own && !isEmpty(own) ? { node: own, from: `the default of var.${name}` } : undefined;
    for (const other of this.otherFiles()) {
      const value = other.definitions.variables.get(name);
      if (value !== undefined)
        return value && !isEmpty(value)
          ? { node: value, from: `the default of var.${name} in ${other.name}` }
          : undefined;
    }
    return undefined;
  }

  /** The expression of a local this file defines. */
  ownLocal(name: string): SyntaxNode | undefined {
    return this.locals.get(name);
  }

  /**
   * `local.NAME`: of this file, its value with its own spans (`evaluate` reads its syntax, and what it
   * shows at references inside the local comes with it); of another file, its value as written there
   * (references to variables and locals in it still resolve) and where.
   */
  local(
    name: string,
    evaluate: (expression: SyntaxNode, borrowed: Borrowed[]) => Node,
  ): { node: Node; from?: string; borrowed?: readonly Borrowed[] } | undefined {
    const own = this.locals.get(name);
    if (own) {
      let value = this.localValues.get(name);
      if (!value) {
        // A local defined through itself (directly or not) is unknown.
        if (this.resolving.has(name)) return undefined;
        this.resolving.add(name);
        const borrowed: Borrowed[] = [];
        try {
          value = { node: evaluate(own, borrowed), borrowed };
        } finally {
          this.resolving.delete(name);
        }
        this.localValues.set(name, value);
      }
      return value;
    }
    for (const other of this.otherFiles()) {
      const value = other.definitions.locals.get(name);
      if (value) return { node: value, from: `local.${name} in ${other.name}` };
    }
    return undefined;
  }

  /**
   * `node` shown at `span`: every span in it is `span`, and the unknown values of another file that are
   * plain references (`local.x` naming `var.y`) are resolved the same way.
   */
  shownAt(node: Node, span: Span, depth = 0): Node {
    switch (node.kind) {
      case 'object':
        return {
          kind: 'object',
          span,
          entries: node.entries.map((e) => ({
            key: { text: e.key.text, span },
            value: this.shownAt(e.value, span, depth),
          })),
        };
      case 'array':
        return { kind: 'array', span, items: node.items.map((item) => this.shownAt(item, span, depth)) };
      case 'tagged':
        return { ...node, span, value: this.shownAt(node.value, span, depth) };
      case 'unknown': {
        const reference = PLAIN_REFERENCE.exec(node.text);
        const resolved = reference && depth < MAX_DEPTH ? this.plain(reference[1]!, reference[2]!) : undefined;
        return resolved ? this.shownAt(resolved, span, depth + 1) : { ...node, span };
      }
      default:
        return { ...node, span };
    }
  }

  /** A plain reference's value as written in another file (no syntax to evaluate there). */
  private plain(root: string, name: string): Node | undefined {
    if (root === 'var') return this.variable(name)?.node;
    const own = this.locals.get(name);
    if (own) return this.localValues.get(name)?.node;
    for (const other of this.otherFiles()) {
      const value = other.definitions.locals.get(name);
      if (value) return value;
    }
    return undefined;
  }

  /** The definitions of the folder's other `.tf` files, read on first need. */
  private otherFiles(): readonly { name: string; definitions: Definitions }[] {
    if (!this.others) {
      this.others = [];
      for (const name of this.listed((n) => n.endsWith('.tf'))) {
        const text = this.read(name);
        // The file being read, as saved: its own definitions are already known from the buffer.
        if (text === undefined || text === this.text) continue;
        const definitions = definitionsByText.get(`${name}\0${text}`, () => definitionsOf(text));
        this.others.push({ name, definitions });
      }
    }
    return this.others;
  }

  /** `terraform.tfvars` and `*.auto.tfvars`, which Terraform loads without being asked. */
  private tfvarsFiles(): readonly { name: string; values: ReadonlyMap<string, Node> }[] {
    if (!this.tfvars) {
      this.tfvars = [];
      // Later files win in Terraform: the auto-loaded ones in name order after terraform.tfvars.
      const names = this.listed((n) => n === 'terraform.tfvars' || n.endsWith('.auto.tfvars')).sort((a, b) =>
        a === 'terraform.tfvars' ? -1 : b === 'terraform.tfvars' ? 1 : a.localeCompare(b),
      );
      for (const name of names.reverse()) {
        const text = this.read(name);
        if (text !== undefined)
          this.tfvars.push({
            name,
            values: definitionsByText.get(`${name}\0${text}`, () => assignmentsOf(text)).locals,
          });
      }
    }
    return this.tfvars;
  }

  private listed(keep: (name: string) => boolean): string[] {
    if (!this.names) {
      try {
        this.names = this.readFile?.list?.() ?? [];
      } catch {
        this.names = [];
      }
    }
    return this.names.filter(keep).slice(0, MAX_FILES);
  }

  private read(name: string): string | undefined {
    try {
      const text = this.readFile?.(name);
      return text !== undefined && text.length <= MAX_FILE ? text : undefined;
    } catch {
      return undefined;
    }
  }
}

function isEmpty(node: Node): boolean {
  if (node.kind === 'scalar') return node.value === null || node.value === '';
  return (node.kind === 'array' && node.items.length === 0) || (node.kind === 'object' && node.entries.length === 0);
}

/** The variables and locals another file defines, as written (its references stay unknown, labelled). */
function definitionsOf(text: string): Definitions {
  const variables = new Map<string, Node | null>();
  const locals = new Map<string, Node>();
  withTree('terraform', text, (tree) => {
    for (const node of topLevelBlocks(tree.rootNode)) {
      const head = blockHead(named(node), text);
      if (head.type === 'variable' && head.labels[0] !== undefined) {
        const value = readBlock(node, text).attributes.get('default')?.value;
        variables.set(head.labels[0], value ? toNode(value, text) : null);
      } else if (head.type === 'locals') {
        for (const [name, attribute] of readBlock(node, text).attributes)
          if (attribute.value) locals.set(name, toNode(attribute.value, text));
      }
    }
  });
  return { variables, locals };
}

/** A `.tfvars` file's assignments (kept as `locals`: name → value). */
function assignmentsOf(text: string): Definitions {
  const values = new Map<string, Node>();
  withTree('terraform', text, (tree) => {
    const body = named(tree.rootNode).find((c) => c.type === 'body');
    for (const child of body ? named(body) : []) {
      if (child.type !== 'attribute') continue;
      const [name, value] = named(child);
      if (name && value) values.set(text.slice(name.startIndex, name.endIndex), toNode(value, text));
    }
  });
  return { variables: new Map(), locals: values };
}

/** Read MISSING: an attribute or element that is not there (an error in Terraform, which `try` catches). */
const MISSING = Symbol('missing');
type Evaluated = Node | typeof MISSING | undefined;

/**
 * Values of expressions in one place of the file (a document, a dynamic block's content) through the
 * module's scope and the iterators in effect; what is shown at a reference is collected in `borrowed`.
 */
export class Values {
  constructor(
    readonly scope: Scope,
    readonly borrowed: Borrowed[] = [],
    private readonly iterators: readonly Iterator[] = [],
    private readonly depth = 0,
  ) {}

  get text(): string {
    return this.scope.text;
  }

  /** The value of an expression: what can be told, else an unknown labelled by its source. */
  node(expression: SyntaxNode): Node {
    return toNode(expression, this.text, this.resolve);
  }

  /** The same, inside a dynamic block's content with `iterator` bound. */
  with(iterator: Iterator): Values {
    return new Values(this.scope, this.borrowed, [...this.iterators, iterator], this.depth);
  }

  /** The names of the iterators in effect. */
  get iteratorNames(): string[] {
    return this.iterators.map((i) => i.name);
  }

  /** The iterator of that name, when one is in effect. */
  iterator(name: string): Iterator | undefined {
    for (let i = this.iterators.length - 1; i >= 0; i--) if (this.iterators[i]!.name === name) return this.iterators[i];
    return undefined;
  }

  /** The resolver toNode takes (for readers that call it directly, such as jsonencode's). */
  readonly resolve = (expression: SyntaxNode): Node | undefined => {
    const value = this.evaluate(expression);
    return value === MISSING ? undefined : value;
  };

  private evaluate(expression: SyntaxNode): Evaluated {
    if (this.depth > MAX_DEPTH) return undefined;
    const children = named(expression);
    const first = children[0];
    if (!first) return undefined;
    if (first.type === 'variable_expr') return this.reference(expression, children);
    if (children.length === 1 && first.type === 'function_call') return this.call(first);
    return undefined;
  }

  /** Where evaluation of another expression goes one level deeper (locals through locals, function arguments). */
  private deeper(): Values {
    return new Values(this.scope, this.borrowed, this.iterators, this.depth + 1);
  }

  private reference(expression: SyntaxNode, children: readonly SyntaxNode[]): Evaluated {
    const text = this.text;
    const root = text.slice(children[0]!.startIndex, children[0]!.endIndex);
    const path: (string | number)[] = [];
    for (const child of children.slice(1)) {
      const step = this.step(child);
      if (step === undefined) return undefined;
      path.push(step);
    }
    const span = spanOf(expression);
    const source = text.slice(span.start, span.end);
    if (root === 'var' || root === 'local') {
      const name = path[0];
      if (typeof name !== 'string') return undefined;
      if (root === 'var') {
        const variable = this.scope.variable(name);
        if (!variable) return undefined;
        return this.show(access(variable.node, path.slice(1)), span, variable.from, source);
      }
      // A local is evaluated without the iterators of the place that uses it: it cannot see them.
      const local = this.scope.local(name, (value, borrowed) =>
        new Values(this.scope, borrowed, [], this.depth + 1).node(value),
      );
      if (!local) return undefined;
      // Every place that uses the local shows what the local shows (its variables at their references).
      if (local.borrowed) this.borrowed.push(...local.borrowed);
      const value = access(local.node, path.slice(1));
      return local.from ? this.show(value, span, local.from, source) : value;
    }
    const iterator = this.iterator(root);
    if (!iterator) return undefined;
    if (iterator.unknown !== undefined) return undefined;
    const [which, ...rest] = path;
    const bound = which === 'value' ? iterator.value : which === 'key' ? iterator.key : undefined;
    return bound ? access(bound, rest) : undefined;
  }

  /** A value written elsewhere, shown at the reference that uses it. */
  private show(value: Evaluated, span: Span, from: string, source: string): Evaluated {
    if (value === undefined || value === MISSING) return value;
    if (value.kind === 'unknown') return { kind: 'unknown', span, text: source };
    this.borrowed.push({ span, from });
    return this.scope.shownAt(value, span);
  }

  /** One step of a reference: `.name`, `["name"]`, `[0]`, `.0`; undefined for splats and computed indexes. */
  private step(child: SyntaxNode): string | number | undefined {
    const text = this.text;
    if (child.type === 'get_attr') {
      const name = child.lastNamedChild;
      return name ? text.slice(name.startIndex, name.endIndex) : undefined;
    }
    if (child.type === 'index') {
      const inner = child.firstNamedChild;
      if (inner?.type === 'legacy_index')
        return Number(text.slice(inner.startIndex, inner.endIndex).replace(/^\./, ''));
      const expression = inner?.firstNamedChild;
      const key = expression ? this.deeper().node(expression) : undefined;
      if (key?.kind === 'scalar' && (typeof key.value === 'string' || typeof key.value === 'number')) return key.value;
    }
    return undefined;
  }

  /** The functions whose result follows from known arguments without guessing. */
  private call(call: SyntaxNode): Evaluated {
    const [nameNode, argumentList] = named(call);
    if (!nameNode) return undefined;
    const name = this.text.slice(nameNode.startIndex, nameNode.endIndex);
    const args = argumentList ? named(argumentList).filter((a) => a.type === 'expression') : [];
    const inner = this.deeper();
    const value = (i: number): Evaluated => (args[i] ? inner.evaluated(args[i]!) : undefined);
    const span = spanOf(call);
    switch (name) {
      case 'lookup': {
        const map = value(0);
        const key = value(1);
        if (
          map === undefined ||
          map === MISSING ||
          map.kind !== 'object' ||
          key === undefined ||
          key === MISSING ||
          key.kind !== 'scalar'
        )
          return undefined;
        const found = member(map, String(key.value));
        return found ?? (args.length > 2 ? value(2) : MISSING);
      }
      case 'try':
        for (let i = 0; i < args.length; i++) {
          const attempt = value(i);
          if (attempt !== MISSING) return attempt;
        }
        return MISSING;
      case 'coalesce':
        for (let i = 0; i < args.length; i++) {
          const attempt = value(i);
          if (attempt === undefined || attempt === MISSING || attempt.kind === 'unknown' || attempt.kind === 'template')
            return undefined;
          if (attempt.kind === 'scalar' && (attempt.value === null || attempt.value === '')) continue;
          return attempt;
        }
        return undefined;
      case 'concat': {
        const items: Node[] = [];
        for (let i = 0; i < args.length; i++) {
          const list = value(i);
          if (list === undefined || list === MISSING || list.kind !== 'array') return undefined;
          items.push(...list.items);
        }
        return { kind: 'array', span, items };
      }
      case 'toset':
      case 'distinct': {
        const list = value(0);
        if (list === undefined || list === MISSING || list.kind !== 'array') return undefined;
        const seen = new Set<string>();
        const items = list.items.filter(
          (item) => item.kind !== 'scalar' || (seen.has(item.text) ? false : (seen.add(item.text), true)),
        );
        return { kind: 'array', span: list.span, items };
      }
      case 'compact': {
        const list = value(0);
        if (list === undefined || list === MISSING || list.kind !== 'array') return undefined;
        return {
          kind: 'array',
          span: list.span,
          items: list.items.filter((item) => !(item.kind === 'scalar' && (item.value === null || item.value === ''))),
        };
      }
      case 'tolist':
      case 'tomap':
        return value(0);
      default:
        return undefined;
    }
  }

  /** An argument's value: MISSING when it reads an attribute that is not there. */
  private evaluated(expression: SyntaxNode): Evaluated {
    const direct = this.evaluate(expression);
    return direct ?? this.node(expression);
  }
}

/** `node` then `.a["b"][0]`: MISSING where a known object or list has no such member. */
function access(node: Node, path: readonly (string | number)[]): Evaluated {
  let current: Node = node;
  for (const step of path) {
    if (current.kind === 'object') {
      const next = member(current, String(step));
      if (!next) return MISSING;
      current = next;
    } else if (current.kind === 'array' && typeof step === 'number') {
      const next = current.items[step];
      if (!next) return MISSING;
      current = next;
    } else if (current.kind === 'scalar') {
      return MISSING;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * The first variable, local, module, data source or iterator (of `iterators`) an expression depends on,
 * for saying what was not analysed; else the expression, shortened.
 */
export function dependencyOf(source: string, iterators: readonly string[] = []): string {
  const names = ['var', 'local', 'module', ...iterators].map((n) => n.replace(/-/g, '\\-')).join('|');
  const found = new RegExp(
    `(?<![\\w.-])(?:(?:${names})\\.[A-Za-z_][\\w-]*|data\\.[\\w-]+\\.[\\w-]+|each\\.(?:key|value)(?:\\.[A-Za-z_][\\w-]*)?|count\\.index)`,
  ).exec(source);
  if (found) return found[0];
  const flat = source.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
