/**
 * What the names of a file are bound to (`const role = new Role(...)`, `this.bucket = new Bucket(...)`),
 * looked up when a name is used rather than for every declaration: one regular expression pass over the
 * text finds where names are declared, and the tree is asked only about the names the reader needs.
 * Bindings are file-wide: a name declared more than once is not resolved at all (scopes are not
 * followed, so the file must make the value plain).
 */
import { pathOf, type SyntaxNode } from './syntax';

/** `const x`, `let x`, `var x`, and `this.x =` (not `==`, `=>`). */
const DECLARATION = /\b(const|let|var)\s+([A-Za-z_$][\w$]*)|\bthis\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?![=>])/dg;
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

interface Declaration {
  readonly offset: number;
  readonly isConst: boolean;
}

export class Bindings {
  private readonly declared = new Map<string, Declaration[]>();
  private readonly values = new Map<string, SyntaxNode | null>();

  /** Names bound by `const` only: the values the file makes plain. */
  readonly consts = { get: (name: string): SyntaxNode | null | undefined => this.lookup(name, true) };

  constructor(
    text: string,
    private readonly root: SyntaxNode,
  ) {
    for (const match of text.matchAll(DECLARATION)) {
      const group = match[2] !== undefined ? 2 : 3;
      const name = match[group]!;
      const list = this.declared.get(name);
      const declaration = { offset: match.indices![group]![0], isConst: match[1] === 'const' };
      if (list) list.push(declaration);
      else this.declared.set(name, [declaration]);
    }
  }

  /** The expression bound to `name`: undefined when it is not declared, null when declared twice or not readable. */
  value(name: string): SyntaxNode | null | undefined {
    return this.lookup(name, false);
  }

  private lookup(name: string, onlyConst: boolean): SyntaxNode | null | undefined {
    const declarations = this.declared.get(name);
    if (!declarations) return undefined;
    if (declarations.length > 1) return null;
    if (onlyConst && !declarations[0]!.isConst) return undefined;
    let value = this.values.get(name);
    if (value === undefined) {
      value = this.read(declarations[0]!.offset, name.length);
      this.values.set(name, value);
    }
    return value;
  }

  private read(offset: number, length: number): SyntaxNode | null {
    const id = this.root.descendantForIndex(offset, offset + length);
    const parent = id?.parent;
    // Anything else is the text of a comment or a string that looks like a declaration.
    if (parent?.type === 'variable_declarator') return parent.childForFieldName('value');
    if (parent?.type === 'member_expression') {
      const assignment = parent.parent;
      if (assignment?.type === 'assignment_expression' && assignment.startIndex === parent.startIndex) return assignment.childForFieldName('right');
    }
    return null;
  }

  /** The name an expression is assigned to: `const role = <node>`, `this.role = <node>`. */
  assignedName(node: SyntaxNode): string | undefined {
    let current = node;
    let parent = node.parent;
    for (let depth = 0; parent && WRAPPERS.has(parent.type) && depth < 8; depth++) {
      current = parent;
      parent = parent.parent;
    }
    if (parent?.type === 'variable_declarator') {
      const name = parent.childForFieldName('name');
      return name?.type === 'identifier' ? name.text : undefined;
    }
    if (parent?.type === 'assignment_expression' && parent.startIndex !== current.startIndex) {
      const path = pathOf(parent.childForFieldName('left'));
      if (path?.length === 2 && path[0] === 'this') return path[1];
      if (path?.length === 1) return path[0];
    }
    return undefined;
  }
}
