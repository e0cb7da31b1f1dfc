/**
 * One neutral syntax tree, built in a single pass from either parser, so that everything after parsing
 * (detection, CloudFormation, intrinsics, policy documents) is the same code for JSON and YAML.
 */

export type {
  ArrayNode,
  Entry,
  Node,
  ObjectNode,
  ParsedText,
  ScalarNode,
  TaggedNode,
  TemplateNode,
  UnknownNode,
} from '../policy/tree';
import type { Node } from '../policy/tree';

/** The value of `key` in an object node (the last one when the key is repeated), or undefined. */
export function member(node: Node | undefined, key: string): Node | undefined {
  if (node?.kind !== 'object') return undefined;
  const entries = node.entries;
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key.text === key) return entries[i].value;
  return undefined;
}

/** The string value of a scalar node, or undefined. */
export function stringOf(node: Node | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** The most problems one file reports: a binary file fed to a parser must not yield thousands. */
export const MAX_SYNTAX_PROBLEMS = 100;

/**
 * Nesting deeper than this is refused before parsing. Both parsers recurse per level, and V8 may abort
 * the whole process (not throw) when it compiles a regular expression that close to the stack's end;
 * no policy or template comes near this depth.
 */
export const MAX_NESTING = 400;

/**
 * True when YAML text may nest deeper than MAX_NESTING: an upper bound in one pass, counting open
 * brackets and braces, plus the longest run of indentation and block indicators opening a line.
 */
export function mayNestTooDeeply(text: string): boolean {
  let flow = 0;
  let prefix = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 125) {
      lineStart = false;
    } else if (c === 10 /* \n */) {
      lineStart = true;
      prefix = 0;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      lineStart = false;
      if (++flow > MAX_NESTING) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      lineStart = false;
      if (flow > 0) flow--;
    } else if (lineStart) {
      // Spaces, tabs and the indicators `-`, `?`, `:` (followed by a space) each open at most one block
      // level; a line of dashes (`------`) opens none.
      const indicator = (c === 45 || c === 63 || c === 58) && isBlank(text.charCodeAt(i + 1));
      if (c === 32 || c === 9 || indicator) {
        if (++prefix + flow > MAX_NESTING) return true;
      } else {
        lineStart = false;
      }
    }
  }
  return false;
}

/** A space, a tab, a line break, or the end of the text (NaN). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}
