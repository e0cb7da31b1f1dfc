/**
 * Every `cloudwarden.*` setting, once: its type, default, scope and description. package.json's
 * `contributes.configuration` must say the same (a unit test compares them), the server reads them through
 * `parseSettings`, the client through the same keys. A new setting is a row here, then in package.json.
 * No imports: both the client and the server bundle this file.
 */

/** VS Code's configuration scopes: `resource` settings may differ per folder and file. */
type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

interface Spec<T> {
  readonly type: 'boolean' | 'number' | 'string' | 'object' | 'array';
  readonly default: T;
  readonly scope: SettingScope;
  readonly description: string;
  /** For strings: the values allowed. */
  readonly enum?: readonly string[];
  /** For numbers: the smallest value allowed. */
  readonly minimum?: number;
  /** For arrays: the type of the items. */
  readonly items?: { readonly type: 'string'; readonly pattern?: string };
  /** For strings: what each `enum` value means, in the Settings editor. */
  readonly enumDescriptions?: readonly string[];
}

export type RuleSeverity = 'error' | 'warning' | 'info' | 'off';

/** How an AWS Region name is written (us-east-1, us-gov-west-1, cn-north-1). */
const REGION_PATTERN = '^[a-z]{2,4}(-[a-z]+)+-\\d+$';
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
  'activity.hover.enable': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      "Show a resource's recent CloudTrail activity (counts over 24 hours, 7 and 90 days, the last events) when hovering a reference to it (a bucket, role, key, function... by name or ARN), once an AWS profile or credentials are configured. The first hover of a resource starts the look-up; the next shows it.",
  } satisfies Spec<boolean>,
  'activity.codeLens.enable': {
    type: 'boolean',
    default: false,
    scope: 'resource',
    description:
      'Show a line of CloudTrail activity above each AWS resource a file references (up to 20 per file). Off by default: it calls CloudTrail LookupEvents for the resources of every file opened.',
  } satisfies Spec<boolean>,
  'activity.source': {
    type: 'string',
    default: 'auto',
    scope: 'window',
    enum: ['auto', 'logFiles', 'athena', 'lake', 'lookupEvents'],
    enumDescriptions: [
      'The first source configured: log folders, then Athena (a workgroup set), then CloudTrail Lake (an event data store set), else LookupEvents.',
      'CloudTrail log files on this machine (`cloudwarden.activity.logFolders`), indexed on disk: every Region, account and day the files hold, no AWS call.',
      'Amazon Athena over the trail bucket (`cloudwarden.activity.athena.*`): the query runs on AWS, the editor receives the rows; each answer says the bytes scanned.',
      'CloudTrail Lake (`cloudwarden.activity.lake.eventDataStore`).',
      'CloudTrail LookupEvents: 90 days of management events, two calls a second per Region.',
    ],
    description: 'Where CloudWarden reads CloudTrail activity for hovers, CodeLenses and the timeline.',
  } satisfies Spec<string>,
  'activity.logFolders': {
    type: 'array',
    default: [] as string[],
    scope: 'window',
    items: { type: 'string' },
    description:
      'Folders or files of CloudTrail logs: as a trail delivers them to S3 (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`, organisation trails too), plain `{"Records": [...]}` JSON, console or CLI exports (`{"Events": [...]}`) and JSON Lines. A relative path is read from the workspace folder. CloudWarden indexes them on disk, in worker threads, and afterwards reads only new files.',
  } satisfies Spec<string[]>,
  'activity.athena.workgroup': {
    type: 'string',
    default: '',
    scope: 'window',
    description:
      'The Athena workgroup CloudWarden runs its read-only queries in (the `activity.source` `athena`). Run "CloudWarden: Write the Athena table for a CloudTrail bucket" for the table.',
  } satisfies Spec<string>,
  'activity.athena.database': {
    type: 'string',
    default: 'default',
    scope: 'window',
    description: 'The Glue database of the CloudTrail table Athena queries.',
  } satisfies Spec<string>,
  'activity.athena.table': {
    type: 'string',
    default: 'cloudtrail_logs',
    scope: 'window',
    description:
      "The CloudTrail table Athena queries: AWS's documented table with partition projection on `timestamp` (yyyy/MM/dd).",
  } satisfies Spec<string>,
  'activity.athena.outputLocation': {
    type: 'string',
    default: '',
    scope: 'window',
    description:
      "Where Athena writes query results (`s3://bucket/prefix/`). Empty: the workgroup's own output location.",
  } satisfies Spec<string>,
  'activity.lake.eventDataStore': {
    type: 'string',
    default: '',
    scope: 'window',
    description:
      'The ARN or id of the CloudTrail Lake event data store CloudWarden queries (the `activity.source` `lake`).',
  } satisfies Spec<string>,
  'unused.enable': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Compare the identity policies in code with what their principal did (CloudTrail from the activity source: log folders, Athena, CloudTrail Lake, or LookupEvents for IAM users; and, with AWS configured, IAM last-accessed data and Access Analyzer): unused actions and statements shown faded, wildcards mostly unused, actions the principal was refused. A policy is compared once its principal is known (a `principals` entry of `.cloudwarden.yaml`, a literal role or user name in the source, its deployed stack, cdk.out).',
  } satisfies Spec<boolean>,
  'unused.days': {
    type: 'number',
    default: 90,
    scope: 'resource',
    minimum: 1,
    description:
      'The period, in days up to today, over which a permission not used counts as unused (the evidence may cover less: each message says how long).',
  } satisfies Spec<number>,
  'statusBar.enable': {
    type: 'boolean',
    default: true,
    scope: 'window',
    description:
      "Show CloudWarden's status bar items: the IAM catalog's data date, and the AWS connection (profile, account, Region) when one is configured.",
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
  'aws.profile': {
    type: 'string',
    default: '',
    // Profiles live in the files of the machine that runs the server: a remote (SSH, container) may differ.
    scope: 'machine-overridable',
    description:
      "The AWS profile (of ~/.aws/config or ~/.aws/credentials) CloudWarden uses for its read-only AWS calls. Empty: the AWS SDK's default chain (AWS_PROFILE, the default profile, environment variables).",
  } satisfies Spec<string>,
  'aws.regions': {
    type: 'array',
    default: [] as string[],
    scope: 'machine-overridable',
    items: { type: 'string', pattern: REGION_PATTERN },
    description:
      'The AWS Regions CloudWarden looks at, e.g. ["us-east-1", "eu-west-1"]. Empty: the profile\'s Region (or AWS_REGION).',
  } satisfies Spec<string[]>,
  'aws.requestTimeoutMs': {
    type: 'number',
    default: 10_000,
    scope: 'window',
    minimum: 1000,
    description:
      'Milliseconds CloudWarden waits for one AWS request before it gives up and says so (waiting its turn under AWS rate limits does not count).',
  } satisfies Spec<number>,
} as const;

