/**
 * One answer per action from every piece of evidence about a principal: used (when, and which source saw
 * it), unused (for how long, by which sources that could have seen it), or unknown (no source can see it:
 * why). Unknown is never reported as unused.
 */
import type {
  AnalyzerEvidence,
  CloudTrailEvidence,
  Evidence,
  LastAccessedEvidence,
  PrincipalEvidence,
} from './evidence';
import { cloudTrailBlindSpot } from './visibility';

type UsageStatus = 'used' | 'unused' | 'unknown';

export interface ActionVerdict {
  readonly action: string;
  readonly status: UsageStatus;
  /** The latest use any source knows, epoch ms (for `unused`, a use before the horizon). */
  readonly lastUsed?: number;
  /** The sources behind the status: those that saw it used, or those that could have and did not. */
  readonly sources: readonly string[];
  /** For `unused`: the days the seeing sources cover, up to the horizon (fractional: logs of a few hours). */
  readonly days?: number;
  /** For `unused`: when the longest-seeing source's coverage ends, epoch ms (now, for a live source). */
  readonly until?: number;
  /** For `unknown`: why no source can see it. */
  readonly reason?: string;
}

export interface UsageOptions {
  /** Now, epoch ms. */
  readonly now: number;
  /** A use older than this many days counts as none (the question is "used in the last N days?"). */
  readonly horizonDays: number;
  /** Whether an action acts on S3 objects (the catalog knows): such actions are data events. */
  readonly onObjects: (action: string) => boolean;
}

const DAY_MS = 86_400_000;

/** A use a source reports: when, and which source. */
interface Use {
  readonly last: number;
  readonly source: string;
}

/** The verdicts of one principal's evidence, asked action by action (each is computed once). */
export class Usage {
  private readonly verdicts = new Map<string, ActionVerdict>();
  private readonly horizon: number;
  private readonly used = new Map<string, Use[]>();

  constructor(
    readonly principal: PrincipalEvidence,
    private readonly options: UsageOptions,
  ) {
    this.horizon = options.now - options.horizonDays * DAY_MS;
    for (const evidence of principal.evidence) for (const [action, use] of usesOf(evidence)) this.remember(action, use);
  }

  /** True when at least one source answered. */
  get hasEvidence(): boolean {
    return this.principal.evidence.length > 0;
  }

  verdict(action: string): ActionVerdict {
    // Asked as written first (the catalog's names, thousands of times a judgement), then case-insensitively.
    let verdict = this.verdicts.get(action);
    if (verdict !== undefined) return verdict;
    const key = action.toLowerCase();
    verdict = this.verdicts.get(key);
    if (verdict === undefined) this.verdicts.set(key, (verdict = this.judge(action, key)));
    this.verdicts.set(action, verdict);
    return verdict;
  }

  private remember(action: string, use: Use): void {
    const key = action.toLowerCase();
    const uses = this.used.get(key);
    if (uses === undefined) this.used.set(key, [use]);
    else uses.push(use);
  }

  private judge(action: string, key: string): ActionVerdict {
    const uses = this.used.get(key) ?? [];
    const lastUsed = uses.length === 0 ? undefined : Math.max(...uses.map((u) => u.last));
    const recent = uses.filter((u) => u.last >= this.horizon);
    if (recent.length > 0) return { action, status: 'used', lastUsed, sources: distinct(recent.map((u) => u.source)) };
    const seen: { source: string; days: number; until: number }[] = [];
    const blind: string[] = [];
    for (const evidence of this.principal.evidence) {
      const sight = this.sightOf(evidence, action);
      if (typeof sight === 'number') seen.push({ source: evidence.label, days: sight, until: evidence.window.until });
      else if (sight !== undefined) blind.push(sight);
    }
    const base = lastUsed === undefined ? {} : { lastUsed };
    if (seen.length > 0) {
      const longest = seen.reduce((a, b) => (b.days > a.days ? b : a));
      return {
        action,
        status: 'unused',
        ...base,
        sources: distinct(seen.map((s) => s.source)),
        days: longest.days,
        until: longest.until,
      };
    }
    const reason =
      blind[0] ??
      (this.hasEvidence ? `no evidence covers ${action}` : `there is no evidence of this principal's activity`);
    return { action, status: 'unknown', ...base, sources: [], reason };
  }

  /**
   * How many days (up to the horizon) the evidence could have seen the action used in and did not; or
   * why it cannot see it (a sentence); or undefined when it says nothing about it either way.
   */
  private sightOf(evidence: Evidence, action: string): number | string | undefined {
    const days = (since: number, until: number): number =>
      Math.max(0, (until - Math.max(since, this.horizon)) / DAY_MS);
    switch (evidence.kind) {
      case 'cloudtrail':
        return (
          cloudTrailSight(evidence, action, this.options.onObjects(action)) ??
          days(evidence.window.since, evidence.window.until)
        );
      case 'lastAccessed':
        return lastAccessedSight(evidence, action) ? days(evidence.window.since, evidence.window.until) : undefined;
      case 'accessAnalyzer':
        return analyzerSees(evidence, action)
          ? Math.min(evidence.unusedAccessAgeDays, this.options.horizonDays)
          : undefined;
    }
  }
}

function cloudTrailSight(evidence: CloudTrailEvidence, action: string, onObjects: boolean): string | undefined {
  return cloudTrailBlindSpot(evidence, action, onObjects);
}

/**
 * IAM last-accessed data sees an action when it tracks the action (action level) or when the whole
 * service went unused in its tracking period; a service used at service level says nothing of one action.
 */
function lastAccessedSight(evidence: LastAccessedEvidence, action: string): boolean {
  const service = evidence.services.find((s) => s.service === prefixOf(action));
  if (service === undefined) return false;
  if (service.last === undefined) return true;
  return service.actions?.some((a) => sameAction(a.action, action)) ?? false;
}

/** Access Analyzer sees an action its findings name unused: the action, its whole service, or the whole role. */
function analyzerSees(evidence: AnalyzerEvidence, action: string): boolean {
  return evidence.findings.some(
    (f) =>
      f.type === 'UnusedIAMRole' ||
      (f.type === 'UnusedPermission' &&
        f.service === prefixOf(action) &&
        (f.actions.length === 0 || f.actions.some((a) => sameAction(a.action, action)))),
  );
}

/** The uses a piece of evidence reports, by action. */
function* usesOf(evidence: Evidence): Generator<[string, Use]> {
  const source = evidence.label;
  switch (evidence.kind) {
    case 'cloudtrail':
      for (const u of evidence.used) yield [u.action, { last: u.last, source }];
      return;
    case 'lastAccessed':
      for (const s of evidence.services)
        for (const a of s.actions ?? []) if (a.last !== undefined) yield [a.action, { last: a.last, source }];
      return;
    case 'accessAnalyzer':
      for (const f of evidence.findings)
        if (f.type === 'UnusedPermission')
          for (const a of f.actions)
            if (a.lastAccessed !== undefined) yield [a.action, { last: a.lastAccessed, source }];
      return;
  }
}

function prefixOf(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}

function sameAction(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
