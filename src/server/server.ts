import * as path from 'node:path';
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../core';
import {
  AnalyzerRecommendationRequest,
  InvestigateRequest,
  LogIndexProgressNotification,
  UnusedReportRequest,
} from '../shared/protocol';
import { provideActivityHover, joinHovers } from './activityHover';
import { ActivityLenses } from './activityLens';
import { ActivityService, LOG_FILES_KEY } from './activityService';
import { activitySource } from './activitySource';
import { AwsService } from './awsService';
import { registerAwsRequests, signalOf } from './awsRequests';
import { registerCatalogRequests } from './catalogRequests';
import { CatalogService } from './catalogService';
import { DiagnosticsService } from './diagnostics';
import { registerExplorerRequests } from './explorerRequests';
import { ExplorerService } from './explorerService';
import { investigate } from './investigations';
import { registerGeneratePolicy } from './generatePolicy';
import { provideCodeLenses } from './codeLens';
import { COMPLETION_TRIGGERS, provideCompletion } from './completion';
import { provideHover } from './hover';
import { LintRunner } from './lintRunner';
import { LogActivity } from './logActivity';
import { awsConnection, awsUsageEvidence } from './unusedEvidence';
import { deployedAws, serverConnection } from './principalAws';
import { principalActions, registerPrincipalRequests } from './principalRequests';
import { PrincipalResolver } from './principalResolver';
import { UnusedService } from './unusedService';
import { unusedReport } from './unusedReport';
import { analyzerRecommendation } from './analyzerRecommendation';
import { registerSourceRequests } from './sourceRequests';
import { fsPathOf, isProjectFileUri, ProjectConfigService } from './projectConfig';
import { refactorActions } from './refactors';
import { referenceAtPosition } from './references';
import { PolicySources } from './sources';
import { SettingsService } from './settings';
import type { EditCapabilities } from './suppressActions';

export interface ServerOptions {
  /** Path of the generated catalog file. */
  catalogFile: string;
  /** Folder of the rule documentation pages that diagnostics link to. */
  rulesDocsDir: string;
  /** The server's own script, which lints large files in a worker thread when run as one (main.ts). */
  serverScript?: string;
  /** Texts of at least this many characters are linted in the worker thread. */
  lintWorkerThreshold?: number;
  /** Folder of the tree-sitter grammars for TypeScript and Terraform (dist/grammars/). */
  grammarDir: string;
}

/** A 200 KB YAML template takes about 200 ms to read: above that, the server's thread stays free. */
const DEFAULT_WORKER_THRESHOLD = 200_000;

function folderOf(uri: string): string | undefined {
  const file = fsPathOf(uri);
  return file === undefined ? undefined : path.dirname(file);
}

