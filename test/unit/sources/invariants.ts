/**
 * Invariants every parse result must hold, checked on every fixture: spans inside the text, and the text
 * at each key's and each literal value's span is exactly what the model says it is.
 */
import assert from 'node:assert/strict';
import type {
  Key,
  PolicyDocument,
  PolicySource,
  SourceFormat,
  Span,
  Statement,
  Value,
  ValueList,
} from '../../../src/core/policy/model';
import { readPolicySource } from '../../../src/core/sources';

interface Spanned {
  readonly what: string;
  readonly span: Span;
  readonly key?: Key;
  readonly value?: Value;
}

/** Every key and value of a document, with where it is in words. */
function spannedOf(document: PolicyDocument): Spanned[] {
  const out: Spanned[] = [{ what: 'document', span: document.span }];
  const key = (what: string, k: Key | undefined): void => {
    if (k) out.push({ what, span: k.span, key: k });
  };
  const value = (what: string, v: Value | undefined): void => {
    if (v) out.push({ what, span: v.span, value: v });
  };
  const list = (what: string, l: ValueList): void => {
    out.push({ what, span: l.span });
    l.values.forEach((v, i) => value(`${what}[${i}]`, v));
  };
  key('Version key', document.version?.key);
  value('Version', document.version?.value);
  key('Id key', document.id?.key);
  value('Id', document.id?.value);
  key('Statement key', document.statementKey);
  document.unknownKeys.forEach((k) => key('unknown key', k));
  document.statements.forEach((s: Statement) => {
    const at = `Statement[${s.index}]`;
    out.push({ what: at, span: s.span });
    for (const element of [s.sid, s.effect] as const) {
      key(`${at} key`, element?.key);
      value(`${at} ${element?.key.text}`, element?.value);
    }
    for (const element of [s.action, s.notAction, s.resource, s.notResource] as const) {
      if (!element) continue;
      key(`${at} key`, element.key);
      list(`${at}.${element.key.text}`, element.list);
    }
    for (const p of [s.principal, s.notPrincipal]) {
      if (!p) continue;
      key(`${at} key`, p.key);
      out.push({ what: `${at}.${p.key.text}`, span: p.span });
      value(`${at}.${p.key.text}`, p.wildcard);
      for (const entry of p.entries) {
        key(`${at}.${p.key.text} key`, entry.key);
        list(`${at}.${p.key.text}.${entry.key.text}`, entry.values);
      }
    }
    if (s.condition) {
      key(`${at} key`, s.condition.key);
      out.push({ what: `${at}.Condition`, span: s.condition.span });
      for (const block of s.condition.blocks) {
        key(`${at}.Condition key`, block.operator);
        out.push({ what: `${at}.Condition.${block.operator.text}`, span: block.span });
        for (const entry of block.entries) {
          key(`${at}.Condition.${block.operator.text} key`, entry.key);
          list(`${at}.Condition.${block.operator.text}.${entry.key.text}`, entry.values);
        }
      }
    }
    s.unknownKeys.forEach((k) => key(`${at} unknown key`, k));
  });
  return out;
}

/**
 * Checks the invariants and returns the result. Strings written with escapes (JSON `\"`, YAML `''`),
 * folded over lines or as block scalars are compared after decoding the source the same way, or only
 * for their bounds when that is not possible.
 */
