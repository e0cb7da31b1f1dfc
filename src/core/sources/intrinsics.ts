/**
 * CloudFormation intrinsic functions, short (`!Sub`) or long (`{"Fn::Sub": ...}`), turned into values
 * that are partly unknown. Nothing is guessed: parameter defaults, mappings and conditions may differ
 * at deploy time, so whatever depends on them is an unknown part or an unknown value.
 */
import type { ArnPart } from '../catalog/types';
import type { Span, Value } from '../policy/model';
import { member, type Node } from './tree';

/** An intrinsic function call found in the tree. */
export interface Intrinsic {
  /** The long name: `Ref`, `Fn::Sub`, `Fn::If`... (or a non-CloudFormation tag's name, e.g. `Rain::Embed`). */
  readonly name: string;
  readonly arg: Node;
  /** The whole expression: the tagged YAML node, or the `{"Fn::Sub": ...}` object. */
  readonly span: Span;
}

/** What the readers need to know about the template around a value. */
export interface ValueContext {
  /** Parameters whose value is a list (`List<...>`, `CommaDelimitedList`): `Ref` to them yields a list. */
  readonly listParameters: ReadonlySet<string>;
}

export const NO_LIST_PARAMETERS: ValueContext = { listParameters: new Set() };

/** Intrinsics that may yield a list, or whose result cannot be told: as a whole element, an unknown list. */
const LIST_FUNCTIONS = new Set([
  'Fn::If',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::ValueOf',
]);

/** The intrinsic function `node` is, if any: a tagged node, or an object whose only key is `Ref` or `Fn::*`. */
export function intrinsicOf(node: Node | undefined): Intrinsic | undefined {
  if (!node) return undefined;
  if (node.kind === 'tagged') return { name: node.tag, arg: node.value, span: node.span };
  if (node.kind !== 'object' || node.entries.length !== 1) return undefined;
  const { key, value } = node.entries[0];
  if (key.text === 'Ref' || key.text.startsWith('Fn::')) return { name: key.text, arg: value, span: node.span };
  return undefined;
}

/** True for `!Ref AWS::NoValue`, which removes the property or list item it stands for. */
export function isNoValue(node: Node | undefined): boolean {
  const intrinsic = intrinsicOf(node);
  return intrinsic?.name === 'Ref' && intrinsic.arg.kind === 'scalar' && intrinsic.arg.value === 'AWS::NoValue';
}

/** One branch of an `Fn::If`, with its index in the function's arguments (1 or 2). */
export interface IfBranch {
  readonly node: Node;
  readonly index: number;
}

/**
 * The branches of an `Fn::If` other than `AWS::NoValue`, or undefined when `node` is not one.
 * `exclusive` when both branches hold something: they never exist together.
 */
export function ifBranches(
  node: Node | undefined,
): { readonly branches: readonly IfBranch[]; readonly exclusive: boolean } | undefined {
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name !== 'Fn::If' || intrinsic.arg.kind !== 'array' || intrinsic.arg.items.length !== 3)
    return undefined;
  const branches: IfBranch[] = [];
  for (const index of [1, 2]) {
    const branch = intrinsic.arg.items[index];
    if (!isNoValue(branch)) branches.push({ node: branch, index });
  }
  return { branches, exclusive: branches.length > 1 };
}

/** True when an intrinsic standing for a whole element (Action, Resource...) may be a list. */
export function yieldsList(intrinsic: Intrinsic, context: ValueContext): boolean {
  if (LIST_FUNCTIONS.has(intrinsic.name)) return true;
  if (intrinsic.name === 'Ref')
    return intrinsic.arg.kind === 'scalar' && context.listParameters.has(String(intrinsic.arg.value));
  // Tags CloudFormation does not define (`!Rain::Embed`...): nothing can be said.
  return !intrinsic.name.startsWith('Fn::');
}

/** A scalar or an intrinsic as a Value; anything else as an `unknown` Value described in words. */
export function valueOf(node: Node): Value {
  if (node.kind === 'scalar') {
    const kind =
      node.value === null
        ? 'null'
        : typeof node.value === 'string'
          ? 'string'
          : typeof node.value === 'number'
            ? 'number'
            : 'boolean';
    return { kind, text: node.text, span: node.span };
  }
  if (node.kind === 'template') return partsValue(node.parts, node.span);
  const intrinsic = intrinsicOf(node);
  const parts = intrinsic && stringParts(intrinsic);
  if (!parts) return unknownValue(node);
  return partsValue(parts, node.span);
}

/** A string Value from literal and unknown parts (a plain string when every part is literal). */
function partsValue(parts: readonly ArnPart[], span: Span): Value {
  const text = parts.map((part) => (typeof part === 'string' ? part : `\${${part.unknown}}`)).join('');
  return parts.every((part) => typeof part === 'string')
    ? { kind: 'string', text, span }
    : { kind: 'string', text, parts, span };
}

/** A Value for something that cannot be read as one, described for display (`!If [IsProd, a, b]`). */
export function unknownValue(node: Node): Value {
  return { kind: 'unknown', text: describe(node), span: node.span };
}

/** The literal and unknown parts of a string-valued intrinsic, or undefined when it cannot be told. */
function stringParts(intrinsic: Intrinsic): ArnPart[] | undefined {
  const { name, arg } = intrinsic;
  switch (name) {
    case 'Ref': {
      const target = arg.kind === 'scalar' ? arg.value : undefined;
      return typeof target === 'string' && target !== '' && target !== 'AWS::NoValue'
        ? [{ unknown: target }]
        : undefined;
    }
    case 'Fn::GetAtt':
      return getAttParts(arg);
    case 'Fn::Sub':
      return subParts(arg);
    case 'Fn::Join':
      return joinParts(arg);
    default:
      return undefined;
  }
}