/** Wires the core to one LSP connection. Nothing is loaded until a request needs it. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const catalog = new CatalogService(lazyCatalog(options.catalogFile), (message) => connection.console.error(message));
  const settings = new SettingsService(connection);
  const projects = new ProjectConfigService((message) => connection.console.warn(message));
  let editCapabilities: EditCapabilities = { documentChanges: false, createFiles: false };
  let workspaceFolderEvents = false;
  let codeLensRefresh = false;
  const sources = new PolicySources({
    grammarDir: options.grammarDir,
    log: (message) => connection.console.error(message),
  });
  const runner = new LintRunner({
    script: options.serverScript,
    catalogFile: options.catalogFile,
    grammarDir: options.grammarDir,
    workerThreshold: options.lintWorkerThreshold ?? DEFAULT_WORKER_THRESHOLD,
    log: (message) => connection.console.error(message),
  });
  // Which deployed principal a policy belongs to, beyond the project file's mapping (asked of AWS once an hour).
  const principals = new PrincipalResolver({
    aws: deployedAws(() => serverConnection(aws)),
    onChange: () => documents.all().forEach((d) => diagnostics.schedule(d, 'settings')),
    log: (message) => connection.console.info(message),
    trees: (uri) => {
      const document = documents.get(uri);
      return document && sources.treesOf(document);
    },
  });
  // Unused permissions: the policies of open files against the log index (closures: logs and diagnostics come below).
  const unused = new UnusedService({
    principals,
    logs: { usage: (roots, window) => logs.usage(roots, window) },
    projects,
    source: async () => activitySource((await settings.forWindow()).activity, projects.workspaceFolders),
    onChange: () => documents.all().forEach((d) => diagnostics.schedule(d, 'settings')),
    onLenses: () => {
      if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
    log: (message) => connection.console.info(message),
    aws: (principal) => awsUsageEvidence(aws, principal),
    connection: () => awsConnection(aws),
  });
  const diagnostics = new DiagnosticsService({
    connection,
    catalog,
    sources,
    runner,
    settings,
    rulesDocsDir: options.rulesDocsDir,
    projects,
    editCapabilities: () => editCapabilities,
    openText: (uri) => documents.get(uri)?.getText(),
    isOpen: (document) => documents.get(document.uri) === document,
    unused,
  });
  // AWS: nothing of the SDK loads until a first AWS call needs it, and nothing is called without a profile.
  const aws = new AwsService(settings, (message) => connection.console.warn(message));
  const logs = new LogActivity({
    ...(options.serverScript !== undefined && {
      workerScript: path.join(path.dirname(options.serverScript), 'logWorker.js'),
    }),
    progress: (params) => void connection.sendNotification(LogIndexProgressNotification.type, params),
    // CodeLenses that showed a partial answer while the run read ask to be drawn again.
    onRunEnd: () => {
      lenses.settled(LOG_FILES_KEY);
      diagnostics.unusedChanged(documents.all());
    },
    log: (message) => connection.console.info(message),
  });
  const activity = new ActivityService(aws, {
    source: async () => activitySource((await settings.forWindow()).activity, projects.workspaceFolders),
    logs,
    log: (message) => connection.console.warn(message),
    onSettled: (key) => lenses.settled(key),
  });
  const lenses = new ActivityLenses(activity, sources, () => {
    if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
  connection.onShutdown(async () => {
    runner.dispose();
    aws.dispose();
    await Promise.all([activity.flush(), logs.dispose()]);
  });

  connection.onInitialize((params): InitializeResult => {
    settings.initialize(params);
    // The client's storage folder keeps CloudTrail answers across restarts; without one, memory only.
    const storagePath = (params.initializationOptions as { storagePath?: unknown } | undefined)?.storagePath;
    const storage = typeof storagePath === 'string' && storagePath !== '' ? storagePath : undefined;
    activity.useStorage(storage);
    logs.useStorage(storage);
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    editCapabilities = {
      documentChanges: workspaceEdit?.documentChanges === true,
      createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
    };
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    projects.setWorkspaceFolders(
      params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []),
    );
    return {
      capabilities: {
        // Save notifications: a document over the size limit is linted when saved, not as it is typed.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Refactor],
        },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'CloudWarden' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    unused.settingsChanged();
    // A CodeLens switched off or on: VS Code asks again only when told (LSP 3.16 refresh).
    if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    documents.all().forEach((d) => diagnostics.schedule(d, 'settings'));
  });

  connection.onInitialized(() => {
    if (!workspaceFolderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      projects.addWorkspaceFolders(
        e.added.map((f) => f.uri),
        e.removed.map((f) => f.uri),
      );
      documents.all().forEach((d) => diagnostics.schedule(d, 'settings'));
    });
  });
  // The client watches project files (.cloudwarden.yaml) and the files a Terraform module reads beside its
  // .tf files (other .tf files for variables and locals, .tfvars, file() policies). A project file re-lints
  // everything open; a module file re-reads the open .tf documents of its folder, whose text did not change.
  connection.onDidChangeWatchedFiles((params) => {
    const changed = params.changes.map((c) => c.uri);
    if (changed.some(isProjectFileUri)) {
      projects.changed();
      documents.all().forEach((d) => diagnostics.schedule(d, 'settings'));
      return;
    }
    const folders = new Set(changed.map((uri) => folderOf(uri)).filter((f): f is string => f !== undefined));
    for (const d of documents.all()) {
      if (d.languageId !== 'terraform' || changed.includes(d.uri) || !folders.has(folderOf(d.uri) ?? '')) continue;
      sources.invalidate(d.uri);
      diagnostics.schedule(d, 'settings');
    }
  });

  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidSave((e) => diagnostics.schedule(e.document, 'save'));
  documents.onDidClose((e) => {
    diagnostics.forget(e.document.uri);
    settings.forget(e.document.uri);
    sources.forget(e.document.uri);
  });

  // Each feature reads the policies of the document's current version; for a large file that reading is
  // the worker's (ready() waits for it) rather than a second parse on this thread.
  // If the document closed or changed while waiting, the request is moot: answer nothing rather than
  // read a large text again here. A large text without a reading (not linted: over the size limit,
  // ignored, linting off) is not read here either.
  const answerFor = async <T>(uri: string, none: T, answer: (document: TextDocument) => T | Promise<T>): Promise<T> => {
    const document = documents.get(uri);
    if (!document) return none;
    const version = document.version;
    // A CDK or Terraform file hovered before its first lint loaded the parser: load it, rather than
    // answer from a placeholder reading with no policies.
    await sources.prepare(document);
    await diagnostics.ready(document);
    if (documents.get(uri) !== document || document.version !== version) return none;
    if (!sources.has(document) && document.getText().length >= runner.workerThreshold) return none;
    return answer(document);
  };
  // The feature switches are the server's to honour (every editor's client, not only VS Code's). A hover
  // on an ARN in a policy has both parts: the policy's documentation first, then the resource's activity.
  connection.onHover(async (params) => {
    const { hover, activity: activitySettings } = await settings.forResource(params.textDocument.uri);
    if (!hover.enable && !activitySettings.hover.enable) return null;
    return answerFor(params.textDocument.uri, null, async (d) =>
      joinHovers(
        joinHovers(
          hover.enable ? provideHover(catalog, sources, d, params.position) : null,
          hover.enable
            ? unused.hover(d.uri, d.version, d.offsetAt(params.position), (span) => ({
                start: d.positionAt(span.start),
                end: d.positionAt(span.end),
              }))
            : null,
        ),
        activitySettings.hover.enable ? await provideActivityHover(activity, sources, d, params.position) : null,
      ),
    );
  });
  connection.onCompletion((params) =>
    answerFor(params.textDocument.uri, null, (d) => provideCompletion(catalog, sources, d, params.position)),
  );
  connection.onCodeLens(async (params) => {
    const { codeLens, activity: activitySettings } = await settings.forResource(params.textDocument.uri);
    if (!codeLens.enable && !activitySettings.codeLens.enable) return [];
    return answerFor(params.textDocument.uri, [], async (d) => [
      ...(codeLens.enable ? provideCodeLenses(catalog, sources, d) : []),
      ...(codeLens.enable ? unused.lenses(d.uri, d.version, (offset) => d.positionAt(offset)) : []),
      ...(activitySettings.codeLens.enable ? await lenses.provide(d) : []),
    ]);
  });
  connection.onCodeAction((params) =>
    answerFor(params.textDocument.uri, [], async (d) => [
      ...(await diagnostics.codeActions(d, params)),
      ...refactorActions(catalog, sources, d, params),
      ...principalActions(sources, d, params),
    ]),
  );
  registerPrincipalRequests(connection, {
    documents,
    sources,
    projects,
    resolver: principals,
    written: () => {
      projects.changed();
      documents.all().forEach((d) => diagnostics.schedule(d, 'settings'));
    },
  });
  registerCatalogRequests(connection, catalog);
  registerSourceRequests(connection, logs, async () =>
    activitySource((await settings.forWindow()).activity, projects.workspaceFolders),
  );
  connection.onRequest(UnusedReportRequest.type, async (params) => {
    const loaded = catalog.tryLoad();
    if (!loaded.ok) throw new ResponseError(ErrorCodes.InternalError, loaded.message);
    return unusedReport(params.uris, {
      unused,
      catalog: loaded.catalog,
      settings: (await settings.forWindow()).unused,
      workspaceFolders: projects.workspaceFolders,
      grammarDir: options.grammarDir,
      openText: (uri) => documents.get(uri)?.getText(),
      openVersion: (uri) => documents.get(uri)?.version,
    });
  });
  connection.onRequest(AnalyzerRecommendationRequest.type, (params, token) =>
    analyzerRecommendation(params.principal, {
      unused,
      connection: () => awsConnection(aws),
      signal: signalOf(token),
    }),
  );
  registerGeneratePolicy(connection, {
    catalog,
    logs,
    activity,
    projects,
    source: async () => activitySource((await settings.forWindow()).activity, projects.workspaceFolders),
  });
  registerAwsRequests(connection, aws, activity, (params) =>
    answerFor(params.uri, undefined, (d) => referenceAtPosition(sources, d, params.position)),
  );
  const explorer = new ExplorerService({ aws, catalog });
  connection.onRequest(InvestigateRequest.type, (params, token) =>
    investigate(
      params,
      {
        activity,
        logs,
        explorer,
        aws,
        source: async () => activitySource((await settings.forWindow()).activity, projects.workspaceFolders),
      },
      signalOf(token),
    ),
  );
  registerExplorerRequests(connection, explorer, {
    grammarDir: options.grammarDir,
    openText: (uri) => documents.get(uri)?.getText(),
  });

  documents.listen(connection);
  connection.listen();
}
