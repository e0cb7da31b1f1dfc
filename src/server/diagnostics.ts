import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isIgnored, lintConfigFor } from '../core/config/resolve';
import { parseProjectFile } from '../core/config/projectFile';
import type { SuppressedFinding } from '../core/config/types';
import { lintText } from '../core/lint';
import type { PolicySource } from '../core/policy/model';
import { ruleById } from '../core/rules/registry';
import type { Finding, Severity } from '../core/rules/types';
import type { CatalogService } from './catalogService';
import { fsPathOf, isProjectFileUri, type ProjectConfigService } from './projectConfig';
import type { ServerSettings } from './settings';
import { suppressActions, type EditCapabilities } from './suppressActions';
import { syntaxOf } from './syntax';

interface LintedVersion {
  readonly version: number;
  readonly findings: readonly Finding[];
  /** One per finding, in the same order, then the Hints of suppressed findings. */
  readonly diagnostics: readonly Diagnostic[];
  readonly shape: PolicySource['shape'];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * Lints documents as they change (debounced per document; a newer version supersedes a pending one),
 * publishes diagnostics, and answers code actions from the findings of the current version.
 */
export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, LintedVersion>();

  constructor(
    private readonly connection: Connection,
    private readonly catalog: CatalogService,
    private readonly settings: () => ServerSettings,
    /** Where docs/rules/<id>.md are (beside dist/ in the extension). */
    private readonly rulesDocsDir: string,
    private readonly projects: ProjectConfigService,
    private readonly editCapabilities: () => EditCapabilities,
    /** The text of an open document (a project file being edited). */
    private readonly openText: (uri: string) => string | undefined,
  ) {}

  schedule(document: TextDocument): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.lintNow(document);
      }, this.settings().lint.debounceMs),
    );
  }

  /** Lints now and publishes; returns the diagnostics (tests and the first open use it directly). */
  lintNow(document: TextDocument): readonly Diagnostic[] {
    const diagnostics = this.compute(document);
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [...diagnostics] });
    return diagnostics;
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.linted.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  codeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
    // Ctrl+. right after typing can come before the debounced lint: lint this version now.
    if (this.linted.get(document.uri)?.version !== document.version) {
      clearTimeout(this.timers.get(document.uri));
      this.timers.delete(document.uri);
      this.lintNow(document);
    }
    const linted = this.linted.get(document.uri);
    if (!linted) return [];
    const actions: CodeAction[] = [];
    linted.findings.forEach((finding, i) => {
      const diagnostic = linted.diagnostics[i]!;
      if (!overlaps(diagnostic.range, params.range)) return;
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred ?? false,
          edit: {
            changes: {
              [document.uri]: fix.edits.map((e) => ({
                range: { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) },
                newText: e.newText,
              })),
            },
          },
        });
      }
      actions.push(...suppressActions(finding, diagnostic, { document, shape: linted.shape, projects: this.projects, capabilities: this.editCapabilities(), openText: this.openText }));
    });
    return actions;
  }

  private compute(document: TextDocument): readonly Diagnostic[] {
    const settings = this.settings();
    const syntax = syntaxOf(document.languageId);
    const catalog = this.catalog.get();
    if (!settings.lint.enable) return this.remember(document, [], []);
    if (isProjectFileUri(document.uri)) return this.remember(document, [], this.projectFileDiagnostics(document));
    if (!syntax || !catalog) return this.remember(document, [], []);
    const text = document.getText();
    if (text.length > settings.lint.maxFileSize) {
      return this.remember(document, [], [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: 'CloudWarden',
          message: `CloudWarden skipped this file: ${text.length.toLocaleString('en')} characters is over cloudwarden.lint.maxFileSize (${settings.lint.maxFileSize.toLocaleString('en')}).`,
        },
      ]);
    }
    const project = this.projects.projectFor(document.uri);
    const file = fsPathOf(document.uri) ?? '';
    // The project file's `ignore` holds in the editor as in the CLI: an ignored file shows nothing.
    if (isIgnored(project, file)) return this.remember(document, [], []);
    const result = lintText(text, syntax, catalog, lintConfigFor(project, file, settings.rules));
    for (const error of result.internalErrors) this.connection.console.error(error);
    const diagnostics = [
      ...result.findings.map((f) => this.toDiagnostic(document, f)),
      ...result.suppressed.map((s) => this.suppressedDiagnostic(document, s)),
    ];
    return this.remember(document, result.findings, diagnostics, result.source.shape);
  }

  private remember(document: TextDocument, findings: readonly Finding[], diagnostics: readonly Diagnostic[], shape: PolicySource['shape'] = 'none'): readonly Diagnostic[] {
    // Only diagnostics that came from findings can have fixes; the "skipped" notice has none.
    this.linted.set(document.uri, { version: document.version, findings, diagnostics: findings.length ? diagnostics : [], shape });
    return diagnostics;
  }

  /** The problems of `.cloudwarden.yaml` itself, from the text being edited (the rest of the server reads the saved file). */
  private projectFileDiagnostics(document: TextDocument): Diagnostic[] {
    return parseProjectFile(document.getText()).problems.map((p) => ({
      range: { start: document.positionAt(p.span.start), end: document.positionAt(p.span.end) },
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
    const where = s.kind === 'comment' ? 'by a comment' : s.kind === 'metadata' ? "in the resource's Metadata" : `in ${s.origin ?? 'the project file'}`;
    return {
      ...this.toDiagnostic(document, s.finding),
      severity: DiagnosticSeverity.Hint,
      message: `${s.finding.message}\n(Suppressed ${where}: ${s.reason ?? 'no reason given'}.)`,
    };
  }

  private toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
    return {
      range: { start: document.positionAt(finding.span.start), end: document.positionAt(finding.span.end) },
      severity: SEVERITY[finding.severity],
      source: 'CloudWarden',
      code: finding.ruleId,
      // Only rules have pages; syntax errors and the suppression findings do not.
      ...(ruleById(finding.ruleId) ? { codeDescription: { href: pathToFileURL(path.join(this.rulesDocsDir, `${finding.ruleId}.md`)).toString() } } : {}),
      message: finding.message,
    };
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
