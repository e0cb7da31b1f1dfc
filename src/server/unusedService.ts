/**
 * Unused permissions in the editor: the identity policies of a file against what their principal did, by
 * CloudTrail (whichever activity source the settings choose: trailUsage.ts) and AWS's own evidence (IAM
 * last-accessed data, Access Analyzer). Findings are computed on demand from cached answers, so a
 * keystroke costs a judgement of the file's policies, never an index query or an AWS call; a missing or
 * stale answer is fetched in the background and the open files are linted again when it comes.
 */
import * as path from 'node:path';
import { MarkupKind, type CodeLens, type Hover, type Position } from 'vscode-languageserver/node';
import {
  actsOnObjects,
  type AnalyzerEvidence,
  type Catalog,
  type DeniedAction,
  describeEvidence,
  describeUse,
  type Evidence,
  judgeDocument,
  type MissingEvidence,
  type PolicySource,
  principalOf,
  projectMappingRules,
  type JudgedAction,
  type SourceFormat,
  type UnusedFinding,
  Usage,
} from '../core';
import type { CloudWardenSettings } from '../shared/settings';
import type { ActivitySource } from './activitySource';
import type { AwsConnection } from './awsService';
import type { LogActivity } from './logActivity';
import type { PrincipalResolver } from './principalResolver';
import { fsPathOf, type ProjectConfigService } from './projectConfig';
import { TrailUsage } from './trailUsage';

const DAY_MS = 86_400_000;
/** AWS's evidence about a principal is asked again at most this often: a workspace costs a few calls an hour. */
const AWS_TTL_MS = 60 * 60_000;

/** What AWS says about a principal (IAM last-accessed data, Access Analyzer), or why a source could not say. */
export interface AwsEvidence {
  readonly evidence: readonly Evidence[];
  readonly missing: readonly MissingEvidence[];
}

interface AwsCached {
  readonly at: number;
  readonly value?: AwsEvidence;
  readonly pending?: Promise<void>;
}

/** What the editor shows of one policy: its principal, why, and how its grants were used. */
export interface PolicyUsage {
  readonly documentSpan: { start: number; end: number };
  readonly principal: string;
  readonly mappingEvidence: string;
  readonly evidence: string;
  readonly counts: { used: number; unused: number; unknown: number };
  /** Every granted action's verdict, at the value that grants it (for the hover). */
  readonly actions: readonly JudgedAction[];
  /** Actions the principal was refused that this policy does not grant. */
  readonly denied: readonly DeniedAction[];
  /** Access Analyzer found unused permissions of the principal: its recommendation can be asked. */
  readonly recommendable: boolean;
}

export interface UnusedFileAnswer {
  readonly findings: readonly UnusedFinding[];
  readonly policies: readonly PolicyUsage[];
}

function analyzerOf(evidence: readonly Evidence[]): AnalyzerEvidence | undefined {
  return evidence.find((e): e is AnalyzerEvidence => e.kind === 'accessAnalyzer');
}

const NONE: UnusedFileAnswer = { findings: [], policies: [] };

/** What a policy's CodeLens shows: a change of it alone asks VS Code for the lenses again. */
function lensOf(p: PolicyUsage): unknown {
  return [p.principal, p.mappingEvidence, p.evidence, p.counts, p.recommendable];
}

export class UnusedService {
  private readonly trail: TrailUsage;
  private readonly awsByPrincipal = new Map<string, AwsCached>();
  /** The last answer per open file and the version it is of, for the CodeLenses of that version. */
  private readonly byFile = new Map<string, { readonly version: number; readonly policies: readonly PolicyUsage[] }>();
  /** Files whose lenses changed since their diagnostics were last published. */
  private readonly lensesChanged = new Set<string>();

  constructor(
    private readonly o: {
      readonly logs: Pick<LogActivity, 'usage'>;
      readonly projects: ProjectConfigService;
      readonly source: () => Promise<ActivitySource>;
      /** The usage answer changed: the open files are linted again. */
      readonly onChange: () => void;
      /** The lenses of a file changed (VS Code asks for CodeLenses again only when told). */
      readonly onLenses?: () => void;
      readonly log: (message: string) => void;
      /**
       * IAM last-accessed data and Access Analyzer findings of a principal; undefined when AWS is not
       * configured (then only the log files, if any, are evidence).
       */
      readonly aws?: (principal: string) => Promise<AwsEvidence | undefined>;
      /** The principal of a policy beyond the explicit mapping (literal names, stacks, cdk.out). */
      readonly principals?: PrincipalResolver;
      /** The gateway and Regions of the settings, for Athena, Lake and LookupEvents; undefined: not configured. */
      readonly connection?: () => Promise<AwsConnection | undefined>;
      readonly now?: () => number;
    },
  ) {
    this.trail = new TrailUsage({
      logs: o.logs,
      ...(o.connection && { aws: o.connection }),
      onChange: o.onChange,
      log: o.log,
      ...(o.now && { now: o.now }),
    });
  }

