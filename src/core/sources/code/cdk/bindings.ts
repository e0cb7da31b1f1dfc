/**
 * What the names of a file are bound to (`const role = new Role(...)`, `this.bucket = new Bucket(...)`),
 * looked up when a name is used rather than for every declaration: one regular expression pass over the
 * text finds where names are declared, and the tree is asked only about the names the reader needs.
 * Bindings are file-wide: a name declared more than once is not resolved at all (scopes are not
 * followed, so the file must make the value plain).
 *
 * Asking a node for its parent costs a walk down from the root in tree-sitter, so none is asked: the
 * declaration is found as the smallest node spanning the name and its `=`, and the name a value is
 * assigned to is read from the text before it.
 */
import type { SyntaxNode } from './syntax';

/** `const x =`, `const x: T =`, `let x =`, `var x =`, and `this.x =` (not `==`, `=>`). */
const DECLARATION =
  /\b(?:(const|let|var)\s+([A-Za-z_$][\w$]*)(?:\s*:[^=;]*)?|this\s*\.\s*([A-Za-z_$][\w$]*))\s*=(?![=>])/dg;
/**
 * A parenthesised list followed by `{` or `=>` (a function's, method's, constructor's or arrow's
 * parameters; a control statement's condition too, told by the word before it). It starts at the `(`:
 * an optional name before it would be tried at every offset of the file.
 */
const PARAMETER_LIST = /\(([^()]*)\)\s*(?::\s*[^{};=()]+?)?\s*(?:=>|\{)/g;
/** `for (const x of ...)`, `for (let x in ...)`. */
const LOOP_VARIABLE = /\bfor\s*(?:await\s*)?\(\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s+(?:of|in)\b/g;
/** `const { a, b: c, ...d } =`, `let [x, y] =`: the names a destructuring declares. */
const DESTRUCTURING = /\b(?:const|let|var)\s*([{[][^=;]*[}\]])\s*(?::[^=;]*)?=/g;
const CONTROL = new Set(['if', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'await', 'new', 'super']);

/** The same, ending where a value starts: the name it is assigned to (the text before the value). */
const ASSIGNED = /(?:\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)(?:\s*:[^=;]*)?|\bthis\s*\.\s*([A-Za-z_$][\w$]*))\s*=\s*$/;
/** How far before a value its declaration is looked for (a type annotation fits). */
const LOOK_BACK = 160;

interface Declaration {
  /** From the declared name to just after the `=`: the declaration's smallest node spans it. */
  readonly start: number;
  readonly end: number;
  readonly isConst: boolean;
}

/** The identifier that ends just before `at` (blanks between allowed), or '' when none does. */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  let start = end;
  while (start > 0 && /[\w$]/.test(text[start - 1]!)) start--;
  return start < end && /^[A-Za-z_$]/.test(text[start]!) ? text.slice(start, end) : '';
}

export class Bindings {
  private readonly declared = new Map<string, Declaration[]>();
  private readonly values = new Map<string, SyntaxNode | null>();
  /**
   * Names also bound where a value is not plain (a parameter, a loop variable, a destructuring): a use of
   * the name may be that binding rather than a `const` of the same name, so it is never resolved.
   */
  private readonly shadowed = new Set<string>();

  /** Names bound by `const` only: the values the file makes plain. */
  readonly consts = { get: (name: string): SyntaxNode | null | undefined => this.lookup(name, true) };

  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
  ) {
    for (const match of text.matchAll(DECLARATION)) {
      const group = match[2] !== undefined ? 2 : 3;
      const name = match[group]!;
      const start = group === 3 ? match.index : match.indices![2]![0];
      const declaration = { start, end: match.index + match[0].length, isConst: match[1] === 'const' };
      const list = this.declared.get(name);
      if (list) list.push(declaration);
      else this.declared.set(name, [declaration]);
    }
    for (const match of text.matchAll(PARAMETER_LIST)) {
      if (CONTROL.has(wordBefore(text, match.index))) continue;
      for (const parameter of match[1]!.split(',')) {
        const name = /^\s*(?:(?:readonly|private|public|protected|override)\s+)*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(
          parameter,
        )?.[1];
        if (name) this.shadowed.add(name);
      }
    }
    // An arrow function's one unparenthesised parameter: `x => ...`.
    for (let arrow = text.indexOf('=>'); arrow >= 0; arrow = text.indexOf('=>', arrow + 2)) {
      const name = wordBefore(text, arrow);
      if (name) this.shadowed.add(name);
    }
    for (const match of text.matchAll(LOOP_VARIABLE)) this.shadowed.add(match[1]!);
    for (const match of text.matchAll(DESTRUCTURING)) {
      // `b: c` declares c; `a = 1` declares a; `...d` declares d.
      for (const part of match[1]!.slice(1, -1).split(',')) {
        const name = /([A-Za-z_$][\w$]*)\s*(?:=[^,]*)?\s*$/.exec(part.replace(/^.*:/, ''))?.[1];
        if (name) this.shadowed.add(name);
      }
    }
  }

  /** The expression bound to `name`: undefined when it is not declared, null when declared twice or not readable. */
  value(name: string): SyntaxNode | null | undefined {
    return this.lookup(name, false);
  }

  /** The name an expression is assigned to: `const role = <node>`, `this.role = <node>`. */
  assignedName(node: SyntaxNode): string | undefined {
    const before = this.text.slice(Math.max(0, node.startIndex - LOOK_BACK), node.startIndex);
    const match = ASSIGNED.exec(before);
    return match ? (match[1] ?? match[2]) : undefined;
  }

  private lookup(name: string, onlyConst: boolean): SyntaxNode | null | undefined {
    const declarations = this.declared.get(name);
    if (!declarations) return undefined;
    if (this.shadowed.has(name)) return null;
    if (onlyConst && (declarations.length > 1 || !declarations[0]!.isConst))
      return declarations.length > 1 ? null : undefined;
    let value = this.values.get(name);
    if (value === undefined) {
      value = declarations.length === 1 ? this.read(declarations[0]!) : this.readOne(name, declarations);
      this.values.set(name, value);
    }
    return value;
  }

  /**
   * The one value among several declarations of a name, when the others only keep it under the same
   * name (`const bucket = new Bucket(...); this.bucket = bucket;`); null otherwise.
   */
  private readOne(name: string, declarations: readonly Declaration[]): SyntaxNode | null {
    let found: SyntaxNode | null = null;
    for (const declaration of declarations) {
      const value = this.read(declaration);
      if (value && value.text === name) continue;
      if (found || !value) return null;
      found = value;
    }
    return found;
  }

  private read({ start, end }: Declaration): SyntaxNode | null {
    const node = this.root.descendantForIndex(start, end);
    // Anything else is the text of a comment or a string that looks like a declaration.
    if (node?.type === 'variable_declarator') return node.childForFieldName('value');
    if (node?.type === 'assignment_expression') return node.childForFieldName('right');
    return null;
  }
}