type SettingKey = keyof typeof SETTINGS;

/** The settings as the server and client use them, every value present (defaults filled in). */
export interface CloudWardenSettings {
  readonly hover: { readonly enable: boolean };
  readonly codeLens: { readonly enable: boolean };
  /** A referenced resource's CloudTrail activity in hovers and CodeLenses. */
  readonly activity: {
    readonly hover: { readonly enable: boolean };
    readonly codeLens: { readonly enable: boolean };
    readonly source: ActivitySourceSetting;
    /** As written: relative paths are resolved against the workspace folder by the server. */
    readonly logFolders: readonly string[];
    readonly athena: {
      readonly workgroup: string;
      readonly database: string;
      readonly table: string;
      readonly outputLocation: string;
    };
    readonly lake: { readonly eventDataStore: string };
  };
  /** Unused permissions: policies in code against their principal's activity. */
  readonly unused: { readonly enable: boolean; readonly days: number };
  readonly statusBar: { readonly enable: boolean };
  readonly lint: { readonly enable: boolean; readonly maxFileSize: number; readonly debounceMs: number };
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  readonly aws: {
    /** Empty: the SDK's default chain. */
    readonly profile: string;
    /** Empty: the profile's Region. */
    readonly regions: readonly string[];
    readonly requestTimeoutMs: number;
  };
}

type ActivitySourceSetting = 'auto' | 'logFiles' | 'athena' | 'lake' | 'lookupEvents';

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
  const number = (key: 'lint.maxFileSize' | 'lint.debounceMs' | 'aws.requestTimeoutMs' | 'unused.days') => {
    const value = at(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= SETTINGS[key].minimum
      ? value
      : SETTINGS[key].default;
  };
  const text = (
    key:
      | 'activity.athena.workgroup'
      | 'activity.athena.database'
      | 'activity.athena.table'
      | 'activity.athena.outputLocation'
      | 'activity.lake.eventDataStore',
  ) => {
    const value = at(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : SETTINGS[key].default;
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
    activity: {
      hover: { enable: bool('activity.hover.enable') },
      codeLens: { enable: bool('activity.codeLens.enable') },
      source: activitySource(at('activity.source')),
      logFolders: logFolders(at('activity.logFolders')),
      athena: {
        workgroup: text('activity.athena.workgroup'),
        database: text('activity.athena.database'),
        table: text('activity.athena.table'),
        outputLocation: text('activity.athena.outputLocation'),
      },
      lake: { eventDataStore: text('activity.lake.eventDataStore') },
    },
    unused: { enable: bool('unused.enable'), days: number('unused.days') },
    statusBar: { enable: bool('statusBar.enable') },
    lint: {
      enable: bool('lint.enable'),
      maxFileSize: number('lint.maxFileSize'),
      debounceMs: number('lint.debounceMs'),
    },
    rules,
    aws: {
      profile: awsProfile(at('aws.profile')),
      regions: awsRegions(at('aws.regions')),
      requestTimeoutMs: number('aws.requestTimeoutMs'),
    },
  };
}

function awsProfile(value: unknown): string {
  return typeof value === 'string' ? value.trim() : SETTINGS['aws.profile'].default;
}

/** The Region names written correctly, each once; a typo is dropped rather than sent to AWS. */
function awsRegions(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const pattern = new RegExp(REGION_PATTERN);
  return [...new Set(value.filter((r): r is string => typeof r === 'string').map((r) => r.trim()))].filter((r) =>
    pattern.test(r),
  );
}

function activitySource(value: unknown): ActivitySourceSetting {
  return typeof value === 'string' && SETTINGS['activity.source'].enum.includes(value)
    ? (value as ActivitySourceSetting)
    : 'auto';
}

/** The paths as written, trimmed, each once, empty ones dropped. */
function logFolders(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((p): p is string => typeof p === 'string').map((p) => p.trim()))].filter(
    (p) => p !== '',
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
