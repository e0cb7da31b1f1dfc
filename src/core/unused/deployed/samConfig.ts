/**
 * The stack SAM deploys a template as: `stack_name` (and `region`) of the `default` environment in the
 * SAM CLI's configuration beside the template, `samconfig.toml` (or `samconfig.yaml`/`.yml`, which newer
 * SAM CLIs read too). The deploy command's parameters win over the global ones, as in the SAM CLI. Only
 * the few keys needed are read: TOML tables and `key = "string"` lines; nothing else of TOML matters here.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { LineIndex } from '../../text/lines';

export interface SamStack {
  readonly stack: string;
  readonly region?: string;
  /** The template the configuration names (`template_file`), when it names one. */
  readonly template?: string;
  /** The line of `stack_name`, 1-based. */
  readonly line: number;
}

/** The file names SAM looks for, in its order. */
export const SAM_CONFIG_FILES = ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'] as const;

const SECTIONS = ['default.deploy.parameters', 'default.global.parameters'];

type Parameters = Map<string, { value: string; line: number }>;

export function readSamConfig(text: string, fileName: string): SamStack | undefined {
  const sections = fileName.endsWith('.toml') ? tomlSections(text) : yamlSections(text);
  const pick = (key: string) => SECTIONS.map((s) => sections.get(s)?.get(key)).find((v) => v !== undefined);
  const stack = pick('stack_name');
  if (!stack || stack.value === '') return undefined;
  const region = pick('region')?.value;
  const template = pick('template_file')?.value ?? pick('template')?.value;
  return { stack: stack.value, line: stack.line, ...(region && { region }), ...(template && { template }) };
}

const TABLE = /^\s*\[\s*([\w.-]+)\s*\]\s*(?:#.*)?$/;
const STRING_KEY = /^\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(?:#.*)?$/;

function tomlSections(text: string): Map<string, Parameters> {
  const sections = new Map<string, Parameters>();
  let current: Parameters | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const table = TABLE.exec(line);
    if (table) {
      current = sections.get(table[1]!) ?? new Map();
      sections.set(table[1]!, current);
      return;
    }
    const pair = STRING_KEY.exec(line);
    if (pair && current) current.set(pair[1]!, { value: pair[2]?.replace(/\\(.)/g, '$1') ?? pair[3]!, line: i + 1 });
  });
  return sections;
}

function yamlSections(text: string): Map<string, Parameters> {
  const sections = new Map<string, Parameters>();
  const document = parseDocument(text);
  if (document.errors.length > 0) return sections;
  const lines = new LineIndex(text);
  for (const section of SECTIONS) {
    const parameters = document.getIn([...section.split('.')], true);
    if (!isMap(parameters)) continue;
    const map: Parameters = new Map();
    for (const pair of parameters.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
      const line = lines.positionAt(pair.value.range?.[0] ?? 0).line + 1;
      map.set(String(pair.key.value), { value: pair.value.value, line });
    }
    sections.set(section, map);
  }
  return sections;
}
