/**
 * `.cloudwarden.yaml`, the project file the editor and the CLI both read:
 *
 *   rules:        { <rule-id>: error | warning | info | off }
 *   ignore:       [<glob>, ...]            paths never linted, relative to the file's folder
 *   suppressions: [{ path: <glob>, rule: <id or [ids]>, reason: <text>, match: <element text, optional> }]
 *   principals:   [{ files: <glob, optional>, resource: <logical id, optional>, principal: <role or user ARN> }]
 *                                         the deployed principal of the identity policies (unused permissions)
 *   stacks:       [{ files: <glob, optional>, stack: <stack name>, region: <Region, optional> }]
 *                                         the CloudFormation stack templates are deployed as (their principals)
 *
 * Read with the same YAML parser as templates, so every problem points at its key or value. Never throws:
 * what cannot be used is a problem and is left out; the rest applies.
 */
import type { Span } from '../policy/model';
import { SEVERITIES, type Severity } from '../rules/types';
import type { Node, ObjectNode } from '../sources/tree';
import { parseYaml } from '../sources/yaml';
import { knownRuleIds, realReason } from './ids';
import { didYouMean } from './suggest';
import type { ConfigProblem, ProjectConfig, ProjectPrincipal, ProjectStack, ProjectSuppression } from './types';

export const PROJECT_FILE_NAME = '.cloudwarden.yaml';

/** An IAM role's or user's ARN (or a role session's): what a `principals` entry, a mapping file and `--principal` name. */
export function isPrincipalArn(text: string): boolean {
  return /^arn:[^:]+:(iam|sts)::\d{12}:(role|user|assumed-role)\/.+/.test(text);
}

const EMPTY_PROJECT_CONFIG: ProjectConfig = { rules: {}, ignore: [], suppressions: [], principals: [], stacks: [] };

const TOP_KEYS = ['rules', 'ignore', 'suppressions', 'principals', 'stacks'];
const PRINCIPAL_KEYS = ['files', 'resource', 'principal'];
const STACK_KEYS = ['files', 'stack', 'region'];
const SUPPRESSION_KEYS = ['path', 'rule', 'reason', 'match'];
const SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

export interface ParsedProjectFile {
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
}

