/**
 * One line per Region of a tab, as the status area shows it: loading, why it failed, its notices, and
 * when it was read (with "first results only" when the listing stopped at its limit). Pure.
 */
import type { RegionState } from '../../shared/explorerMessages';
import { ago } from './format';

export interface RegionLine {
  readonly kind: 'loading' | 'problem' | 'notice' | 'ok';
  readonly text: string;
}

export function regionLines(regions: readonly RegionState[], now: number): RegionLine[] {
  return regions.flatMap((r): RegionLine[] => {
    const head: RegionLine = r.loading
      ? { kind: 'loading', text: `${r.region}: loading…` }
      : r.problem !== undefined
        ? { kind: 'problem', text: `${r.region}: ${r.problem}` }
        : {
            kind: 'ok',
            text: `${r.region}: ${r.fetchedAt === undefined ? 'read' : `read ${ago(r.fetchedAt, now)}`}${
              r.truncated ? ' (the first results only: the listing stopped at its limit)' : ''
            }`,
          };
    return [head, ...r.notices.map((n): RegionLine => ({ kind: 'notice', text: `${r.region}: ${n}` }))];
  });
}
