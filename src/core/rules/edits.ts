import type { Span } from '../policy/model';
import type { TextEdit } from './types';

export function replace(span: Span, newText: string): TextEdit {
  return { span, newText };
}

/**
 * Inserts `key: value` as the first property of the object at `objectSpan`, in the object's own style:
 * JSON (or YAML flow) objects get a quoted property on its own line with the indentation of the next
 * property, or inline when the object is on one line; YAML block mappings get a line at the first
 * key's column. `jsonValue` is the value as JSON text (also valid YAML).
 */
export function insertFirstProperty(text: string, objectSpan: Span, key: string, jsonValue: string): TextEdit {
  const start = objectSpan.start;
  if (text[start] === '{') {
    const after = start + 1;
    const match = /^([ \t]*)(\r?\n)([ \t]*)/.exec(text.slice(after, after + 200));
    if (match) {
      return { span: { start: after, end: after }, newText: `${match[2]}${match[3]}"${key}": ${jsonValue},` };
    }
    const closesEmpty = /^\s*}/.test(text.slice(after, after + 200));
    return { span: { start: after, end: after }, newText: closesEmpty ? `"${key}": ${jsonValue}` : ` "${key}": ${jsonValue},` };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = ' '.repeat(start - lineStart);
  return { span: { start, end: start }, newText: `${key}: ${jsonValue}\n${indent}` };
}
