/**
 * The messages between the extension host and an investigation report's page, with their run-time
 * checks. The report holds what CloudTrail recorded (names anyone may choose), so the page checks the
 * whole model before drawing it, and writes every value as text.
 */
import type {
  Classification,
  DetectionCount,
  EventLine,
  Investigation,
  Pivot,
  Profile,
  RelatedFinding,
  ReportHit,
  ResponseStep,
  Tally,
  Unusual,
} from '../core';
import { arrayOf, isBoolean, isNumber, isString, oneOf, optional, shape, shortString, type Guard } from './guards';
import type { InvestigateRequest, InvestigationSubject } from './protocol';

/** Everything the page shows, sent whole on each change. */
export interface InvestigationModel {
  readonly request: InvestigateRequest.Params;
  readonly title: string;
  readonly loading: boolean;
  readonly report?: Investigation;
  /** Why there is no report (the server did not answer, the subject was refused), one sentence. */
  readonly failure?: string;
}

export type ReportHostMessage = { readonly type: 'update'; readonly model: InvestigationModel };

type PivotKind = Pivot['kind'];

export type ReportPageMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'exportMarkdown' }
  | { readonly type: 'copyMarkdown' }
  /** Investigate this next (a new report). */
  | { readonly type: 'pivot'; readonly kind: PivotKind; readonly value: string }
  /** Its CloudTrail timeline. */
  | { readonly type: 'timeline'; readonly kind: PivotKind; readonly value: string }
  /** The workspace's files that name it. */
  | { readonly type: 'findInCode'; readonly value: string }
  /** What the page drew, for the tests and the host's view of the panel. */
  | { readonly type: 'rendered'; readonly hits: number; readonly timeline: number; readonly pivots: number };

/** What a panel keeps in the webview state, to come back after a reload. */
export interface SavedInvestigation {
  readonly request: InvestigateRequest.Params;
  readonly title: string;
}

const isPivotKind = oneOf('principal', 'resource', 'accessKey', 'ip');
const value = shortString(2048);

const isSubject: Guard<InvestigationSubject> = (v): v is InvestigationSubject =>
  shape<{ kind: 'window' }>({ kind: oneOf('window') })(v) ||
  shape<{ kind: 'principal' | 'resource' | 'accessKey' | 'ip' | 'event'; value: string }>({
    kind: oneOf('principal', 'resource', 'accessKey', 'ip', 'event'),
    value,
  })(v);

export const isInvestigateParams: Guard<InvestigateRequest.Params> = shape<InvestigateRequest.Params>({
  subject: isSubject,
  since: isNumber,
  until: optional(isNumber),
  fresh: optional(isBoolean),
});

const strings = arrayOf(isString);
const isTally = shape<Tally>({ value: isString, count: isNumber });
const tallies = arrayOf(isTally);

const isProfile = shape<Profile>({
  events: isNumber,
  firstSeen: optional(isString),
  lastSeen: optional(isString),
  changes: isNumber,
  reads: isNumber,
  errors: isNumber,
  accessDenied: isNumber,
  actions: tallies,
  resources: tallies,
  principals: tallies,
  accessKeys: tallies,
  sourceIps: tallies,
  userAgents: tallies,
  regions: tallies,
  errorCodes: tallies,
});

const isEventLine = shape<EventLine>({
  eventId: isString,
  eventTime: isString,
  eventSource: isString,
  eventName: isString,
  action: optional(isString),
  principal: isString,
  principalArn: optional(isString),
  accessKeyId: optional(isString),
  sourceIp: optional(isString),
  userAgent: optional(isString),
  region: isString,
  errorCode: optional(isString),
  readOnly: optional(isBoolean),
  resources: strings,
  detections: strings,
});

const isSeverity = oneOf('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

const isHit = shape<ReportHit>({
  detection: isString,
  severity: isSeverity,
  panther: optional(isString),
  eventId: isString,
  eventTime: isString,
  principal: isString,
  region: isString,
  sentence: isString,
  file: optional(isString),
  title: isString,
  mitre: isString,
});

const isCount = shape<DetectionCount>({
  id: isString,
  title: isString,
  severity: isString,
  count: isNumber,
  mitre: isString,
});

const isUnusual = shape<Unusual>({
  kind: oneOf('region', 'sourceIp', 'userAgent', 'burst'),
  value: isString,
  detail: isString,
  eventId: isString,
  eventTime: isString,
});

const isRelated = shape<RelatedFinding>({
  id: isString,
  source: isString,
  title: isString,
  type: isString,
  severityLabel: isString,
  region: isString,
  lastSeen: optional(isString),
  shares: isString,
});

const isStep = shape<ResponseStep>({
  title: isString,
  detail: isString,
  command: optional(isString),
  reason: isString,
});

const isPivot = shape<Pivot>({ kind: isPivotKind, value: isString, count: isNumber });

const isInvestigation = shape<Investigation>({
  title: isString,
  subject: isSubject,
  since: isString,
  until: isString,
  generatedAt: isString,
  source: isString,
  partial: strings,
  detection: shape<Investigation['detection']>({ counts: arrayOf(isCount), hits: arrayOf(isHit) }),
  analysis: shape<Investigation['analysis']>({
    profile: isProfile,
    permissionChanges: arrayOf(isEventLine),
    unusual: arrayOf(isUnusual),
    timeline: arrayOf(isEventLine),
    timelineTotal: isNumber,
    focus: optional(isEventLine),
    findings: arrayOf(isRelated),
    findingsNote: optional(isString),
  }),
  classification: shape<Classification>({ severity: isSeverity, reason: isString }),
  response: arrayOf(isStep),
  summary: isString,
  pivots: arrayOf(isPivot),
});

const isModel = shape<InvestigationModel>({
  request: isInvestigateParams,
  title: isString,
  loading: isBoolean,
  report: optional(isInvestigation),
  failure: optional(isString),
});

export const isReportHostMessage: Guard<ReportHostMessage> = shape<ReportHostMessage>({
  type: oneOf('update'),
  model: isModel,
});

export const isSavedInvestigation: Guard<SavedInvestigation> = shape<SavedInvestigation>({
  request: isInvestigateParams,
  title: shortString(300),
});

const count = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;

const PAGE_MESSAGES: { readonly [K in ReportPageMessage['type']]: Guard<Extract<ReportPageMessage, { type: K }>> } = {
  ready: shape({ type: oneOf('ready') }),
  refresh: shape({ type: oneOf('refresh') }),
  exportMarkdown: shape({ type: oneOf('exportMarkdown') }),
  copyMarkdown: shape({ type: oneOf('copyMarkdown') }),
  pivot: shape({ type: oneOf('pivot'), kind: isPivotKind, value }),
  timeline: shape({ type: oneOf('timeline'), kind: isPivotKind, value }),
  findInCode: shape({ type: oneOf('findInCode'), value }),
  rendered: shape({ type: oneOf('rendered'), hits: count, timeline: count, pivots: count }),
};

export function isReportPageMessage(message: unknown): message is ReportPageMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return (
    typeof type === 'string' &&
    Object.hasOwn(PAGE_MESSAGES, type) &&
    PAGE_MESSAGES[type as ReportPageMessage['type']](message)
  );
}
