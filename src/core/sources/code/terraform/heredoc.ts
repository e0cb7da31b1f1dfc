/**
 * A policy written as JSON in a heredoc (`<<EOF` / `<<-EOF`), with file offsets. Interpolations are
 * masked before the JSON parser sees them (same length, so offsets hold) and come back as unknown parts:
 * inside a JSON string as parts of a template, in place of a value as an unknown value.
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ArnPart } from '../../../catalog/types';
import type { ParseProblem, Span } from '../../../policy/model';
import { parseJson } from '../../json';
import type { Node } from '../../tree';
import { interpolationLabel, named } from './hcl';

interface Interpolation {
  /** File offsets of `${...}` (or `%{...}`). */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** True when it stands in a JSON string (part of it), false when it stands for a whole value. */
  readonly inString: boolean;
}

/** The JSON in a heredoc as a neutral tree, or undefined when the heredoc holds no object. */
export function heredocJson(heredoc: SyntaxNode, text: string, problems: ParseProblem[]): Node | undefined {
  const markers = named(heredoc).filter((c) => c.type === 'heredoc_identifier');
  const opening = markers[0];
  if (!opening) return undefined;
  const firstBreak = text.indexOf('\n', opening.endIndex);
  if (firstBreak < 0 || firstBreak >= heredoc.endIndex) return undefined;
  const start = firstBreak + 1;
  const closing = markers.length > 1 ? markers[markers.length - 1] : undefined;
  // The body ends where the closing marker's line starts (the marker may be indented with `<<-`).
  const end = closing ? Math.max(start, text.lastIndexOf('\n', closing.startIndex - 1) + 1) : heredoc.endIndex;
  const body = text.slice(start, end);
  if (!body.trimStart().startsWith('{')) return undefined;

  const interpolations: Interpolation[] = [];
  const masked = body.split('');
  let inString = false;
  let scanned = 0;
  for (const child of named(heredoc)) {
    if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
    if (child.startIndex < start || child.endIndex > end) continue;
    const from = child.startIndex - start;
    const to = child.endIndex - start;
    // Whether the interpolation opens inside a JSON string: count the unescaped quotes before it.
    for (; scanned < from; scanned++) {
      const c = masked[scanned];
      if (c === '\\' && inString) scanned++;
      else if (c === '"') inString = !inString;
    }
    for (let i = from; i < to; i++) masked[i] = 'x';
    if (!inString) {
      masked[from] = '"';
      masked[to - 1] = '"';
    }
    scanned = to;
    interpolations.push({
      start: child.startIndex,
      end: child.endIndex,
      label: interpolationLabel(child, text),
      inString,
    });
  }

  const parsed = parseJson(masked.join(''), { base: start });
  for (const problem of parsed.problems)
    problems.push({ message: `In the policy document in this heredoc: ${problem.message}`, span: problem.span });
  const root = parsed.roots[0];
  if (root?.kind !== 'object') return undefined;
  return restore(root, text, interpolations);
}

/** Puts the interpolations back: masked strings become templates or unknown values. */
function restore(node: Node, text: string, interpolations: readonly Interpolation[]): Node {
  switch (node.kind) {
    case 'object':
      return {
        ...node,
        entries: node.entries.map((entry) => ({ key: entry.key, value: restore(entry.value, text, interpolations) })),
      };
    case 'array':
      return { ...node, items: node.items.map((item) => restore(item, text, interpolations)) };
    case 'scalar':
      return typeof node.value === 'string' ? restoreString(node.span, node.value, text, interpolations) : node;
    default:
      return node;
  }
}

function restoreString(span: Span, value: string, text: string, interpolations: readonly Interpolation[]): Node {
  // A whole value: the masked string's quotes are the interpolation's first and last characters.
  const whole = interpolations.find((i) => !i.inString && i.start === span.start - 1);
  if (whole) return { kind: 'unknown', span: { start: whole.start, end: whole.end }, text: whole.label };
  const inside = interpolations.filter((i) => i.inString && i.start >= span.start && i.end <= span.end);
  if (inside.length === 0) {
    const unescaped = templateUnescape(value);
    return unescaped === value
      ? { kind: 'scalar', span, value, text: value }
      : { kind: 'scalar', span, value: unescaped, text: unescaped };
  }
  const parts: ArnPart[] = [];
  let at = span.start;
  for (const interpolation of inside) {
    if (interpolation.start > at) parts.push(jsonLiteral(text.slice(at, interpolation.start)));
    parts.push({ unknown: interpolation.label });
    at = interpolation.end;
  }
  if (span.end > at) parts.push(jsonLiteral(text.slice(at, span.end)));
  return { kind: 'template', span, parts };
}

/** A piece of a JSON string's source as text: JSON escapes, then the template escapes (`$${`). */
function jsonLiteral(raw: string): string {
  let decoded = raw;
  if (raw.includes('\\')) {
    try {
      decoded = JSON.parse(`"${raw}"`) as string;
    } catch {
      decoded = raw;
    }
  }
  return templateUnescape(decoded);
}

/** `$${` and `%%{` are a literal `${` and `%{` in a Terraform template. */
function templateUnescape(value: string): string {
  return value.includes('$${') || value.includes('%%{') ? value.replaceAll('$${', '${').replaceAll('%%{', '%{') : value;
}
