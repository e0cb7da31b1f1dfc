/**
 * Finds the IAM policies in a file's text and reads them into the policy model, with exact spans:
 * bare policy documents, AWS CLI output, CloudFormation and SAM templates, Terraform plans, in JSON or
 * YAML; CDK apps in TypeScript and Terraform configurations (code/).
 */
import type { ParseProblem, PolicyDocument, PolicySource, SourceFormat, Template } from '../policy/model';
import { readCodeSource, type CodeTrees, type ReadRelative } from './code';
import { detect } from './detect';
import { parseJson } from './json';
import { MAX_NESTING, mayNestTooDeeply, type ParsedText } from './tree';
import { parseYaml } from './yaml';

export type PolicyFormat = SourceFormat;

export interface ReadOptions {
  /** For TypeScript and Terraform: the document's previous tree, for incremental re-parsing. */
  readonly trees?: CodeTrees;
  /** For Terraform: reads a file named relative to this one's folder (a policy kept in `file("x.json")`). */
  readonly readFile?: ReadRelative;
}

/**
 * The policies in `text` and the problems reading them. Never throws: syntax errors are problems, and
 * everything readable in a half-typed or broken file is still returned. A file that is none of the
 * known shapes costs little and reports nothing (not even its syntax errors: it is not ours to lint),
 * unless it nests too deeply to be parsed safely, which is said.
 */
export function readPolicySource(text: string, format: PolicyFormat, options: ReadOptions = {}): PolicySource {
  try {
    if (format === 'typescript' || format === 'terraform') return readCodeSource(text, format, options.trees, options.readFile);
    return read(text, format);
  } catch (error) {
    const problem: ParseProblem = { message: `Reading the policies failed (an internal error): ${String(error)}`, span: { start: 0, end: 0 } };
    return { format, shape: 'none', documents: [], problems: [problem] };
  }
}

function read(text: string, format: 'json' | 'yaml'): PolicySource {
  // Every shape we read holds one of these words (URL-encoded documents too: letters are not encoded;
  // a Terraform plan's policies are escaped JSON strings, but its planned values are named so), so any
  // other file is answered without parsing it.
  if (!text.includes('Statement') && !text.includes('Resources') && !text.includes('AWSTemplateFormatVersion') && !text.includes('planned_values')) {
    return { format, shape: 'none', documents: [], problems: [] };
  }
  // The YAML parser recurses before any of our code runs: refuse what may be too deep beforehand.
  // (JSON stops itself at that depth while parsing.)
  if (format === 'yaml' && mayNestTooDeeply(text)) {
    const problem: ParseProblem = { message: `The text nests more than ${MAX_NESTING} levels deep: it is not read`, span: { start: 0, end: 0 } };
    return { format, shape: 'none', documents: [], problems: [problem] };
  }
  const parsed: ParsedText = format === 'json' ? parseJsonFile(text) : parseYaml(text);
  const problems: ParseProblem[] = [];
  let shape: PolicySource['shape'] = 'none';
  const documents: PolicyDocument[] = [];
  let template: Template | undefined;
  const several = parsed.roots.length > 1;
  parsed.roots.forEach((root, i) => {
    const found = detect(root, { text, problems });
    if (found.shape === 'none') return;
    if (shape === 'none') shape = found.shape;
    // Rules that read a template compare its resources with each other: one template, the first.
    template ??= found.template;
    // In a stream of several YAML documents, paths say which one.
    for (const document of found.documents) documents.push(several ? { ...document, path: prefixed(i, document.path) } : document);
  });
  if (shape === 'none') return { format, shape, documents: [], problems: [] };
  const all = [...parsed.problems, ...problems].sort((a, b) => a.span.start - b.span.start);
  return { format, shape, documents, problems: all, ...(template && { template }) };
}

/** JSON saved with a byte order mark (PowerShell writes one): jsonc-parser would call it a syntax error. */
function parseJsonFile(text: string): ParsedText {
  return text.charCodeAt(0) === 0xfeff ? parseJson(text.slice(1), { base: 1 }) : parseJson(text);
}

function prefixed(index: number, path: string): string {
  return path ? `[${index}].${path}` : `[${index}]`;
}

export type { PolicySource } from '../policy/model';
