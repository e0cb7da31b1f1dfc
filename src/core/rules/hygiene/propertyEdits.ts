/**
 * Setting one property of a CloudFormation resource, as a text edit in the file's own style: the value
 * is replaced where the property is written, else the property is inserted first in `Properties`, else
 * a `Properties` object holding it is added to the resource. JSON stays JSON, YAML block stays block.
 */
import { withQuotes } from '../edits';
import type { TemplateResource } from '../../policy/model';
import { member, type ObjectNode } from '../../sources/tree';
import { insertFirstProperty } from '../edits';
import type { TextEdit } from '../types';

/**
 * The edit that makes `key` hold `jsonValue` (JSON text, also valid YAML: `true`, `{"Ref": "AWS::AccountId"}`),
 * or undefined when `Properties` is something that cannot take a property (an intrinsic, a scalar).
 */
export function setResourceProperty(
  text: string,
  resource: TemplateResource,
  key: string,
  jsonValue: string,
): TextEdit | undefined {
  if (resource.properties) return setProperty(text, resource.properties, key, jsonValue);
  if (member(resource.node, 'Properties')) return undefined;
  return insertObjectProperty(text, resource.node, 'Properties', key, jsonValue);
}

/** Replaces the value of `key` in `object`, or inserts `key` as its first property. */
function setProperty(text: string, object: ObjectNode, key: string, jsonValue: string): TextEdit {
  const entry = [...object.entries].reverse().find((e) => e.key.text === key);
  if (entry) {
    const span = withQuotes(text, entry.value.span);
    // A YAML key with no value yet (`EnableKeyRotation:`): the value needs its space after the colon.
    const space = span.start === span.end && text[span.start - 1] === ':' ? ' ' : '';
    return { span, newText: `${space}${jsonValue}` };
  }
  return insertFirstProperty(text, object.span, key, jsonValue);
}

/**
 * Inserts `outer` holding `{inner: jsonValue}` as the first property of `object`: a YAML block mapping
 * gets a nested block two columns deeper; JSON and YAML flow get an inline object.
 */
function insertObjectProperty(
  text: string,
  object: ObjectNode,
  outer: string,
  inner: string,
  jsonValue: string,
): TextEdit {
  const start = object.span.start;
  if (text[start] === '{') return insertFirstProperty(text, object.span, outer, `{"${inner}": ${jsonValue}}`);
  const indent = ' '.repeat(start - (text.lastIndexOf('\n', start - 1) + 1));
  return { span: { start, end: start }, newText: `${outer}:\n${indent}  ${inner}: ${jsonValue}\n${indent}` };
}