function getAttParts(arg: Node): ArnPart[] | undefined {
  if (arg.kind === 'scalar' && typeof arg.value === 'string') return [{ unknown: arg.value }];
  if (arg.kind !== 'array' || arg.items.length !== 2) return undefined;
  const [resource, attribute] = arg.items;
  if (resource.kind !== 'scalar' || attribute.kind !== 'scalar') return undefined;
  return [{ unknown: `${resource.text}.${attribute.text}` }];
}

function subParts(arg: Node): ArnPart[] | undefined {
  let template: Node = arg;
  let variables: Node | undefined;
  if (arg.kind === 'array') {
    if (arg.items.length < 1 || arg.items.length > 2) return undefined;
    template = arg.items[0];
    variables = arg.items[1];
  }
  if (template.kind !== 'scalar' || typeof template.value !== 'string') return undefined;
  return substitutedParts(template.value, variables);
}

/**
 * The literal and unknown parts of an `Fn::Sub` template string: each `${Name}` is the value bound to it
 * in `variables` when that is known, else an unknown part; `${!Literal}` is the text `${Literal}`.
 */
export function substitutedParts(source: string, variables: Node | undefined): ArnPart[] {
  const parts: ArnPart[] = [];
  let literal = '';
  let i = 0;
  for (;;) {
    const open = source.indexOf('${', i);
    if (open < 0) break;
    literal += source.slice(i, open);
    if (source.charCodeAt(open + 2) === 33 /* ! */) {
      // `${!Literal}` is the text `${Literal}`.
      literal += '${';
      i = open + 3;
      continue;
    }
    const close = source.indexOf('}', open + 2);
    if (close < 0) {
      i = open;
      break;
    }
    const name = source.slice(open + 2, close).trim();
    const bound = member(variables, name);
    const replacement: ArnPart[] = (bound && knownParts(bound)) || [{ unknown: name }];
    for (const part of replacement) {
      if (typeof part === 'string') {
        literal += part;
      } else {
        if (literal) parts.push(literal);
        literal = '';
        parts.push(part);
      }
    }
    i = close + 1;
  }
  literal += source.slice(i);
  if (literal) parts.push(literal);
  return parts;
}

function joinParts(arg: Node): ArnPart[] | undefined {
  if (arg.kind !== 'array' || arg.items.length !== 2) return undefined;
  const [delimiter, list] = arg.items;
  if (delimiter.kind !== 'scalar' || list.kind !== 'array') return undefined;
  const separator = delimiter.value === null ? '' : delimiter.text;
  const parts: ArnPart[] = [];
  let first = true;
  for (const item of list.items) {
    if (isNoValue(item)) continue;
    if (!first && separator) parts.push(separator);
    first = false;
    const itemParts = partsOf(item);
    if (!itemParts) return undefined;
    parts.push(...itemParts);
  }
  return mergeLiterals(parts);
}

/** The parts of a scalar or a string-building intrinsic, or undefined. */
function knownParts(node: Node): ArnPart[] | undefined {
  if (node.kind === 'scalar') return node.value === null ? undefined : [node.text];
  if (node.kind === 'template') return [...node.parts];
  const intrinsic = intrinsicOf(node);
  return intrinsic && stringParts(intrinsic);
}

/** The parts of an item of `Fn::Join`: known parts, or one unknown part named after the function. */
function partsOf(node: Node): ArnPart[] | undefined {
  const intrinsic = intrinsicOf(node);
  return knownParts(node) ?? (intrinsic ? [{ unknown: intrinsic.name }] : undefined);
}

function mergeLiterals(parts: readonly ArnPart[]): ArnPart[] {
  const merged: ArnPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  return merged;
}

/** A short, format-neutral rendering of a node for display: `!If [IsProd, arn:aws:s3:::a, *]`. */
function describe(node: Node, budget = 80): string {
  const out: string[] = [];
  let length = 0;
  const write = (s: string): boolean => {
    if (length >= budget) return false;
    out.push(s);
    length += s.length;
    return true;
  };
  const walk = (n: Node): void => {
    if (length >= budget) return;
    const intrinsic = intrinsicOf(n);
    if (intrinsic) {
      write(`!${intrinsic.name.startsWith('Fn::') ? intrinsic.name.slice(4) : intrinsic.name} `);
      walk(intrinsic.arg);
    } else if (n.kind === 'scalar') {
      write(typeof n.value === 'string' && needsQuotes(n.value) ? JSON.stringify(n.value) : n.text);
    } else if (n.kind === 'array') {
      write('[');
      n.items.forEach((item, i) => {
        if (i > 0) write(', ');
        walk(item);
      });
      write(']');
    } else if (n.kind === 'object') {
      write('{');
      n.entries.forEach((entry, i) => {
        if (i > 0) write(', ');
        write(`${entry.key.text}: `);
        walk(entry.value);
      });
      write('}');
    } else if (n.kind === 'template') {
      write(n.parts.map((part) => (typeof part === 'string' ? part : `\${${part.unknown}}`)).join(''));
    } else {
      write((n.kind === 'unknown' && n.text) || '…');
    }
  };
  walk(node);
  const text = out.join('');
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}

/** Whether a string reads ambiguously without quotes in `describe` (empty, or with separators). No regex: this runs deep in recursion. */
function needsQuotes(value: string): boolean {
  if (value === '') return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 32 || c === 44 /* , */ || c === 91 || c === 93 || c === 123 || c === 125) return true;
  }
  return false;
}
