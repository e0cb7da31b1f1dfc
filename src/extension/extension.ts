import * as vscode from 'vscode';
import { ActionDocumentProvider } from './actionDocuments';
import type { AwsStatusView } from './awsPicks';
import { AwsStatus } from './awsStatus';
import { registerCommands } from './commands';
import { isRelevantDocument } from './languages';
import { ServerHandle } from './serverHandle';
import { CatalogStatus } from './catalogStatus';
import { LintStatus, type LintStatusView } from './lintStatus';
import { LogIndexProgress } from './logIndexProgress';
import { TimelinePanels, type TimelineView } from './timelinePanel';
import { UnusedReportPanel } from './unusedReport';
import { SecurityExplorer, type ExplorerSnapshot } from './explorerView';
import { InvestigationPanels, timelineOfPivot, type InvestigationView } from './investigationPanel';
import type { ExplorerTab, PolicyState, RowAction } from '../shared/explorerMessages';
import type { ExplorerCodeRequest } from '../shared/protocol';
import type { ExportFormat } from '../shared/timelineMessages';

let server: ServerHandle | undefined;

/** Set by the bundle's first and last statements (esbuild.mjs); undefined when not bundled. */
declare const __cloudwardenBundleStart: number | undefined;
declare const __cloudwardenBundleEnd: number | undefined;

/**
 * Activation is cheap on purpose: it registers commands and listeners only. The language server
 * (and the language client library) load when a relevant file is open or a command needs them.
 */
export function activate(context: vscode.ExtensionContext): CloudWardenApi {
  const activateStart = performance.now();
  const output = vscode.window.createOutputChannel('CloudWarden');
  context.subscriptions.push(output);
  server = new ServerHandle(context, output);
  const status = new CatalogStatus(server);
  const lintStatus = new LintStatus(server);
  const awsStatus = new AwsStatus(server, output);
  // Registers the panels' serializer only: the page's script loads when a panel opens.
  const timelines = new TimelinePanels(context, server, output);
  const logIndex = new LogIndexProgress(server, output);
  const unusedReport = new UnusedReportPanel(server);
  // Registers the view's provider only: its page loads when the view is first shown.
  const explorer = new SecurityExplorer(context, server, awsStatus, output);
  // Registers the reports' serializer only; a pivot's timeline opens through the timeline command.
  const investigations = new InvestigationPanels(context, server, output, (kind, value, since) =>
    timelines.show(timelineOfPivot(kind, value, since)),
  );
  context.subscriptions.push(
    server,
    status,
    lintStatus,
    awsStatus,
    timelines,
    logIndex,
    unusedReport,
    explorer,
    investigations,
  );
  // The AWS item asks when the server starts, never starts it: with nothing configured the server
  // answers `off` without calling AWS, and the item stays hidden.
  server.onDidStart(
    () => {
      void status.refresh();
      void awsStatus.refresh();
    },
    null,
    context.subscriptions,
  );

  const docs = new ActionDocumentProvider();
  context.subscriptions.push(
    docs,
    vscode.workspace.registerTextDocumentContentProvider(ActionDocumentProvider.scheme, docs),
  );

  registerCommands(context, {
    server,
    output,
    docs,
    lintStatus,
    awsStatus,
    timelines,
    unusedReport,
    explorer,
    investigations,
  });

  const startIfRelevant = (document: vscode.TextDocument) => {
    if (isRelevantDocument(document)) void server?.start().catch(() => undefined);
  };
  vscode.workspace.textDocuments.forEach(startIfRelevant);
  vscode.workspace.onDidOpenTextDocument(startIfRelevant, null, context.subscriptions);

  return {
    server,
    activationMs: activationCost(activateStart),
    lintStatus: () => lintStatus.current,
    hasLinted: (uri) => lintStatus.hasLinted(uri),
    awsStatus: () => awsStatus.shown,
    refreshAwsStatus: async () => {
      await awsStatus.refresh();
      return awsStatus.shown;
    },
    timelines: () => timelines.views(),
    logIndexRuns: () => logIndex.runs,
    exportTimeline: (key, format, uri, eventIds) => timelines.exportTo(key, format, uri, eventIds),
    explorer: () => explorer.snapshot(),
    loadExplorerTab: (tab, fresh) => explorer.load(tab, fresh),
    explorerAction: (tab, id, action) => explorer.act(tab, id, action),
    explorerPolicy: (tab, id) => explorer.policy(tab, id),
    investigations: () => investigations.views(),
    exportInvestigation: (key, uri) => investigations.exportTo(key, uri),
  };
}

/** The host's time spent on us: evaluating the bundle plus running activate() (not the wait between). */
function activationCost(activateStart: number): number | undefined {
  if (typeof __cloudwardenBundleStart !== 'number' || typeof __cloudwardenBundleEnd !== 'number') return undefined;
  return __cloudwardenBundleEnd - __cloudwardenBundleStart + (performance.now() - activateStart);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** What the extension exports to its tests (and to other extensions). */
export interface CloudWardenApi {
  readonly server: ServerHandle;
  /** Milliseconds from the bundle's first statement to the end of activate(), for the start-up benchmark. */
  readonly activationMs: number | undefined;
  /** What the language status item shows now, for the tests. */
  readonly lintStatus: () => LintStatusView;
  /** True once the server has linted the document with this URI, for tests that assert "no findings". */
  readonly hasLinted: (uri: string) => boolean;
  /** What the AWS status bar item shows (undefined: hidden: nothing configured, or the server not started). */
  readonly awsStatus: () => AwsStatusView | undefined;
  /** Asks the server for the AWS status again (if it runs) and returns what the item then shows. */
  readonly refreshAwsStatus: () => Promise<AwsStatusView | undefined>;
  /** The open CloudTrail timelines: their query, state, the server's answer in numbers, what the page drew. */
  readonly timelines: () => TimelineView[];
  /** The log indexing runs whose progress was shown, each with the sentence it ended with. */
  readonly logIndexRuns: () => readonly { readonly id: number; readonly message: string }[];
  /** Writes an open timeline's events (all, or these ids in this order) to `uri`, as the export does. */
  readonly exportTimeline: (
    key: string,
    format: ExportFormat,
    uri: vscode.Uri,
    eventIds?: readonly string[],
  ) => Promise<number>;
  /** What the security explorer holds: the connection, each tab's Regions and row ids, what the page drew. */
  readonly explorer: () => ExplorerSnapshot;
  /** Loads a tab of the security explorer (every Region answered), as the page does when it shows it. */
  readonly loadExplorerTab: (tab: ExplorerTab, fresh: boolean) => Promise<void>;
  /** Runs a row's action as its button does; "Find in code" returns the matches. */
  readonly explorerAction: (
    tab: ExplorerTab,
    id: string,
    action: RowAction,
  ) => Promise<ExplorerCodeRequest.Match[] | undefined>;
  /** Reads and lints a key's or a secret's policy as "Show policy" does. */
  readonly explorerPolicy: (tab: 'keys' | 'secrets', id: string) => Promise<PolicyState | undefined>;
  /** The open investigation reports: their request, state, the report in numbers, what the page drew. */
  readonly investigations: () => InvestigationView[];
  /** Writes a report's Markdown to `uri` without a dialog; returns its length. */
  readonly exportInvestigation: (key: string, uri: vscode.Uri) => Promise<number>;
}