  /** The settings changed (a profile, Regions, a table): AWS's evidence and CloudTrail's from AWS are asked again. */
  settingsChanged(): void {
    this.awsByPrincipal.clear();
    this.o.principals?.settingsChanged();
    this.trail.settingsChanged();
  }

  /**
   * An indexing run ended: the next judgement fetches a fresh answer (the stale one shows meanwhile).
   * True when there was an answer in use, so that the open files are judged again.
   */
  invalidate(): boolean {
    return this.trail.invalidate();
  }

  /**
   * The findings and per-policy usage of a file, from the cached answers (none until one arrives):
   * CloudTrail's from the activity source (the log index's answer, one Athena or Lake query for the
   * workspace's principals, an IAM user's LookupEvents scan), and AWS's evidence.
   */
  async forFile(
    uri: string,
    version: number,
    text: string,
    format: SourceFormat,
    source: PolicySource,
    catalog: Catalog,
    settings: CloudWardenSettings['unused'],
  ): Promise<UnusedFileAnswer> {
    const answer = await this.judge(uri, version, text, format, source, catalog, settings);
    if (answer === NONE) return this.none(uri);
    const { policies } = answer;
    const before = this.byFile.get(uri)?.policies;
    this.byFile.set(uri, { version, policies });
    if (policies.length > 0 && JSON.stringify(before?.map(lensOf)) !== JSON.stringify(policies.map(lensOf)))
      this.lensesChanged.add(uri);
    return answer;
  }

  /**
   * The findings and per-policy usage of a file's text, from the cached answers, kept nowhere: what
   * forFile shows of an open file and the workspace report reads of every file.
   */
  async judge(
    uri: string,
    /** The open document's version; -1 for a file read from disk (the report). */
    version: number,
    text: string,
    format: SourceFormat,
    source: PolicySource,
    catalog: Catalog,
    settings: CloudWardenSettings['unused'],
  ): Promise<UnusedFileAnswer> {
    if (!settings.enable) return NONE;
    const file = fsPathOf(uri);
    const project = this.o.projects.projectFor(uri);
    const rules = projectMappingRules(project);
    // Without a resolver only the project file's mapping names principals.
    if (file === undefined || (!this.o.principals && rules.length === 0)) return NONE;
    if (!source.documents.some((d) => d.kind === 'identity')) return NONE;
    const activity = await this.o.source();
    const now = this.now();
    const since = now - settings.days * DAY_MS;
    const relative = path
      .relative(project?.dir ?? path.dirname(file), file)
      .split(path.sep)
      .join('/');
    const context = { uri, version, file, text, source, project, relative, rules };
    const onObjects = actsOnObjects(catalog);
    const findings: UnusedFinding[] = [];
    const policies: PolicyUsage[] = [];
    // One Usage per principal: the policies of one role share their verdicts (s3:* is judged once).
    const usages = new Map<string, Usage>();
    for (const document of source.documents) {
      if (document.kind !== 'identity') continue;
      const mapping = this.o.principals
        ? this.o.principals.resolve(document, context)
        : principalOf(document, relative, rules);
      if (mapping === undefined) continue;
      const usage =
        usages.get(mapping.principal) ?? this.usageOf(mapping.principal, activity, { since, now, settings, onObjects });
      if (usage === undefined) continue;
      usages.set(mapping.principal, usage);
      const judged = judgeDocument(document, { text, format, catalog, usage, horizonDays: settings.days, now });
      findings.push(...judged.findings);
      const counts = { used: 0, unused: 0, unknown: 0 };
      for (const a of judged.actions) counts[a.verdict.status]++;
      policies.push({
        documentSpan: document.statementKey?.span ?? document.span,
        principal: mapping.principal,
        mappingEvidence: mapping.evidence,
        evidence: describeEvidence(usage.principal, now),
        counts,
        actions: judged.actions,
        denied: judged.denied,
        recommendable:
          analyzerOf(usage.principal.evidence)?.findings.some((f) => f.type === 'UnusedPermission') === true,
      });
    }
    return { findings, policies };
  }

  /** Access Analyzer's evidence of the principal, as last fetched (undefined: none yet, or AWS not configured). */
  analyzerEvidence(principal: string): AnalyzerEvidence | undefined {
    return analyzerOf(this.awsByPrincipal.get(principal)?.value?.evidence ?? []);
  }

  /**
   * Waits for the answers being fetched (the principals' account and stacks, the CloudTrail answers,
   * AWS's evidence per principal): the report judges every file, waits here, and judges again.
   */
  async settle(): Promise<void> {
    const pending = [...this.awsByPrincipal.values()].map((c) => c.pending);
    await Promise.all([
      this.o.principals?.settled(),
      this.trail.settled(),
      ...pending.map((p) => p?.catch(() => undefined)),
    ]);
  }

