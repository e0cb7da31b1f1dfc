import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type Finding,
  type FindingGroup,
  describeInternalError,
  describeOther,
  describeSuppressed,
  groupFindings,
  lintFailedReason,
  onSaveOnlyNotice,
  type InternalError,
  isIgnored,
  lintConfigFor,
  type NotAnalysed,
  parseProjectFile,
  type PolicySource,
  ruleById,
  type Severity,
  type Span,
  stringsOf,
  type SuppressedFinding,
  policyFormatOfLanguage,
  type UnusedFinding,
} from '../core';
import { DocumentStatusNotification } from '../shared/protocol';
import type { CatalogService } from './catalogService';
import { LintCancelled, type LintRunner } from './lintRunner';
import { fsPathOf, isProjectFileUri, type ProjectConfigService } from './projectConfig';
import type { SettingsService } from './settings';
import type { PolicySources } from './sources';
import { suppressActions, type EditCapabilities } from './suppressActions';
import { codeActionOf, rangeOf } from './convert';
import type { UnusedService } from './unusedService';

interface LintedVersion {
  readonly version: number;
  /** The findings, one group per element they are on. */
  readonly groups: readonly FindingGroup[];
  /** One per group, in the same order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly shape: PolicySource['shape'];
  /** The strings that hold policies: a suppression comment goes above the line a string starts on. */
  readonly strings: readonly Span[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticsOptions {
  readonly connection: Connection;
  readonly catalog: CatalogService;
  readonly sources: PolicySources;
  readonly runner: LintRunner;
  readonly settings: SettingsService;
  /** Where docs/rules/<id>.md are (beside dist/ in the extension). */
  readonly rulesDocsDir: string;
  readonly projects: ProjectConfigService;
  readonly editCapabilities: () => EditCapabilities;
  /** The text of an open document (a project file being edited). */
  readonly openText: (uri: string) => string | undefined;
  /** Whether this document object is still the open one (a closed document gets nothing published). */
  readonly isOpen: (document: TextDocument) => boolean;
  /** Unused permissions, added to the findings of files whose policies have a known principal. */
  readonly unused?: UnusedService;
}

/** What a lint of one version produced, before it is turned into positions (which needs that version). */
interface Computed {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notices: readonly Diagnostic[];
  readonly notAnalysed: readonly NotAnalysed[];
  readonly internalErrors: readonly InternalError[];
  readonly shape: PolicySource['shape'];
  /** The policies read, when the text was linted. */
  readonly source?: PolicySource;
  /** Set when the document is over the size limit: linted when opened and saved only. */
  readonly onSaveOnly?: { characters: number; limit: number };
}

const NOTHING: Computed = {
  findings: [],
  suppressed: [],
  notices: [],
  notAnalysed: [],
  internalErrors: [],
  shape: 'none',
};

/** Why a lint is asked for: a large document is linted when opened and saved, not on each edit. */
export type LintTrigger = 'edit' | 'save' | 'settings';

/**
 * Lints documents as they change (debounced per document; a newer version supersedes a pending one, and
 * a running lint of a large file is cancelled), publishes diagnostics, and answers code actions from the
 * findings of the current version. Documents are updated in place by the text document manager, so a
 * lint takes its version and text at the start and publishes only if the document is still at that
 * version when it ends.
 */
export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, LintedVersion>();
  private readonly inFlight = new Map<string, { version: number; done: Promise<void> }>();

  constructor(private readonly o: DiagnosticsOptions) {}

  schedule(document: TextDocument, trigger: LintTrigger = 'edit'): void {
    // Over the size limit, an edit does not re-lint (a lint of 5 MB takes seconds, even off this thread):
    // the findings of the last save stay, and the notice says when they are refreshed. The first
    // reading (the document just opened) is linted.
    if (trigger === 'edit' && this.onSaveOnly(document)) return;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        // Forced: a schedule means the text or the configuration changed, even at the same version.
        void this.lintNow(document, true);
      }, this.o.settings.lastKnown(document.uri).lint.debounceMs),
    );
  }

  /**
   * Lints the document's current version (once, however often asked, unless `force`d) and publishes its
   * diagnostics. Resolves when they are published, or when a newer lint made them moot.
   */
  lintNow(document: TextDocument, force = false): Promise<void> {
    const uri = document.uri;
    const version = document.version;
    if (!this.o.isOpen(document)) return Promise.resolve();
    const running = this.inFlight.get(uri);
    if (!force && running?.version === version) return running.done;
    if (!force && this.linted.get(uri)?.version === version) return Promise.resolve();
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const done = this.compute(document)
      .then((computed) => {
        // Only the latest lint of a document still open at this version publishes.
        if (
          !computed ||
          document.version !== version ||
          this.inFlight.get(uri)?.done !== done ||
          !this.o.isOpen(document)
        )
          return;
        if (computed.source) this.o.sources.put(uri, version, computed.source);
        const groups = groupFindings(computed.findings);
        const findingDiagnostics = groups.map((g) => this.groupDiagnostic(document, g));
        const diagnostics = [
          ...computed.notices,
          ...computed.notAnalysed.map((n) => notAnalysedDiagnostic(document, n)),
          ...findingDiagnostics,
          ...computed.suppressed.map((s) => this.suppressedDiagnostic(document, s)),
        ];
        this.linted.set(uri, {
          version,
          groups,
          diagnostics: findingDiagnostics,
          shape: computed.shape,
          strings: computed.source ? stringsOf(computed.source) : [],
        });
        void this.o.connection.sendDiagnostics({ uri, version, diagnostics });
        this.o.unused?.published(uri);
        void this.o.connection.sendNotification(DocumentStatusNotification.type, {
          uri,
          notAnalysed: computed.notAnalysed.map((n) => ({
            reason: n.reason,
            ...(n.span && { line: document.positionAt(n.span.start).line }),
          })),
          internalErrors: computed.internalErrors.map(describeInternalError),
          ...(computed.onSaveOnly && { onSaveOnly: computed.onSaveOnly }),
        } satisfies DocumentStatusNotification.Params);
      })
      .catch((error: unknown) => {
        if (error instanceof LintCancelled) return;
        const reason = error instanceof Error ? error.message : String(error);
        this.o.connection.console.error(`Linting ${uri} failed: ${reason}`);
        // Never silent: a lint that failed (the worker ran out of memory, say) is said in the file.
        if (document.version !== version || this.inFlight.get(uri)?.done !== done || !this.o.isOpen(document)) return;
        const notAnalysed = { reason: lintFailedReason(reason) };
        void this.o.connection.sendDiagnostics({
          uri,
          version,
          diagnostics: [notAnalysedDiagnostic(document, notAnalysed)],
        });
        void this.o.connection.sendNotification(DocumentStatusNotification.type, {
          uri,
          notAnalysed: [{ reason: notAnalysed.reason }],
          internalErrors: [],
        });
      })
      .finally(() => {
        if (this.inFlight.get(uri)?.done === done) this.inFlight.delete(uri);
      });
    this.inFlight.set(uri, { version, done });
    return done;
  }

  /** The log index changed (an indexing run ended): open files with unused permissions are judged again. */
  unusedChanged(documents: readonly TextDocument[]): void {
    if (this.o.unused?.invalidate()) documents.forEach((d) => this.schedule(d, 'settings'));
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.linted.delete(uri);
    this.inFlight.delete(uri);
    this.o.unused?.forget(uri);
    // A large file's lint still running in the worker is of no use now.
    this.o.runner.cancel(uri);
    void this.o.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.o.connection.sendNotification(DocumentStatusNotification.type, {
      uri,
      notAnalysed: [],
      internalErrors: [],
    });
  }

  /**
   * Waits for the policies of the document's current version to be read when that is a worker's job (a
   * large file), so that hover and completion do not parse a second time on the server's thread.
   */
  async ready(document: TextDocument): Promise<void> {
    if (this.o.sources.has(document) || document.getText().length < this.o.runner.workerThreshold) return;
    // Over the size limit an edited version waits for its save: hover and completion answer nothing until then.
    if (this.onSaveOnly(document)) return;
    await this.lintNow(document);
  }

  /**
   * True when the document is over the size limit and already linted or being linted: an edit, a hover or
   * a quick-fix request does not lint it again; opening and saving do.
   */
  private onSaveOnly(document: TextDocument): boolean {
    const uri = document.uri;
    return (
      (this.linted.has(uri) || this.inFlight.has(uri)) &&
      document.getText().length > this.o.settings.lastKnown(uri).lint.maxFileSize
    );
  }

  async codeActions(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    // Ctrl+. right after typing can come before the debounced lint: lint this version now (not a file over
    // the size limit: its quick fixes come back with its next save).
    if (this.linted.get(document.uri)?.version !== document.version && !this.onSaveOnly(document))
      await this.lintNow(document);
    const linted = this.linted.get(document.uri);
    if (!linted || linted.version !== document.version) return [];
    const actions: CodeAction[] = [];
    linted.groups.forEach((group, i) => {
      const diagnostic = linted.diagnostics[i]!;
      if (!overlaps(diagnostic.range, params.range)) return;
      // Every finding of the element keeps its fixes and its own suppressions, on the one diagnostic.
      for (const finding of group.all) actions.push(...this.findingActions(document, finding, diagnostic, linted));
    });
    return actions;
  }

  /** A finding's fixes, then its suppressions, attached to the diagnostic that shows it. */
  private findingActions(
    document: TextDocument,
    finding: Finding,
    diagnostic: Diagnostic,
    { shape, strings }: LintedVersion,
  ): CodeAction[] {
    const fixes = finding.fixes.map((fix) => codeActionOf(document, fix, CodeActionKind.QuickFix, diagnostic));
    // An unused permission is a fact of the evidence, not a rule a comment could silence: its fixes only.
    if (isUnused(finding)) return fixes;
    const context = {
      document,
      shape,
      strings,
      projects: this.o.projects,
      capabilities: this.o.editCapabilities(),
      openText: this.o.openText,
    };
    return [...fixes, ...suppressActions(finding, diagnostic, context)];
  }

  /** The findings of the document as it is now; undefined when the lint was cancelled by a newer version. */
  private async compute(document: TextDocument): Promise<Computed | undefined> {
    const settings = await this.o.settings.forResource(document.uri);
    const syntax = policyFormatOfLanguage(document.languageId);
    const catalog = this.o.catalog.get();
    if (!settings.lint.enable) return NOTHING;
    if (isProjectFileUri(document.uri)) return { ...NOTHING, notices: this.projectFileDiagnostics(document) };
    if (!syntax || !catalog) return NOTHING;
    const text = document.getText();
    const version = document.version;
    const large = text.length > settings.lint.maxFileSize;
    const project = this.o.projects.projectFor(document.uri);
    const file = fsPathOf(document.uri) ?? '';
    // The project file's `ignore` holds in the editor as in the CLI: an ignored file shows nothing.
    if (isIgnored(project, file)) return NOTHING;
    // TypeScript and Terraform: the parser loads when the first such document is linted, not before.
    await this.o.sources.prepare(document);
    // Closed or changed while the parser loaded: reading it now would keep a tree for nothing.
    if (document.version !== version || !this.o.isOpen(document)) return undefined;
    const result = await this.o.runner.lint(
      document.uri,
      text,
      syntax,
      lintConfigFor(project, file, settings.rules),
      catalog,
      () => this.o.sources.get(document)!,
      file ? path.dirname(file) : undefined,
    );
    for (const e of result.internalErrors) this.o.connection.console.error(describeInternalError(e));
    // The notice only where there is something to lint: a large package-lock.json holds no policy.
    const onSaveOnly =
      large && (result.source.shape !== 'none' || result.notAnalysed.length > 0)
        ? { characters: text.length, limit: settings.lint.maxFileSize }
        : undefined;
    const unused = this.o.unused
      ? await this.o.unused.forFile(document.uri, version, text, syntax, result.source, catalog, settings.unused)
      : undefined;
    // The reading is stored by lintNow, once it knows this lint is still the current one.
    return {
      findings: unused?.findings.length
        ? [...result.findings, ...unused.findings].sort((a, b) => a.span.start - b.span.start)
        : result.findings,
      suppressed: result.suppressed,
      notices: onSaveOnly ? [largeFileNotice(onSaveOnly)] : [],
      notAnalysed: result.notAnalysed,
      internalErrors: result.internalErrors,
      shape: result.source.shape,
      source: result.source,
      ...(onSaveOnly && { onSaveOnly }),
    };
  }

  /** The problems of `.cloudwarden.yaml` itself, from the text being edited (the rest of the server reads the saved file). */
  private projectFileDiagnostics(document: TextDocument): Diagnostic[] {
    return parseProjectFile(document.getText()).problems.map((p) => ({
      range: rangeOf(document, p.span),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'CloudWarden',
      message: p.message,
    }));
  }

  /**
   * A suppressed finding stays visible as a Hint (on hover and as faint dots, not in the Problems panel), with
   * its reason and where it is suppressed: nothing is hidden silently.
   */
  private suppressedDiagnostic(document: TextDocument, s: SuppressedFinding): Diagnostic {
    return {
      ...this.toDiagnostic(document, s.finding),
      severity: DiagnosticSeverity.Hint,
      message: describeSuppressed(s),
    };
  }

  /**
   * One diagnostic for the findings on one element: the most severe finding's severity, rule and message,
   * and each other finding as a line of related information (rule id, severity, message) at the same place.
   */
  private groupDiagnostic(document: TextDocument, group: FindingGroup): Diagnostic {
    const diagnostic = this.toDiagnostic(document, group.head);
    if (group.others.length === 0) return diagnostic;
    return {
      ...diagnostic,
      relatedInformation: group.others.map((f) => ({
        location: { uri: document.uri, range: diagnostic.range },
        message: describeOther(f),
      })),
    };
  }

  private toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
    return {
      range: rangeOf(document, finding.span),
      severity: SEVERITY[finding.severity],
      source: 'CloudWarden',
      code: finding.ruleId,
      // Only rules have pages; syntax errors and the suppression findings do not.
      ...(ruleById(finding.ruleId)
        ? {
            codeDescription: { href: pathToFileURL(path.join(this.o.rulesDocsDir, `${finding.ruleId}.md`)).toString() },
          }
        : {}),
      message: finding.message,
      // Unused actions and statements fade, as unused code does.
      ...(isUnused(finding) && finding.unnecessary && { tags: [DiagnosticTag.Unnecessary] }),
    };
  }
}

function isUnused(finding: Finding): finding is UnusedFinding {
  return 'unnecessary' in finding;
}

/** Where the linter could not look: an Information diagnostic at the element, or at the top for the whole file. */
function notAnalysedDiagnostic(document: TextDocument, n: NotAnalysed): Diagnostic {
  const range = n.span
    ? rangeOf(document, n.span)
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    range,
    severity: DiagnosticSeverity.Information,
    source: 'CloudWarden',
    code: 'not-analysed',
    message: n.reason,
  };
}

function largeFileNotice(o: { characters: number; limit: number }): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'CloudWarden',
    code: 'lint-on-save',
    message: onSaveOnlyNotice(o.characters, o.limit),
  };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
