/**
 * A policy written as JSON in an `Fn::Sub` string (`PolicyDocument: !Sub | {...}`), common in templates
 * that build ARNs from parameters. Its `${Name}` stand in JSON strings as parts of a template, or for a
 * whole value (`"Resource": ${Arns}`), which is masked before the JSON parser sees it (same length, so
 * offsets hold) and comes back as an unknown value.
 */
import type { ArnPart } from '../catalog/types';
import { substitutedParts } from './intrinsics';
import { parseJson, type JsonTreeOptions } from './json';
import type { Node, ParsedText } from './tree';

/** Stands first in a masked whole-value placeholder: a private-use character no template holds. */
const MASK = '\uE000';

/** The JSON in an `Fn::Sub` template string as a neutral tree, its placeholders read. */
export function subDocumentJson(template: string, variables: Node | undefined, options: JsonTreeOptions): ParsedText {
  const parsed = parseJson(maskWholeValues(template), options);
  return { roots: parsed.roots.map((root) => restore(root, variables)), problems: parsed.problems };
}

/** `${Name}` outside JSON strings as `"\uE000Name"`: the same length, and a string the parser accepts. */
function maskWholeValues(template: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '$' && template[i + 1] === '{' && template[i + 2] !== '!') {
      const close = template.indexOf('}', i + 2);
      const name = close < 0 ? '' : template.slice(i + 2, close);
      if (name === '' || /["\\\n]/.test(name)) continue;
      out += template.slice(copied, i) + '"' + MASK + name + '"';
      copied = close + 1;
      i = close;
    }
  }
  return copied === 0 ? template : out + template.slice(copied);
}

/** Masked values become unknown nodes; strings holding `${...}` become templates of their parts. */
function restore(node: Node, variables: Node | undefined): Node {
  switch (node.kind) {
    case 'object':
      return {
        ...node,
        entries: node.entries.map((entry) => ({ key: entry.key, value: restore(entry.value, variables) })),
      };
    case 'array':
      return { ...node, items: node.items.map((item) => restore(item, variables)) };
    case 'scalar': {
      if (typeof node.value !== 'string') return node;
      if (node.value.startsWith(MASK)) {
        // The string's span leaves out its quotes, which stand where `$` and `}` are written.
        const span = { start: node.span.start - 1, end: node.span.end + 1 };
        return { kind: 'unknown', span, text: `\${${node.value.slice(1)}}` };
      }
      if (!node.value.includes('${')) return node;
      const parts: ArnPart[] = substitutedParts(node.value, variables);
      return { kind: 'template', span: node.span, parts };
    }
    default:
      return node;
  }
}
