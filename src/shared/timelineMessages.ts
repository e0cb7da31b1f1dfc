/**
 * The messages between the timeline webview and the extension host, the one definition both sides use.
 * Each side validates what it receives (`isHostMessage` on the page, `isPageMessage` on the host): a
 * webview's messages are untrusted input, and the host's carry strings from CloudTrail.
 */
import { isActivityAnswer, isActivityQuery } from './activityGuards';
import { arrayOf, isBoolean, isNumber, isString, oneOf, optional, shape, shortString, type Guard } from './guards';
import type { ActivityQueryParams, ActivityRequest } from './protocol';

/**
 * What a timeline shows: the argument of `cloudwarden.showActivity` and `cloudwarden.investigate` (the
 * server's hover links and CodeLenses pass one), its query and the panel's title.
 */
export interface ActivityTarget {
  readonly query: ActivityQueryParams;
  readonly title: string;
}

export const isActivityTarget: Guard<ActivityTarget> = shape<ActivityTarget>({
  query: isActivityQuery,
  title: shortString(200),
});

/** Everything the page shows, sent whole on each change (the page keeps nothing the host does not know). */
export interface TimelineModel {
  readonly target: ActivityTarget;
  /** A sentence above the timeline. */
  readonly notice?: string;
  /** The server's last answer; kept on screen while a refresh runs. */
  readonly answer?: ActivityRequest.Result;
  readonly loading: boolean;
  /** Why the last request failed (the server did not answer), one sentence. */
  readonly failure?: string;
}

export type HostMessage = { readonly type: 'update'; readonly model: TimelineModel };

export type ExportFormat = 'json' | 'csv';

export type PageMessage =
  /** The page has loaded (first time, or again after being hidden): it wants the model. */
  | { readonly type: 'ready' }
  /** Ask CloudTrail again, skipping the cache. */
  | { readonly type: 'refresh' }
  /** Save these events (the ones the filters show, in the table's order) to a file. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly eventIds: readonly string[] }
  /** What the page drew, for the tests and the host's view of the panel. */
  | { readonly type: 'rendered'; readonly rows: number; readonly total: number };

const isModel = shape<TimelineModel>({
  target: isActivityTarget,
  notice: optional(isString),
  answer: optional(isActivityAnswer),
  loading: isBoolean,
  failure: optional(isString),
});

export const isHostMessage: Guard<HostMessage> = shape<HostMessage>({ type: oneOf('update'), model: isModel });

const PAGE_MESSAGES: { readonly [K in PageMessage['type']]: Guard<Extract<PageMessage, { type: K }>> } = {
  ready: shape({ type: oneOf('ready') }),
  refresh: shape({ type: oneOf('refresh') }),
  export: shape({ type: oneOf('export'), format: oneOf('json', 'csv'), eventIds: arrayOf(shortString(256)) }),
  rendered: shape({ type: oneOf('rendered'), rows: isCount, total: isCount }),
};

function isCount(value: unknown): value is number {
  return isNumber(value) && Number.isInteger(value) && value >= 0;
}

export function isPageMessage(value: unknown): value is PageMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return (
    typeof type === 'string' && Object.hasOwn(PAGE_MESSAGES, type) && PAGE_MESSAGES[type as PageMessage['type']](value)
  );
}

/** What a timeline keeps across reloads (in the page's state; the host restores the panel from it). */
export interface SavedTimeline {
  readonly target: ActivityTarget;
  readonly notice?: string;
}

export const isSavedTimeline: Guard<SavedTimeline> = shape<SavedTimeline>({
  target: isActivityTarget,
  notice: optional(isString),
});
