/**
 * A small XML writer for awsQuery responses, indented as AWS indents them. Members keep their
 * insertion order, because AWS documents list them in the model's order.
 */

/** A value of a response member. `undefined` members are left out, as AWS leaves out unset members. */
type XmlValue = string | number | boolean | Date | XmlObject | readonly XmlValue[] | undefined;

/** A structure: member name → value. */
export interface XmlObject {
  readonly [member: string]: XmlValue;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for an element body or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** One element per member, each line prefixed with `indent`. */
export function xmlMembers(members: XmlObject, indent: string): string {
  return Object.entries(members)
    .map(([name, value]) => xmlElement(name, value, indent))
    .join('');
}

/**
 * One element. Lists become `<member>` items (awsQuery's default list form), timestamps ISO 8601
 * in UTC without milliseconds (as IAM and STS send them).
 */
function xmlElement(name: string, value: XmlValue, indent: string): string {
  if (value === undefined) return '';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name}/>\n`;
    return `${indent}<${name}>\n${value.map((item: XmlValue) => xmlElement('member', item, inner)).join('')}${indent}</${name}>\n`;
  }
  if (value instanceof Date) return `${indent}<${name}>${value.toISOString().replace(/\.\d{3}Z$/, 'Z')}</${name}>\n`;
  if (typeof value === 'object')
    return `${indent}<${name}>\n${xmlMembers(value as XmlObject, inner)}${indent}</${name}>\n`;
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}
