/**
 * The security explorer's data as the host holds it, without VS Code (the unit tests read it): each tab's
 * Regions as the server answered them, the page's tab data made from them, the connection line, and the
 * argument of "Reveal in explorer".
 */
import type { SeverityCounts } from '../core';
import {
  rowId,
  type ExplorerConnection,
  type ExplorerTab,
  type RegionState,
  type TabData,
} from '../shared/explorerMessages';
import type { AwsStatusRequest, ExplorerRegionResult } from '../shared/protocol';
import type { AnyRow } from './explorerRows';

export interface RegionPart {
  readonly state: RegionState;
  readonly rows: readonly AnyRow[];
  readonly counts?: SeverityCounts;
}

/** One tab's data: each Region's part, and the load under way (a newer one makes older answers moot). */
export class TabStore {
  generation = 0;
  parts = new Map<string, RegionPart>();
  loading: Promise<void> | undefined;
  loaded = false;
  rendered: { rows: number; total: number } | undefined;

  constructor(readonly tab: ExplorerTab) {}

  rows(): AnyRow[] {
    return [...this.parts.values()].flatMap((p) => p.rows);
  }

  row(id: string): AnyRow | undefined {
    return this.rows().find((r) => rowId(this.tab, r) === id);
  }

  data(): TabData {
    const regions = [...this.parts.values()].map((p) => p.state);
    switch (this.tab) {
      case 'keys':
        return { tab: 'keys', regions, rows: this.rows() as Extract<TabData, { tab: 'keys' }>['rows'] };
      case 'secrets':
        return { tab: 'secrets', regions, rows: this.rows() as Extract<TabData, { tab: 'secrets' }>['rows'] };
      case 'findings':
        return {
          tab: 'findings',
          regions,
          rows: this.rows() as Extract<TabData, { tab: 'findings' }>['rows'],
          counts: sumCounts([...this.parts.values()].flatMap((p) => (p.counts ? [p.counts] : []))),
        };
    }
  }
}

export interface RevealArgument {
  readonly tab: ExplorerTab;
  readonly names: readonly string[];
}

/** The command's argument from a hover link or a test: `{ tab, names }`. */
export function isRevealArgument(value: unknown): value is RevealArgument {
  const v = value as Partial<RevealArgument> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.tab === 'keys' || v.tab === 'secrets' || v.tab === 'findings') &&
    Array.isArray(v.names) &&
    v.names.length > 0 &&
    v.names.every((n) => typeof n === 'string' && n.length <= 2048)
  );
}

/** A Region's answer as the tab keeps it; `extraNotices` are the findings' services that failed alone. */
export function partOf<Row extends AnyRow>(
  result: ExplorerRegionResult<Row>,
  extraNotices: readonly string[] = [],
): RegionPart {
  return {
    rows: result.rows,
    state: {
      region: result.region,
      loading: false,
      ...(result.problem && { problem: result.problem.sentence }),
      notices: [...result.notices, ...extraNotices],
      truncated: result.truncated,
      fetchedAt: result.fetchedAt,
    },
  };
}

/** The Region's part when the server did not answer at all. */
export function failedPart(region: string, error: unknown): RegionPart {
  return {
    rows: [],
    state: {
      region,
      loading: false,
      problem: `The CloudWarden language server did not answer (${error instanceof Error ? error.message : String(error)}); the output has details.`,
      notices: [],
      truncated: false,
    },
  };
}

/** The line at the top of the page: who CloudWarden reads AWS as, and where; or what is wrong. */
export function connectionOf(status: AwsStatusRequest.Result | undefined): ExplorerConnection {
  if (!status)
    return {
      state: 'problem',
      sentence: 'The CloudWarden language server did not answer; the output has details.',
      regions: [],
    };
  switch (status.state) {
    case 'off':
      return {
        state: 'off',
        sentence: `AWS is not configured (${status.reason}): run "CloudWarden: Select AWS profile" to read keys, secrets and findings.`,
        regions: [],
      };
    case 'problem':
      return { state: 'problem', sentence: status.problem.sentence, regions: status.regions };
    case 'connected':
      return {
        state: 'connected',
        sentence: `Account ${status.account}${status.profile !== undefined ? ` (profile ${status.profile})` : ''} as ${status.arn}`,
        regions: status.regions,
      };
  }
}

function sumCounts(counts: readonly SeverityCounts[]): SeverityCounts {
  const total: Record<keyof SeverityCounts, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const c of counts) for (const label of Object.keys(total) as (keyof SeverityCounts)[]) total[label] += c[label];
  return total;
}
