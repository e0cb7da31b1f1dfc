/**
 * Syntax trees of one document across its versions. A keystroke changes one range of the text; telling
 * tree-sitter which range lets it re-parse only around it (a tenth of a full parse on a 2,000-line file).
 * The range is found by comparing the old and the new text from both ends, so no editor change event is
 * needed and any caller (the server, a benchmark) gets the same behaviour.
 */
import { Parser, type Edit, type Point, type Tree } from 'web-tree-sitter';
import { grammarOf, type Grammar } from './grammars';

export class CodeTrees {
  private parser: Parser | undefined;
  private previous: { readonly language: Grammar; readonly text: string; readonly tree: Tree } | undefined;

  /**
   * The tree of `text`, re-parsed from the previous one when there is one of the same language. The tree
   * stays owned by this object (valid until the next call or `dispose`). Undefined when the grammar is not
   * loaded, or the parser gave up.
   */
  parse(language: Grammar, text: string): Tree | undefined {
    const grammar = grammarOf(language);
    if (!grammar) return undefined;
    const previous = this.previous;
    if (previous && previous.language === language && previous.text === text) return previous.tree;
    this.parser ??= new Parser();
    if (this.parser.language !== grammar) this.parser.setLanguage(grammar);
    let old: Tree | undefined;
    if (previous && previous.language === language) {
      old = previous.tree;
      old.edit(editBetween(previous.text, text));
    }
    const tree = this.parser.parse(text, old) ?? undefined;
    previous?.tree.delete();
    this.previous = tree ? { language, text, tree } : undefined;
    return tree;
  }

  /** Frees the trees and the parser (WebAssembly memory is not garbage collected). */
  dispose(): void {
    this.previous?.tree.delete();
    this.previous = undefined;
    this.parser?.delete();
    this.parser = undefined;
  }
}

/** Parses `text` once, hands the tree to `read`, and frees it. Undefined when the grammar is not loaded. */
export function withTree<T>(language: Grammar, text: string, read: (tree: Tree) => T): T | undefined {
  const trees = new CodeTrees();
  try {
    const tree = trees.parse(language, text);
    return tree ? read(tree) : undefined;
  } finally {
    trees.dispose();
  }
}

/** The one edit that turns `before` into `after`: the range between their common prefix and common suffix. */
export function editBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAfter(before, start, oldEnd, startPosition),
    newEndPosition: pointAfter(after, start, newEnd, startPosition),
  };
}

/** Row and column (in UTF-16 code units, as web-tree-sitter counts them) of `offset`. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point of `offset`, counting from `from` whose point is known. */
function pointAfter(text: string, from: number, offset: number, at: Point): Point {
  let { row, column } = at;
  let lineStart = from - column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  column = offset - lineStart;
  return { row, column };
}