export function parseProjectFile(text: string): ParsedProjectFile {
  const problems: ConfigProblem[] = [];
  const error = (message: string, span: Span) => problems.push({ message, span, severity: 'error' });
  const warning = (message: string, span: Span) => problems.push({ message, span, severity: 'warning' });
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    return {
      config: EMPTY_PROJECT_CONFIG,
      problems: [
        { message: `Cannot read the project file: ${String(e)}`, span: { start: 0, end: 0 }, severity: 'error' },
      ],
    };
  }
  for (const p of parsed.problems) error(p.message, p.span);
  const root = parsed.roots[0];
  if (parsed.roots.length > 1)
    warning('Only the first YAML document of the project file is read', parsed.roots[1]!.span);
  // An empty file (or one holding only comments) is a valid, empty configuration.
  if (!root || (root.kind === 'scalar' && root.value === null)) return { config: EMPTY_PROJECT_CONFIG, problems };
  if (root.kind !== 'object') {
    error(
      'The project file must be a mapping with the keys rules, ignore, suppressions, principals and stacks',
      root.span,
    );
    return { config: EMPTY_PROJECT_CONFIG, problems };
  }
  const ids = knownRuleIds();
  const checkRuleId = (id: string, span: Span): boolean => {
    if (ids.includes(id)) return true;
    warning(`Unknown rule id '${id}'.${didYouMean(id, ids)}`, span);
    return false;
  };

  const rules: Record<string, Severity | 'off'> = {};
  const ignore: string[] = [];
  const suppressions: ProjectSuppression[] = [];
  const principals: ProjectPrincipal[] = [];
  const stacks: ProjectStack[] = [];
  for (const { key, value } of root.entries) {
    if (key.text === 'rules') {
      if (isEmpty(value)) continue;
      if (value.kind !== 'object') {
        error('rules must be a mapping of rule id to error, warning, info or off', value.span);
        continue;
      }
      for (const entry of value.entries) {
        const setting = scalarString(entry.value);
        if (setting === undefined || !SETTINGS.includes(setting)) {
          error(`The setting of '${entry.key.text}' must be error, warning, info or off`, entry.value.span);
        } else if (checkRuleId(entry.key.text, entry.key.span)) {
          rules[entry.key.text] = setting as Severity | 'off';
        }
      }
    } else if (key.text === 'ignore') {
      for (const item of listOf(value, 'ignore', error)) {
        const glob = scalarString(item);
        if (glob === undefined || glob.trim() === '') error('Each ignore entry must be a path glob (text)', item.span);
        else ignore.push(glob);
      }
    } else if (key.text === 'suppressions') {
      for (const item of listOf(value, 'suppressions', error)) {
        const s = readSuppression(item, error, warning, checkRuleId);
        if (s) suppressions.push(s);
      }
    } else if (key.text === 'principals') {
      for (const item of listOf(value, 'principals', error)) {
        const p = readPrincipal(item, error, warning);
        if (p) principals.push(p);
      }
    } else if (key.text === 'stacks') {
      for (const item of listOf(value, 'stacks', error)) {
        const s = readStack(item, error, warning);
        if (s) stacks.push(s);
      }
    } else {
      warning(
        `Unknown key '${key.text}' in the project file (it has rules, ignore, suppressions, principals and stacks).${didYouMean(key.text, TOP_KEYS)}`,
        key.span,
      );
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { config: { rules, ignore, suppressions, principals, stacks }, problems };
}

function readSuppression(
  node: Node,
  error: (message: string, span: Span) => void,
  warning: (message: string, span: Span) => void,
  checkRuleId: (id: string, span: Span) => boolean,
): ProjectSuppression | undefined {
  if (node.kind !== 'object') {
    error('Each suppression must be a mapping with path, rule and reason', node.span);
    return undefined;
  }
  for (const { key } of node.entries) {
    if (!SUPPRESSION_KEYS.includes(key.text))
      warning(
        `Unknown key '${key.text}' in a suppression (it has path, rule, reason and match).${didYouMean(key.text, SUPPRESSION_KEYS)}`,
        key.span,
      );
  }
  const path = field(node, 'path');
  const pathText = scalarString(path);
  if (pathText === undefined || pathText.trim() === '') {
    error(
      path ? 'path must be a path glob (text)' : 'This suppression has no path (a glob of the files it applies to)',
      path?.span ?? firstLine(node),
    );
    return undefined;
  }
  const rule = field(node, 'rule');
  const rules: string[] = [];
  const ruleNodes = !rule ? [] : rule.kind === 'array' ? rule.items : [rule];
  for (const r of ruleNodes) {
    const id = scalarString(r);
    if (id === undefined) error('rule must be a rule id or a list of rule ids', r.span);
    else if (checkRuleId(id, r.span)) rules.push(id);
  }
  if (!rule) error('This suppression has no rule (the rule id, or a list of them)', firstLine(node));
  if (rules.length === 0) return undefined;
  const reasonNode = field(node, 'reason');
  const reason = realReason(scalarString(reasonNode));
  if (!reason)
    warning(
      'This suppression has no reason: say why the finding is acceptable (it still applies)',
      reasonNode?.span ?? firstLine(node),
    );
  const matchNode = field(node, 'match');
  const match = matchNode === undefined ? undefined : scalarString(matchNode);
  if (matchNode && match === undefined)
    error("match must be text: the finding's element, e.g. an action", matchNode.span);
  return { path: pathText, rules, reason, match, span: node.span };
}

function readPrincipal(
  node: Node,
  error: (message: string, span: Span) => void,
  warning: (message: string, span: Span) => void,
): ProjectPrincipal | undefined {
  if (node.kind !== 'object') {
    error('Each principals entry must be a mapping with files, resource and principal', node.span);
    return undefined;
  }
  for (const { key } of node.entries) {
    if (!PRINCIPAL_KEYS.includes(key.text))
      warning(
        `Unknown key '${key.text}' in a principals entry (it has files, resource and principal).${didYouMean(key.text, PRINCIPAL_KEYS)}`,
        key.span,
      );
  }
  const principalNode = field(node, 'principal');
  const principal = scalarString(principalNode);
  if (principal === undefined || !isPrincipalArn(principal)) {
    error(
      principalNode
        ? "principal must be a role's or user's ARN (arn:aws:iam::111122223333:role/name)"
        : 'This entry has no principal (the ARN of the role or user its policies belong to)',
      principalNode?.span ?? firstLine(node),
    );
    return undefined;
  }
  const files = optionalText(node, 'files', error);
  const resource = optionalText(node, 'resource', error);
  return {
    principal,
    span: node.span,
    ...(files !== undefined && { files }),
    ...(resource !== undefined && { resource }),
  };
}

function readStack(
  node: Node,
  error: (message: string, span: Span) => void,
  warning: (message: string, span: Span) => void,
): ProjectStack | undefined {
  if (node.kind !== 'object') {
    error('Each stacks entry must be a mapping with files, stack and region', node.span);
    return undefined;
  }
  for (const { key } of node.entries) {
    if (!STACK_KEYS.includes(key.text))
      warning(
        `Unknown key '${key.text}' in a stacks entry (it has files, stack and region).${didYouMean(key.text, STACK_KEYS)}`,
        key.span,
      );
  }
  const stackNode = field(node, 'stack');
  const stack = scalarString(stackNode);
  if (stack === undefined || !/^[A-Za-z][-A-Za-z0-9]*$|^arn:/.test(stack)) {
    error(
      stackNode
        ? "stack must be a stack's name (letters, digits and hyphens, starting with a letter) or its id"
        : 'This entry has no stack (the name of the CloudFormation stack these templates are deployed as)',
      stackNode?.span ?? firstLine(node),
    );
    return undefined;
  }
  const files = optionalText(node, 'files', error);
  const region = optionalText(node, 'region', error);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    error(`region must be an AWS Region such as us-east-1, not '${region}'`, field(node, 'region')!.span);
    return undefined;
  }
  return {
    stack,
    span: node.span,
    ...(files !== undefined && { files }),
    ...(region !== undefined && { region }),
  };
}

