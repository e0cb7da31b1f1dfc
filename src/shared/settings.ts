/**
 * Every `cloudwarden.*` setting, once: its type, default, scope and description. package.json's
 * `contributes.configuration` must say the same (a unit test compares them), the server reads them through
 * `parseSettings`, the client through the same keys. A new setting is a row here, then in package.json.
 * No imports: both the client and the server bundle this file.
 */

/** VS Code's configuration scopes: `resource` settings may differ per folder and file. */
type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

interface Spec<T> {
  readonly type: 'boolean' | 'number' | 'string' | 'object';
  readonly default: T;
  readonly scope: SettingScope;
  readonly description: string;
  /** For strings: the values allowed. */
  readonly enum?: readonly string[];
  /** For numbers: the smallest value allowed. */
  readonly minimum?: number;
}

export type RuleSeverity = 'error' | 'warning' | 'info' | 'off';
const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'off'];

/** The settings, by key without the `cloudwarden.` prefix. */
export const SETTINGS = {
  'hover.enable': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Show IAM documentation when hovering an action, resource, principal or condition in a policy (JSON, YAML, CDK TypeScript, Terraform), and what a CDK grant method adds.',
  } satisfies Spec<boolean>,
  'codeLens.enable': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Show above each policy statement what it grants: how many actions by access level, on how many resources, and any privilege-escalation combination.',
  } satisfies Spec<boolean>,
  'statusBar.enable': {
    type: 'boolean',
    default: true,
    scope: 'window',
    description: "Show the IAM catalog's data date in the status bar.",
  } satisfies Spec<boolean>,
  'trace.server': {
    type: 'string',
    default: 'off',
    scope: 'window',
    enum: ['off', 'messages', 'verbose'],
    description: 'Trace the communication between VS Code and the CloudWarden language server (for troubleshooting).',
  } satisfies Spec<string>,
  'lint.enable': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Lint IAM policies (policy files, AWS CLI output, CloudFormation/SAM templates, CDK TypeScript, Terraform configurations and plans) as you type.',
  } satisfies Spec<boolean>,
  'lint.maxFileSize': {
    type: 'number',
    default: 5_000_000,
    scope: 'resource',
    minimum: 0,
    description:
      "Files with more characters than this are linted when opened and saved, not as you type (a notice says so). The lint runs off the editor's thread either way.",
  } satisfies Spec<number>,
  'lint.debounceMs': {
    type: 'number',
    default: 150,
    scope: 'window',
    minimum: 0,
    description: 'Milliseconds CloudWarden waits after the last keystroke before it lints a file again.',
  } satisfies Spec<number>,
  rules: {
    type: 'object',
    default: {} as Record<string, RuleSeverity>,
    scope: 'resource',
    description:
      'Severity per rule id, or `off`, e.g. `{ "resource-star": "info", "invalid-sid": "off" }`. The rule ids are in each diagnostic and in `docs/rules/`.',
  } satisfies Spec<Record<string, RuleSeverity>>,
} as const;

type SettingKey = keyof typeof SETTINGS;

/** The settings as the server and client use them, every value present (defaults filled in). */
export interface CloudWardenSettings {
  readonly hover: { readonly enable: boolean };
  readonly codeLens: { readonly enable: boolean };
  readonly statusBar: { readonly enable: boolean };
  readonly lint: { readonly enable: boolean; readonly maxFileSize: number; readonly debounceMs: number };
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

export const DEFAULT_SETTINGS: CloudWardenSettings = parseSettings(undefined);

/**
 * Reads the `cloudwarden` section as the client sends it (nested objects, `{ lint: { enable } }`)
 * defensively: a value of the wrong type falls back to the default, so a typo in settings.json never
 * turns a feature off or breaks the server.
 */
export function parseSettings(raw: unknown): CloudWardenSettings {
  const section = isObject(raw) ? raw : {};
  const at = (key: SettingKey): unknown =>
    key.split('.').reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), section);
  const bool = (key: SettingKey & `${string}.enable`) => {
    const value = at(key);
    return typeof value === 'boolean' ? value : (SETTINGS[key].default as boolean);
  };
  const number = (key: 'lint.maxFileSize' | 'lint.debounceMs') => {
    const value = at(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= SETTINGS[key].minimum
      ? value
      : SETTINGS[key].default;
  };
  const rules: Record<string, RuleSeverity> = {};
  const rawRules = at('rules');
  if (isObject(rawRules)) {
    for (const [id, value] of Object.entries(rawRules)) {
      if (typeof value === 'string' && (RULE_SEVERITIES as readonly string[]).includes(value))
        rules[id] = value as RuleSeverity;
    }
  }
  return {
    hover: { enable: bool('hover.enable') },
    codeLens: { enable: bool('codeLens.enable') },
    statusBar: { enable: bool('statusBar.enable') },
    lint: {
      enable: bool('lint.enable'),
      maxFileSize: number('lint.maxFileSize'),
      debounceMs: number('lint.debounceMs'),
    },
    rules,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