  /**
   * A CodeLens above each judged policy: its principal, how its grants were used, what that rests on,
   * and where the principal comes from.
   */
  lenses(uri: string, version: number, positionAt: (offset: number) => Position): CodeLens[] {
    const last = this.byFile.get(uri);
    if (last === undefined || last.version !== version) return [];
    return last.policies.flatMap((p) => {
      const start = positionAt(p.documentSpan.start);
      const range = { start, end: start };
      const { used, unused, unknown } = p.counts;
      const name = p.principal.slice(p.principal.lastIndexOf(':') + 1);
      const usage: CodeLens = {
        range,
        command: {
          title: `${name}: ${used} used, ${unused} unused, ${unknown} unknown, ${p.evidence} (principal from ${p.mappingEvidence})`,
          command: '',
        },
      };
      if (!p.recommendable) return [usage];
      const recommendation: CodeLens = {
        range,
        command: {
          title: "IAM Access Analyzer's recommendation",
          command: 'cloudwarden.showAnalyzerRecommendation',
          arguments: [{ principal: p.principal }],
        },
      };
      return [usage, recommendation];
    });
  }

  /** The use of the granted action (or wildcard) at `offset`: its verdicts, the principal and the evidence. */
  hover(
    uri: string,
    version: number,
    offset: number,
    rangeOf: (span: { start: number; end: number }) => Hover['range'],
  ): Hover | null {
    const last = this.byFile.get(uri);
    if (last === undefined || last.version !== version) return null;
    for (const policy of last.policies) {
      const here = policy.actions.filter((a) => a.span.start <= offset && offset <= a.span.end);
      if (here.length === 0) continue;
      const span = here[0]!.span;
      const name = policy.principal.slice(policy.principal.lastIndexOf(':') + 1);
      const value = [
        `**Use by ${name}**`,
        describeUse(
          here.length === 1 ? here[0]!.verdict.action : 'This value',
          here.map((a) => a.verdict),
        ),
        `${policy.evidence[0]!.toUpperCase()}${policy.evidence.slice(1)}. Principal from ${policy.mappingEvidence}.`,
      ].join('\n\n');
      return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(span) };
    }
    return null;
  }

  private none(uri: string): UnusedFileAnswer {
    this.byFile.delete(uri);
    return NONE;
  }

  /**
   * The file's diagnostics are published: if its lenses changed, VS Code is told to ask for them again
   * (after the diagnostics, so that the lenses and the findings it shows are of the same answer).
   */
  published(uri: string): void {
    if (this.lensesChanged.delete(uri)) this.o.onLenses?.();
  }

  forget(uri: string): void {
    this.o.principals?.forget(uri);
    this.lensesChanged.delete(uri);
    this.byFile.delete(uri);
  }

  /** Everything known of the principal's use, or undefined when there is no evidence at all yet. */
  private usageOf(
    principal: string,
    activity: ActivitySource,
    o: { since: number; now: number; settings: CloudWardenSettings['unused']; onObjects: (action: string) => boolean },
  ): Usage | undefined {
    const trail = this.trail.evidence(activity, principal, { since: o.since, until: o.now });
    const fromAws = this.awsEvidence(principal, o.now);
    if (trail === undefined && fromAws === undefined) return undefined;
    const evidence: Evidence[] = [...(trail?.evidence ? [trail.evidence] : []), ...(fromAws?.evidence ?? [])];
    const missing: MissingEvidence[] = [...(trail?.missing ? [trail.missing] : []), ...(fromAws?.missing ?? [])];
    return new Usage(
      { principal, evidence, missing },
      { now: o.now, horizonDays: o.settings.days, onObjects: o.onObjects },
    );
  }

  /**
   * AWS's evidence about the principal, from the cache (asked at most once an hour per principal); a
   * missing or old one is fetched in the background, then onChange. Undefined until the first answer.
   */
  private awsEvidence(principal: string, now: number): AwsEvidence | undefined {
    const ask = this.o.aws;
    if (ask === undefined) return undefined;
    const cached = this.awsByPrincipal.get(principal);
    if (cached !== undefined && (cached.pending !== undefined || now - cached.at < AWS_TTL_MS)) return cached.value;
    const pending = ask(principal)
      .then((value) => {
        this.awsByPrincipal.set(principal, { at: this.now(), ...(value && { value }) });
        if (value !== undefined) {
          const said = value.missing.map((m) => `${m.label}: ${m.reason}`);
          this.o.log(
            `Unused permissions: AWS evidence of ${principal}: ${value.evidence.map((e) => e.label).join(', ') || 'none'}${said.length > 0 ? `; ${said.join('; ')}` : ''}`,
          );
          this.o.onChange();
        }
      })
      .catch((error: unknown) => {
        this.awsByPrincipal.set(principal, { at: this.now() });
        this.o.log(`Unused permissions: AWS evidence of ${principal} failed: ${String(error)}`);
      });
    this.awsByPrincipal.set(principal, { at: now, pending, ...(cached?.value && { value: cached.value }) });
    return cached?.value;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}