export function checkSpans(text: string, source: PolicySource): PolicySource {
  for (const problem of source.problems) assertInside(text, problem.span, `problem "${problem.message}"`);
  const code = source.format === 'typescript' || source.format === 'terraform';
  for (const document of source.documents) {
    for (const item of spannedOf(document)) {
      const where = `${document.path || '(root)'} ${item.what}`;
      assertInside(text, item.span, where);
      // A document derived from code (a CDK grant) spans the code it follows from, not its values.
      if (document.derivedFrom) continue;
      if (code && item.value && !isQuotedLiteral(text, item.value)) continue;
      if (document.coarseSpans) {
        assert.deepEqual(item.span, document.span, `${where}: a coarse document has one span`);
        continue;
      }
      const raw = text.slice(item.span.start, item.span.end);
      // A construct's keys are its own (`actions` for Action, `not_resources` for NotResource).
      if (item.key && !document.construct) assertSame(raw, item.key.text, source.format, `${where} key`);
      const v = item.value;
      if (!v) continue;
      // Terraform's defaults written out by the reader (Version, Effect of a document block) have empty spans.
      if (document.construct && raw === '') continue;
      if (source.format === 'terraform' && v.parts) {
        // A reference or an interpolation: its label is its source.
        assert.ok(
          v.parts.some((p) => typeof p !== 'string' && raw.includes(p.unknown.replace(/…$/, ''))),
          `${where}: an unknown part's label is in its source, got ${JSON.stringify(raw.slice(0, 40))}`,
        );
        continue;
      }
      if (source.format === 'terraform' && v.kind === 'unknown') continue;
      // In an `Fn::Sub` string, placeholders bound to known values by its second argument are replaced.
      const substituted = document.inString !== undefined && raw.includes('${');
      if (v.kind === 'string' && !v.parts && !isIntrinsicSource(raw) && !substituted)
        assertSame(raw, v.text, source.format, where);
      else if (v.kind === 'number' || v.kind === 'boolean' || (v.kind === 'null' && raw !== ''))
        assert.equal(raw, v.text, where);
      else if (v.parts)
        assert.ok(
          // In an `Fn::Sub` string, a value with placeholders spans the string that holds them.
          isIntrinsicSource(raw) || (document.inString !== undefined && raw.includes('${')),
          `${where}: an intrinsic's span is the whole expression, got ${JSON.stringify(raw.slice(0, 40))}`,
        );
      else if (v.kind === 'unknown' && raw !== '')
        assert.ok(
          isIntrinsicSource(raw) || raw.startsWith('[') || (document.inString !== undefined && raw.startsWith('${')),
          `${where}: an unknown value spans an expression, got ${JSON.stringify(raw.slice(0, 40))}`,
        );
    }
  }
  return source;
}

/**
 * In code, only a value written as a string literal is compared with its source: what the code implies
 * (CDK's default `Effect`, `addAllResources()` for `"*"`, `Effect.DENY`), interpolated strings and
 * unknown expressions span the code they come from.
 */
function isQuotedLiteral(text: string, value: Value): boolean {
  if (value.kind !== 'string' || value.parts) return false;
  const raw = text.slice(value.span.start, value.span.end);
  const quote = text[value.span.start - 1];
  return (quote === "'" || quote === '"' || quote === '`') && text[value.span.end] === quote && !raw.includes('${');
}

/** Parses and checks in one step. */
export function read(text: string, format: SourceFormat): PolicySource {
  return checkSpans(text, readPolicySource(text, format));
}

function isIntrinsicSource(raw: string): boolean {
  return raw.startsWith('!') || raw.startsWith('{') || raw.startsWith('Fn::') || raw.startsWith('Ref');
}

function assertInside(text: string, span: Span, where: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${where}: integer offsets`);
  assert.ok(
    0 <= span.start && span.start <= span.end && span.end <= text.length,
    `${where}: span ${span.start}-${span.end} inside 0-${text.length}`,
  );
}

function assertSame(raw: string, expected: string, format: SourceFormat, where: string): void {
  if (raw === expected) return;
  // Terraform templates: `$${` and `%%{` are a literal `${` and `%{`.
  if (format === 'terraform' && raw.includes('$${')) raw = raw.replaceAll('$${', '${');
  if (format !== 'yaml' || raw.includes('\\')) {
    // JSON escapes (and YAML double-quoted ones, which are a superset for what policies use).
    let decoded: unknown;
    try {
      decoded = JSON.parse(`"${raw}"`);
    } catch {
      decoded = undefined;
    }
    if (decoded === expected) return;
  }
  if (format === 'yaml') {
    if (raw.replaceAll("''", "'") === expected) return;
    // Folded plain or quoted scalars, block scalars: the value is the source with line breaks folded.
    if (/[\n\r]/.test(raw) || /^[|>]/.test(raw)) return;
  }
  assert.equal(raw, expected, `${where}: the source at the span is the value`);
}
