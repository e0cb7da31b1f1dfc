import * as vscode from 'vscode';
import { showAnalyzerRecommendation } from './analyzerRecommendation';
import { browseActions } from './browseActions';
import { generatePolicy } from './generatePolicy';
import type { ActionDocumentProvider } from './actionDocuments';
import { selectAwsProfile, selectAwsRegions, showAwsConnection } from './awsCommands';
import type { AwsStatus } from './awsStatus';
import { showNotAnalysed, type LintStatus } from './lintStatus';
import { indexLogFiles, writeAthenaTable } from './logCommands';
import { mapPrincipal } from './mapPrincipal';
import type { ServerHandle } from './serverHandle';
import { investigate, investigateKind, securityEvents } from './investigateCommands';
import type { InvestigationPanels } from './investigationPanel';
import { showActivity } from './showActivity';
import type { TimelinePanels } from './timelinePanel';
import type { UnusedReportPanel } from './unusedReport';
import { EXPLORER_VIEW, type SecurityExplorer } from './explorerView';

export interface CommandContext {
  readonly server: ServerHandle;
  readonly output: vscode.OutputChannel;
  readonly docs: ActionDocumentProvider;
  readonly lintStatus: LintStatus;
  readonly awsStatus: AwsStatus;
  readonly timelines: TimelinePanels;
  readonly unusedReport: UnusedReportPanel;
  readonly explorer: SecurityExplorer;
  readonly investigations: InvestigationPanels;
}

/**
 * The one command table. Each id here is contributed in package.json (an integration test checks
 * that the two lists agree).
 */
const COMMANDS: Record<string, (ctx: CommandContext) => (...args: unknown[]) => unknown> = {
  'cloudwarden.browseActions': (ctx) => () => browseActions(ctx.server, ctx.docs),
  'cloudwarden.showOutput': (ctx) => () => ctx.output.show(true),
  'cloudwarden.showNotAnalysed': (ctx) => () => showNotAnalysed(ctx.lintStatus),
  'cloudwarden.restartServer': (ctx) => async () => {
    await ctx.server.restart();
    void vscode.window.setStatusBarMessage('CloudWarden language server restarted', 3000);
  },
  'cloudwarden.selectAwsProfile': (ctx) => () => selectAwsProfile(ctx.server),
  'cloudwarden.selectAwsRegions': () => () => selectAwsRegions(),
  'cloudwarden.showAwsConnection': (ctx) => () => showAwsConnection(ctx.awsStatus),
  // The argument, when there is one, comes from a hover link or a CodeLens: { query, title }.
  'cloudwarden.showActivity': (ctx) => (arg) => showActivity(ctx.server, ctx.timelines, arg),
  // The argument, when there is one: { subject, since, until? }, or a timeline's { query, title } (an
  // explorer row, a hover link).
  'cloudwarden.investigate': (ctx) => (arg) => investigate(ctx.server, ctx.investigations, arg),
  'cloudwarden.investigatePrincipal': (ctx) => (arg) =>
    investigateKind(ctx.server, ctx.investigations, 'principal', arg),
  'cloudwarden.investigateResource': (ctx) => (arg) => investigateKind(ctx.server, ctx.investigations, 'resource', arg),
  'cloudwarden.investigateAccessKey': (ctx) => (arg) =>
    investigateKind(ctx.server, ctx.investigations, 'accessKey', arg),
  'cloudwarden.investigateIp': (ctx) => (arg) => investigateKind(ctx.server, ctx.investigations, 'ip', arg),
  'cloudwarden.investigateEvent': (ctx) => (arg) => investigateKind(ctx.server, ctx.investigations, 'event', arg),
  // The argument, when there is one: a number of hours, or { hours }.
  'cloudwarden.securityEvents': (ctx) => (arg) => securityEvents(ctx.investigations, arg),
  'cloudwarden.indexLogFiles': (ctx) => () => indexLogFiles(ctx.server),
  'cloudwarden.writeAthenaTable': (ctx) => (arg) => writeAthenaTable(ctx.server, arg),
  'cloudwarden.showUnusedReport': (ctx) => () => ctx.unusedReport.run(),
  // The argument, when there is one, comes from the unused-permissions CodeLens: { principal }.
  'cloudwarden.showAnalyzerRecommendation': (ctx) => (arg) => showAnalyzerRecommendation(ctx.server, arg),
  // The argument, when there is one, skips the questions: { principal, days, format }.
  'cloudwarden.generatePolicy': (ctx) => (arg) => generatePolicy(ctx.server, ctx.output, arg),
  // The argument, when there is one, comes from the code action or a test: { uri, position, principal? }.
  'cloudwarden.mapPrincipal': (ctx) => (arg) => mapPrincipal(ctx.server, arg),
  'cloudwarden.showExplorer': () => () => vscode.commands.executeCommand(`${EXPLORER_VIEW}.focus`),
  'cloudwarden.refreshExplorer': (ctx) => () => ctx.explorer.refresh(),
  // The argument, when there is one, comes from the activity hover's link: { tab, names }.
  'cloudwarden.revealInExplorer': (ctx) => (arg) => ctx.explorer.reveal(arg),
};

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
}
