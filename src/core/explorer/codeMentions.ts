/**
 * Where a file mentions one resource of the security explorer ("Find in code"): the references the refs
 * readers find (ARNs anywhere; names in templates, CDK, Terraform and SDK calls) that are one of the
 * resource's names, plus its names written as string literals anywhere ("...", '...', `...`; a YAML
 * value unquoted), so an SDK call with a variable around it or a configuration file counts too, and a
 * CloudFormation dynamic reference to a secret (`{{resolve:secretsmanager:prod/db:SecretString:pw}}`).
 * One mention per place.
 */
import { findReferences } from '../refs/find';
import type { ResourceReference } from '../refs/types';
import { nameWritten, resourceNames, type NameKind, type ResourceNames } from './resourceNames';

type Span = ResourceReference['span'];

export interface CodeMention {
  /** The characters that name the resource (a literal without its quotes). */
  readonly span: Span;
  /** Which of the names given it is. */
  readonly name: string;
}

const QUOTES = ['"', "'", '`'] as const;
const DYNAMIC_SECRET = '{{resolve:secretsmanager:';
/** A secret's ARN in a dynamic reference: seven fields (`arn:aws:secretsmanager:r:a:secret:name-AbCdEf`). */
const ARN_FIELDS = 7;

/** The kind each reference type is, for a reader's reference to be matched only against its own kind. */
const KIND_OF_TYPE: Readonly<Record<string, NameKind>> = {
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::KMS::Key': 'key',
  'AWS::KMS::Alias': 'alias',
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
};

/**
 * The mentions of the resource called `names` in `text`, a file of VS Code language `languageId`,
 * sorted by where they start. TypeScript and Terraform need their grammar loaded for the CDK's and
 * Terraform's readings (as findReferences says); their literals are found without it.
 */
export function codeMentions(text: string, languageId: string, names: readonly string[]): CodeMention[] {
  const resource = resourceNames(names);
  if (resource.needles.length === 0 || !resource.needles.some((needle) => text.includes(needle))) return [];
  const read = fromReferences(findReferences(text, languageId), resource);
  // What a reader knows to be another resource (a bucket named like the role) is no literal mention either.
  const literals = fromLiterals(text, languageId === 'yaml', resource).filter(
    (m) => !read.others.some((span) => span.start < m.span.end && m.span.start < span.end),
  );
  return withoutOverlaps([...read.mentions, ...literals, ...fromDynamicReferences(text, resource)]);
}

/** The references that are the resource, and the spans of those a reader knows to be something else. */
function fromReferences(
  references: readonly ResourceReference[],
  resource: ResourceNames,
): { mentions: CodeMention[]; others: Span[] } {
  const mentions: CodeMention[] = [];
  const others: Span[] = [];
  for (const reference of references) {
    const kind = reference.resourceType === undefined ? undefined : (KIND_OF_TYPE[reference.resourceType] ?? 'other');
    // An ARN's name alone has lost its Region and account: the ARN decides.
    const written = reference.text.startsWith('arn:') ? [reference.text] : [reference.text, reference.name ?? ''];
    const name = written.map((w) => nameWritten(w, resource, kind)).find((matched) => matched !== undefined);
    if (name !== undefined) mentions.push({ span: reference.span, name });
    else if (kind !== undefined) others.push(reference.span);
  }
  return { mentions, others };
}

/** Each place a needle is written inside a literal (or a YAML plain value) that is one of the names. */
function fromLiterals(text: string, yaml: boolean, resource: ResourceNames): CodeMention[] {
  const out: CodeMention[] = [];
  for (const needle of resource.needles) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const candidates = enclosingLiterals(text, at, at + needle.length);
      if (yaml) candidates.push(plainValue(text, at, at + needle.length));
      for (const span of candidates) {
        const name = nameWritten(text.slice(span.start, span.end), resource);
        if (name === undefined) continue;
        out.push({ span, name });
        break;
      }
    }
  }
  return out;
}

/** The quoted strings on the line that may hold `start`..`end`: from the nearest quote before to the same quote after. */
function enclosingLiterals(text: string, start: number, end: number): Span[] {
  const { lineStart, lineEnd } = lineAround(text, start);
  const spans: Span[] = [];
  for (const quote of QUOTES) {
    const open = text.lastIndexOf(quote, start - 1);
    const close = text.indexOf(quote, end);
    if (open >= lineStart && close >= 0 && close <= lineEnd) spans.push({ start: open + 1, end: close });
  }
  return spans;
}

/** A YAML plain scalar around `start`..`end`: after `key: `, `- `, `[` or `,`, up to `,`, `]`, `}`, a comment or the line's end. */
function plainValue(text: string, start: number, end: number): Span {
  const { lineStart, lineEnd } = lineAround(text, start);
  const before = text.slice(lineStart, start);
  const opener = Math.max(
    before.lastIndexOf(': ') + 2,
    before.lastIndexOf('- ') + 2,
    before.lastIndexOf('[') + 1,
    before.lastIndexOf('{') + 1,
    before.lastIndexOf(',') + 1,
    0,
  );
  const after = text.slice(end, lineEnd);
  const closer = Math.min(...[',', ']', '}', ' #'].map((c) => after.indexOf(c)).filter((i) => i >= 0), after.length);
  let from = lineStart + opener;
  let to = end + closer;
  while (from < start && /\s/.test(text[from]!)) from++;
  while (to > end && /\s/.test(text[to - 1]!)) to--;
  return { start: from, end: to };
}

/** `{{resolve:secretsmanager:<name or ARN>:...}}`: the secret's part, when it is one of the names. */
function fromDynamicReferences(text: string, resource: ResourceNames): CodeMention[] {
  const out: CodeMention[] = [];
  for (let at = text.indexOf(DYNAMIC_SECRET); at >= 0; at = text.indexOf(DYNAMIC_SECRET, at + 1)) {
    const start = at + DYNAMIC_SECRET.length;
    const close = text.indexOf('}}', start);
    if (close < 0) break;
    const body = text.slice(start, close);
    const fields = body.split(':');
    const secret = body.startsWith('arn:') ? fields.slice(0, ARN_FIELDS).join(':') : (fields[0] ?? '');
    const name = nameWritten(secret, resource, 'secret');
    if (name !== undefined) out.push({ span: { start, end: start + secret.length }, name });
  }
  return out;
}

function lineAround(text: string, offset: number): { lineStart: number; lineEnd: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  return { lineStart, lineEnd: text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd };
}

/**
 * Sorted by start; where mentions overlap (a reader's ARN and the literal around it), the one starting
 * first is kept, the longer when they start together.
 */
function withoutOverlaps(found: readonly CodeMention[]): CodeMention[] {
  const sorted = [...found].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: CodeMention[] = [];
  for (const mention of sorted) if (mention.span.start >= (kept.at(-1)?.span.end ?? 0)) kept.push(mention);
  return kept;
}
