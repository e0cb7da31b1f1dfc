import type { PolicyDocument, PolicySource, Span, Value, ValueList } from '../../../../src/core/policy/model';
import { read } from '../invariants';

/** Reads TypeScript into the policy model, checking the invariants of every span. */
export function readTs(text: string): PolicySource {
  return read(text, 'typescript');
}

/** A CDK file's text with the IAM module imported as `iam`. */
export function stack(body: string, imports = ''): string {
  return `import * as iam from 'aws-cdk-lib/aws-iam';\n${imports}\nexport function build(scope: any, props: any) {\n${body}\n}\n`;
}

/** The source text at a span. */
export function at(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** The values of a list as [text, source text at the span]. */
export function values(text: string, list: ValueList | undefined): [string, string][] {
  return (list?.values ?? []).map((v: Value) => [v.text, at(text, v.span)]);
}

/** The one document whose path starts with `path`. */
export function documentAt(source: PolicySource, path: string): PolicyDocument {
  const found = source.documents.filter((d) => d.path.startsWith(path));
  if (found.length !== 1)
    throw new Error(`${found.length} documents at ${path}: ${source.documents.map((d) => d.path).join(', ')}`);
  return found[0]!;
}
