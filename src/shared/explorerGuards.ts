/**
 * Run-time checks of what the extension host sends the security explorer's page (explorerMessages.ts),
 * rows included: names, descriptions and tags come from AWS, where anyone who may create a key or a secret
 * chooses them. `shape<T>` wants a guard for every field, so a field added to a row and forgotten here
 * fails the build.
 */
import type {
  FindingActivity,
  FindingResource,
  FindingRow,
  HygieneFlag,
  KeyRow,
  PolicyReview,
  PolicyReviewFinding,
  SecretRow,
  SeverityCounts,
} from '../core';
import type { ExplorerConnection, HostMessage, PolicyState, RegionState, TabData } from './explorerMessages';
import { arrayOf, isBoolean, isNumber, isString, oneOf, optional, shape, type Guard } from './guards';

/** A guard per value of a discriminating field: the message's `type`, a row's `kind`, a tab's `tab`. */
function byField<T>(field: string, guards: Readonly<Record<string, Guard<T>>>): Guard<T> {
  return (value): value is T => {
    const key = (value as Record<string, unknown> | null)?.[field];
    return typeof key === 'string' && Object.hasOwn(guards, key) && guards[key]!(value);
  };
}

const isStringRecord: Guard<Readonly<Record<string, string>>> = (value): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value as Record<string, unknown>).every(isString);

const isSeverityLabel = oneOf('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

const isFlag = shape<HygieneFlag>({
  id: oneOf('rotationOff', 'pendingDeletion', 'neverRotated', 'notAccessed90Days', 'defaultKey'),
  sentence: isString,
});

const isKeyRow = shape<KeyRow>({
  keyId: isString,
  arn: isString,
  region: isString,
  aliases: arrayOf(isString),
  description: isString,
  state: optional(isString),
  managedBy: optional(oneOf('AWS', 'customer')),
  spec: optional(isString),
  usage: optional(isString),
  origin: optional(isString),
  multiRegion: optional(oneOf('PRIMARY', 'REPLICA')),
  createdAt: optional(isNumber),
  deletionAt: optional(isNumber),
  rotationEnabled: optional(isBoolean),
  rotationPeriodDays: optional(isNumber),
  nextRotationAt: optional(isNumber),
  lastUsedAt: optional(isNumber),
  lastUsedOperation: optional(isString),
  usageTrackedSince: optional(isNumber),
  grantsCount: optional(isNumber),
  tags: isStringRecord,
  flags: arrayOf(isFlag),
  problems: arrayOf(isString),
});

const isSecretRow = shape<SecretRow>({
  name: isString,
  arn: isString,
  region: isString,
  description: isString,
  kmsKey: isString,
  defaultKey: isBoolean,
  rotationEnabled: isBoolean,
  rotationEveryDays: optional(isNumber),
  lastRotatedAt: optional(isNumber),
  nextRotationAt: optional(isNumber),
  lastChangedAt: optional(isNumber),
  lastAccessedAt: optional(isNumber),
  createdAt: optional(isNumber),
  owningService: optional(isString),
  tags: isStringRecord,
  flags: arrayOf(isFlag),
});

type Activity<K extends FindingActivity['kind']> = Extract<FindingActivity, { kind: K }>;

const isActivity = byField<FindingActivity>('kind', {
  apiCall: shape<Activity<'apiCall'>>({
    kind: oneOf('apiCall'),
    api: isString,
    service: optional(isString),
    remoteIp: optional(isString),
    country: optional(isString),
    userAgent: optional(isString),
  }),
  network: shape<Activity<'network'>>({
    kind: oneOf('network'),
    direction: optional(isString),
    protocol: optional(isString),
    localPort: optional(isNumber),
    remoteIp: optional(isString),
    remotePort: optional(isNumber),
    blocked: optional(isBoolean),
  }),
  dns: shape<Activity<'dns'>>({ kind: oneOf('dns'), domain: isString, blocked: optional(isBoolean) }),
  portProbe: shape<Activity<'portProbe'>>({
    kind: oneOf('portProbe'),
    localPorts: arrayOf(isNumber),
    remoteIps: arrayOf(isString),
  }),
});

const isFindingRow = shape<FindingRow>({
  id: isString,
  source: oneOf('GuardDuty', 'Security Hub'),
  product: isString,
  severityLabel: isSeverityLabel,
  severity: isNumber,
  type: isString,
  title: isString,
  description: isString,
  resources: arrayOf(shape<FindingResource>({ type: isString, id: isString })),
  principal: optional(isString),
  account: isString,
  region: isString,
  firstSeen: optional(isNumber),
  lastSeen: optional(isNumber),
  updatedAt: isNumber,
  count: isNumber,
  archived: isBoolean,
  workflow: optional(isString),
  compliance: optional(isString),
  control: optional(isString),
  activity: arrayOf(isActivity),
  arn: optional(isString),
});

const isCounts = shape<SeverityCounts>({
  INFORMATIONAL: isNumber,
  LOW: isNumber,
  MEDIUM: isNumber,
  HIGH: isNumber,
  CRITICAL: isNumber,
});

const isRegionState = shape<RegionState>({
  region: isString,
  loading: isBoolean,
  problem: optional(isString),
  notices: arrayOf(isString),
  truncated: isBoolean,
  fetchedAt: optional(isNumber),
});

const isConnection = shape<ExplorerConnection>({
  state: oneOf('loading', 'off', 'problem', 'connected'),
  sentence: isString,
  regions: arrayOf(isString),
});

type Tab<K extends TabData['tab']> = Extract<TabData, { tab: K }>;

const isTabData = byField<TabData>('tab', {
  keys: shape<Tab<'keys'>>({ tab: oneOf('keys'), regions: arrayOf(isRegionState), rows: arrayOf(isKeyRow) }),
  secrets: shape<Tab<'secrets'>>({
    tab: oneOf('secrets'),
    regions: arrayOf(isRegionState),
    rows: arrayOf(isSecretRow),
  }),
  findings: shape<Tab<'findings'>>({
    tab: oneOf('findings'),
    regions: arrayOf(isRegionState),
    rows: arrayOf(isFindingRow),
    counts: isCounts,
  }),
});

type Policy<K extends PolicyState['state']> = Extract<PolicyState, { state: K }>;

const isPolicyState = byField<PolicyState>('state', {
  loading: shape<Policy<'loading'>>({ state: oneOf('loading') }),
  policy: shape<Policy<'policy'>>({
    state: oneOf('policy'),
    review: shape<PolicyReview>({
      text: isString,
      findings: arrayOf(
        shape<PolicyReviewFinding>({ ruleId: isString, severity: isString, message: isString, line: isNumber }),
      ),
    }),
  }),
  none: shape<Policy<'none'>>({ state: oneOf('none'), sentence: isString }),
  failed: shape<Policy<'failed'>>({ state: oneOf('failed'), sentence: isString }),
});

type Message<K extends HostMessage['type']> = Extract<HostMessage, { type: K }>;
const isTab = oneOf('keys', 'secrets', 'findings');

export const isHostMessage = byField<HostMessage>('type', {
  connection: shape<Message<'connection'>>({ type: oneOf('connection'), connection: isConnection }),
  tab: shape<Message<'tab'>>({ type: oneOf('tab'), data: isTabData }),
  policy: shape<Message<'policy'>>({
    type: oneOf('policy'),
    tab: oneOf('keys', 'secrets'),
    id: isString,
    policy: isPolicyState,
  }),
  reveal: shape<Message<'reveal'>>({
    type: oneOf('reveal'),
    tab: isTab,
    id: optional(isString),
    text: optional(isString),
  }),
});