/** An optional text field: undefined when absent or blank; a value that is not text is an error. */
function optionalText(
  node: ObjectNode,
  name: string,
  error: (message: string, span: Span) => void,
): string | undefined {
  const value = field(node, name);
  const read = scalarString(value);
  if (value && (read === undefined || read.trim() === '')) error(`${name} must be text`, value.span);
  return read?.trim() === '' ? undefined : read;
}

function field(node: ObjectNode, key: string): Node | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--)
    if (node.entries[i]!.key.text === key) return isEmpty(node.entries[i]!.value) ? undefined : node.entries[i]!.value;
  return undefined;
}

/** A list value; a single value where a list is expected is taken as a list of one. */
function listOf(node: Node, name: string, error: (message: string, span: Span) => void): readonly Node[] {
  if (isEmpty(node)) return [];
  if (node.kind === 'array') return node.items;
  if (node.kind === 'scalar') return [node];
  error(`${name} must be a list`, node.span);
  return [];
}

/** Strings, and numbers or booleans as written (a YAML `off` is a string here: the yaml package reads YAML 1.2). */
function scalarString(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.text;
}

function isEmpty(node: Node): boolean {
  return node.kind === 'unknown' || (node.kind === 'scalar' && node.value === null);
}

/** The start of a node, for problems about something it lacks. */
function firstLine(node: Node): Span {
  return { start: node.span.start, end: node.span.start };
}
