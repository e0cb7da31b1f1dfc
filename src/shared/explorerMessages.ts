/**
 * The messages between the security explorer's webview and the extension host, the one definition both
 * sides use. The host validates what the page sends (`isPageMessage`); the page validates what the host
 * sends (`isHostMessage`, explorerGuards.ts): the host's messages carry names and descriptions from AWS,
 * which anyone who can create a key or a secret chooses.
 */
import type { FindingRow, KeyRow, PolicyReview, SecretRow, SeverityCounts } from '../core';
import { isBoolean, isNumber, oneOf, shape, shortString, type Guard } from './guards';

export type ExplorerTab = 'keys' | 'secrets' | 'findings';

export const EXPLORER_TABS: readonly ExplorerTab[] = ['keys', 'secrets', 'findings'];

/** Where one Region of a tab stands. */
export interface RegionState {
  readonly region: string;
  readonly loading: boolean;
  /** Why the Region has no rows: one sentence (access denied, the Region unreachable). */
  readonly problem?: string;
  /** Sentences that are not failures: GuardDuty not enabled there, one of two services failing. */
  readonly notices: readonly string[];
  readonly truncated: boolean;
  readonly fetchedAt?: number;
}

/** Who the explorer reads AWS as, and where. */
export interface ExplorerConnection {
  /** `off`: no AWS configuration (nothing is called); `problem`: configured but failing. */
  readonly state: 'loading' | 'off' | 'problem' | 'connected';
  /** One sentence for the top of the page: the account and profile, or what is wrong and what to do. */
  readonly sentence: string;
  readonly regions: readonly string[];
}

interface TabBase {
  readonly regions: readonly RegionState[];
}
export type TabData =
  | (TabBase & { readonly tab: 'keys'; readonly rows: readonly KeyRow[] })
  | (TabBase & { readonly tab: 'secrets'; readonly rows: readonly SecretRow[] })
  | (TabBase & {
      readonly tab: 'findings';
      readonly rows: readonly FindingRow[];
      /** GuardDuty's counts of its findings not archived, over the Regions read. */
      readonly counts: SeverityCounts;
    });

/** A key's or a secret's policy as the details pane shows it. */
export type PolicyState =
  | { readonly state: 'loading' }
  | { readonly state: 'policy'; readonly review: PolicyReview }
  | { readonly state: 'none'; readonly sentence: string }
  | { readonly state: 'failed'; readonly sentence: string };

export type HostMessage =
  | { readonly type: 'connection'; readonly connection: ExplorerConnection }
  /** A tab's data, sent whole each time a Region answers. */
  | { readonly type: 'tab'; readonly data: TabData }
  /** The policy of the row `id` (keys and secrets tabs). */
  | { readonly type: 'policy'; readonly tab: 'keys' | 'secrets'; readonly id: string; readonly policy: PolicyState }
  /**
   * From a reference in code: switch to the tab, then either show the row `id` (clear the filters that
   * hide it, select it, scroll to it) or, when no one row is meant (a role a finding may name), set the
   * tab's text filter to `text`.
   */
  | { readonly type: 'reveal'; readonly tab: ExplorerTab; readonly id?: string; readonly text?: string };

export type RowAction = 'showActivity' | 'investigate' | 'findInCode' | 'copyArn';

export type PageMessage =
  /** The page has loaded (first time, or again after being hidden): it wants the connection and the data. */
  | { readonly type: 'ready' }
  /** The page shows this tab: load it unless loaded (`fresh`: the refresh button, skip the caches). */
  | { readonly type: 'load'; readonly tab: ExplorerTab; readonly fresh: boolean }
  /** Read and lint the policy of this key or secret. */
  | { readonly type: 'policy'; readonly tab: 'keys' | 'secrets'; readonly id: string }
  /** A row's action; the host finds the row by its id in its own data (a page never names an ARN itself). */
  | { readonly type: 'action'; readonly action: RowAction; readonly tab: ExplorerTab; readonly id: string }
  /** What the page drew, for the tests: the rows the filters let through of the tab's rows. */
  | { readonly type: 'rendered'; readonly tab: ExplorerTab; readonly rows: number; readonly total: number };

/** A row's id within its tab: a key's or a secret's ARN; a finding's source, Region and id. */
export function rowId(data: TabData['tab'], row: KeyRow | SecretRow | FindingRow): string {
  if (data === 'findings') {
    const finding = row as FindingRow;
    return `${finding.source}/${finding.region}/${finding.id}`;
  }
  return (row as KeyRow | SecretRow).arn;
}

const isTab: Guard<ExplorerTab> = oneOf(...EXPLORER_TABS);
const isId = shortString(2048);

function isCount(value: unknown): value is number {
  return isNumber(value) && Number.isInteger(value) && value >= 0;
}

const PAGE_MESSAGES: { readonly [K in PageMessage['type']]: Guard<Extract<PageMessage, { type: K }>> } = {
  ready: shape({ type: oneOf('ready') }),
  load: shape({ type: oneOf('load'), tab: isTab, fresh: isBoolean }),
  policy: shape({ type: oneOf('policy'), tab: oneOf('keys', 'secrets'), id: isId }),
  action: shape({
    type: oneOf('action'),
    action: oneOf('showActivity', 'investigate', 'findInCode', 'copyArn'),
    tab: isTab,
    id: isId,
  }),
  rendered: shape({ type: oneOf('rendered'), tab: isTab, rows: isCount, total: isCount }),
};

export function isPageMessage(value: unknown): value is PageMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return (
    typeof type === 'string' && Object.hasOwn(PAGE_MESSAGES, type) && PAGE_MESSAGES[type as PageMessage['type']](value)
  );
}
