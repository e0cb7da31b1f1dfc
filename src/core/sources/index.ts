/**
 * Finds the IAM policies in a file's text and reads them into the policy model, with exact spans:
 * bare policy documents, AWS CLI output, CloudFormation and SAM templates, Terraform plans, in JSON or
 * YAML; CDK apps in TypeScript and Terraform configurations (code/).
 */
import type { NotAnalysed, ParseProblem, PolicyDocument, PolicySource, SourceFormat, Template } from '../policy/model';
import { readCodeSource, type CodeTrees, type ReadRelative } from './code';
import { detect } from './detect';
import { parseJson } from './json';
import { MAX_NESTING, mayNestTooDeeply, type ParsedText } from './tree';
import { parseYaml } from './yaml';

export type PolicyFormat = SourceFormat;

export interface ReadOptions {
  /** For TypeScript and Terraform: the document's previous tree, for incremental re-parsing. */
  readonly trees?: CodeTrees;
  /**
   * For Terraform: reads a file named relative to this one's folder (a policy kept in `file("x.json")`);
   * with `list`, also the module's other `.tf` files (variables and locals defined there).
   */
  readonly readFile?: ReadRelative;
}

/**
 * The policies in `text` and the problems reading them. Never throws: syntax errors are problems, and
 * everything readable in a half-typed or broken file is still returned. A file that is none of the
 * known shapes costs little and reports nothing (not even its syntax errors: it is not ours to lint).
 * What cannot be analysed is said (`notAnalysed`), never skipped: a file that is not text, nests too
 * deeply to be parsed safely, or plainly means to be a policy or template and does not parse.
 */
export function readPolicySource(text: string, format: PolicyFormat, options: ReadOptions = {}): PolicySource {
  try {
    const binary = notText(text);
    if (binary) return { format, shape: 'none', documents: [], problems: [], notAnalysed: [{ reason: binary }] };
    if (format === 'typescript' || format === 'terraform')
      return readCodeSource(text, format, options.trees, options.readFile);
    return read(text, format);
  } catch (error) {
    const problem: ParseProblem = {
      message: `Reading the policies failed (an internal error): ${String(error)}`,
      span: { start: 0, end: 0 },
    };
    return { format, shape: 'none', documents: [], problems: [problem] };
  }
}

function read(text: string, format: 'json' | 'yaml'): PolicySource {
  // Every shape we read holds one of these words (URL-encoded documents too: letters are not encoded;
  // a Terraform plan's policies are escaped JSON strings, but its planned values are named so), so any
  // other file is answered without parsing it.
  if (
    !text.includes('Statement') &&
    !text.includes('Resources') &&
    !text.includes('AWSTemplateFormatVersion') &&
    !text.includes('planned_values')
  ) {
    return { format, shape: 'none', documents: [], problems: [] };
  }
  // The YAML parser recurses before any of our code runs: refuse what may be too deep beforehand.
  // (JSON stops itself at that depth while parsing.)
  if (format === 'yaml' && mayNestTooDeeply(text)) {
    return {
      format,
      shape: 'none',
      documents: [],
      problems: [],
      notAnalysed: [{ reason: `the file nests more than ${MAX_NESTING} levels deep: not analysed` }],
    };
  }
  const parsed: ParsedText = format === 'json' ? parseJsonFile(text) : parseYaml(text);
  const problems: ParseProblem[] = [];
  const notAnalysed: NotAnalysed[] = [];
  let shape: PolicySource['shape'] = 'none';
  const documents: PolicyDocument[] = [];
  let template: Template | undefined;
  const several = parsed.roots.length > 1;
  parsed.roots.forEach((root, i) => {
    const found = detect(root, { text, problems, notAnalysed });
    if (found.shape === 'none') return;
    if (shape === 'none') shape = found.shape;
    // Rules that read a template compare its resources with each other: one template, the first.
    template ??= found.template;
    // In a stream of several YAML documents, paths say which one.
    for (const document of found.documents)
      documents.push(several ? { ...document, path: prefixed(i, document.path) } : document);
  });
  if (shape === 'none') {
    const said = unreadable(text, parsed.problems);
    return { format, shape, documents: [], problems: [], ...(said && { notAnalysed: [said] }) };
  }
  const all = [...parsed.problems, ...problems].sort((a, b) => a.span.start - b.span.start);
  return {
    format,
    shape,
    documents,
    problems: all,
    ...(template && { template }),
    ...(notAnalysed.length > 0 && { notAnalysed }),
  };
}

/** How many characters are looked at to tell text from binary (as git does, the start of the file). */
const SNIFF = 8_000;

/**
 * Why the text is not text, or undefined when it is: it holds NUL characters (a binary file, or text in
 * UTF-16 read as UTF-8), or mostly characters that did not decode (U+FFFD).
 */
function notText(text: string): string | undefined {
  const head = text.length > SNIFF ? text.slice(0, SNIFF) : text;
  if (head.includes('\0')) return 'the file is not text (it holds NUL bytes: binary, or UTF-16): not analysed';
  let undecoded = 0;
  for (let i = head.indexOf('\ufffd'); i >= 0; i = head.indexOf('\ufffd', i + 1)) undecoded++;
  return undecoded >= 8 && undecoded * 10 >= head.length
    ? 'the file is not text (most of it is not valid UTF-8): not analysed'
    : undefined;
}

/**
 * What a file of no shape could not analyse: a JSON text nested too deeply (the parser stopped), or a text
 * that plainly means to be a policy or a template (a `Statement` of statements with an `Effect`, an
 * `AWSTemplateFormatVersion` key, `Resources` with an `AWS::` type) but does not parse into one. Other
 * files that merely mention a word stay silent: a package.json with "Resources" is not ours.
 */
function unreadable(text: string, problems: readonly ParseProblem[]): NotAnalysed | undefined {
  const deep = problems.find((p) => p.message.includes(`more than ${MAX_NESTING} levels deep`));
  if (deep) return { reason: `the file nests more than ${MAX_NESTING} levels deep: not analysed`, span: deep.span };
  const first = problems[0];
  if (!first || !MEANT_AS_POLICY.some((pattern) => pattern.test(text))) return undefined;
  const what =
    /AWSTemplateFormatVersion|\bResources\b/.test(text) && /["']?Type["']?\s*:\s*["']?AWS::/.test(text)
      ? 'a CloudFormation template'
      : 'a policy';
  const line = text.slice(0, first.span.start).split('\n').length;
  return {
    reason: `this file looks like ${what} but does not parse (line ${line}: ${first.message}): not analysed`,
    ...(first.span.end > first.span.start && { span: first.span }),
  };
}

/** Texts a user would agree are meant to be a policy or a CloudFormation template. */
const MEANT_AS_POLICY: readonly RegExp[] = [
  /^\s*["']?AWSTemplateFormatVersion["']?\s*:/m,
  /["']?Statement["']?\s*:[\s\S]{0,400}?["']?(?:Effect|Action)["']?\s*:/,
  /^\s*["']?Resources["']?\s*:[\s\S]*?["']?Type["']?\s*:\s*["']?AWS::/m,
];

/** JSON saved with a byte order mark (PowerShell writes one): jsonc-parser would call it a syntax error. */
function parseJsonFile(text: string): ParsedText {
  return text.charCodeAt(0) === 0xfeff ? parseJson(text.slice(1), { base: 1 }) : parseJson(text);
}

function prefixed(index: number, path: string): string {
  return path ? `[${index}].${path}` : `[${index}]`;
}

export type { PolicySource } from '../policy/model';
