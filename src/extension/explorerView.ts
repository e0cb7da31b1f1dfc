/**
 * The security explorer: one webview view in CloudWarden's activity bar container. The host holds the
 * data (each tab's Regions as the server answers them, one request per Region so a slow or failing
 * Region holds nobody up) and the page draws it; the page keeps only its view (tab, filters, sort,
 * selection) and asks for the data again when it is shown. Row actions arrive as a tab and a row id: the
 * host finds the row in its own data, so a page never names what is copied, searched or opened.
 */
import * as vscode from 'vscode';
import {
  isPageMessage,
  rowId,
  type ExplorerConnection,
  type ExplorerTab,
  type HostMessage,
  type PolicyState,
  type RegionState,
  type RowAction,
} from '../shared/explorerMessages';
import {
  AwsStatusRequest,
  ExplorerFindingsRequest,
  ExplorerKeysRequest,
  ExplorerPolicyRequest,
  ExplorerSecretsRequest,
  ReferenceAtRequest,
  type ExplorerCodeRequest,
} from '../shared/protocol';
import type { AwsStatus } from './awsStatus';
import {
  connectionOf,
  failedPart,
  isRevealArgument,
  partOf,
  TabStore,
  type RegionPart,
  type RevealArgument,
} from './explorerData';
import { findInCode } from './explorerFindInCode';
import { activityTargetOfRow, arnOfRow, namesOfRow, rowNamed } from './explorerRows';
import type { ServerHandle } from './serverHandle';
import { readsLogFiles } from './showActivity';
import { loadPage } from './webviewPage';

export const EXPLORER_VIEW = 'cloudwarden.explorer';

/** What the explorer holds, for the tests (through the extension's API). */
export interface ExplorerSnapshot {
  readonly connection: ExplorerConnection;
  readonly tabs: {
    readonly [T in ExplorerTab]: {
      readonly loaded: boolean;
      readonly regions: readonly RegionState[];
      readonly ids: readonly string[];
      readonly rendered?: { readonly rows: number; readonly total: number };
    };
  };
  readonly policies: Readonly<Record<string, PolicyState>>;
  /** The tab the page last said it shows. */
  readonly shown?: ExplorerTab;
  /** The last "Reveal in explorer" the page was sent. */
  readonly revealed?: { readonly tab: ExplorerTab; readonly id?: string; readonly text?: string };
}

export class SecurityExplorer implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private pageReady = false;
  private connection: ExplorerConnection = { state: 'loading', sentence: 'Connecting to AWS…', regions: [] };
  private readonly stores: Record<ExplorerTab, TabStore> = {
    keys: new TabStore('keys'),
    secrets: new TabStore('secrets'),
    findings: new TabStore('findings'),
  };
  private readonly policies = new Map<string, PolicyState>();
  private pendingReveal: Extract<HostMessage, { type: 'reveal' }> | undefined;
  private revealed: Extract<HostMessage, { type: 'reveal' }> | undefined;
  private shownTab: ExplorerTab | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pendingReset: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerHandle,
    private readonly awsStatus: AwsStatus,
    private readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(EXPLORER_VIEW, this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('cloudwarden.aws')) return;
        // As the status bar item does: the language client forwards the change to the server from its
        // own listener, and a profile and its Regions are often written together; ask once both settled.
        clearTimeout(this.pendingReset);
        this.pendingReset = setTimeout(() => void this.reset(), 300);
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    // No retainContextWhenHidden: a hidden view's page is unloaded; it keeps its view in the webview state
    // and says `ready` when shown again, and the host sends the data it holds.
    loadPage(view.webview, this.context.extensionUri, 'explorer', 'Security explorer');
    view.webview.onDidReceiveMessage((message: unknown) => void this.receive(message), null, this.disposables);
    view.onDidChangeVisibility(() => {
      if (!view.visible) this.pageReady = false;
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.pageReady = false;
    });
  }

  snapshot(): ExplorerSnapshot {
    const tab = (store: TabStore) => ({
      loaded: store.loaded,
      regions: [...store.parts.values()].map((p) => p.state),
      ids: store.rows().map((r) => rowId(store.tab, r)),
      ...(store.rendered && { rendered: store.rendered }),
    });
    return {
      connection: this.connection,
      tabs: { keys: tab(this.stores.keys), secrets: tab(this.stores.secrets), findings: tab(this.stores.findings) },
      policies: Object.fromEntries(this.policies),
      ...(this.shownTab && { shown: this.shownTab }),
      ...(this.revealed && { revealed: { tab: this.revealed.tab, id: this.revealed.id, text: this.revealed.text } }),
    };
  }

  /** Loads a tab (all of it: every Region answered), unless loaded and not `fresh`. */
  load(tab: ExplorerTab, fresh: boolean): Promise<void> {
    const store = this.stores[tab];
    if (!fresh && store.loading) return store.loading;
    store.loading = this.fetch(store, fresh);
    return store.loading;
  }

  /** The view title's Refresh: the tab the page shows (the keys before it said), from AWS again. */
  async refresh(): Promise<void> {
    await this.load(this.shownTab ?? 'keys', true);
  }

  /** "Reveal in explorer": the row a reference in code means, or the findings filtered by its name. */
  async reveal(arg: unknown): Promise<void> {
    const target = isRevealArgument(arg) ? arg : await this.referenceAtCursor();
    if (!target) {
      void vscode.window.showInformationMessage(
        'CloudWarden: put the cursor on a KMS key, a secret, a role or another AWS resource to reveal it in the security explorer.',
      );
      return;
    }
    await vscode.commands.executeCommand(`${EXPLORER_VIEW}.focus`);
    await this.load(target.tab, false);
    const id = rowNamed(target.tab, this.stores[target.tab].rows(), target.names);
    if (id === undefined && target.tab !== 'findings')
      void vscode.window.showInformationMessage(
        `CloudWarden: ${target.names[0] ?? 'this resource'} is not among the ${target.tab === 'keys' ? 'KMS keys' : 'secrets'} read (Regions: ${this.connection.regions.join(', ') || 'none'}); the list is filtered by its name.`,
      );
    const text = target.names.map(shortName).find((n) => n !== '') ?? '';
    this.pendingReveal = { type: 'reveal', tab: target.tab, ...(id !== undefined ? { id } : { text }) };
    if (this.pageReady) this.flushReveal();
  }

  /** Runs a row's action, as the page's buttons do; "Find in code" returns the matches (for the tests). */
  async act(tab: ExplorerTab, id: string, action: RowAction): Promise<ExplorerCodeRequest.Match[] | undefined> {
    const row = this.stores[tab].row(id);
    if (!row) {
      this.output.appendLine(`The security explorer has no ${tab} row ${id}; the action ${action} was ignored.`);
      return undefined;
    }
    switch (action) {
      case 'copyArn': {
        const arn = arnOfRow(tab, row);
        await vscode.env.clipboard.writeText(arn);
        vscode.window.setStatusBarMessage(`CloudWarden: copied ${arn}`, 3000);
        return undefined;
      }
      case 'showActivity':
      case 'investigate': {
        const target = activityTargetOfRow(tab, row, Date.now(), readsLogFiles());
        if (!target) {
          void vscode.window.showInformationMessage('CloudWarden: this finding names no resource to look up.');
          return undefined;
        }
        await vscode.commands.executeCommand(
          action === 'showActivity' ? 'cloudwarden.showActivity' : 'cloudwarden.investigate',
          target,
        );
        return undefined;
      }
      case 'findInCode':
        return findInCode(this.server, namesOfRow(tab, row));
    }
  }

  private async receive(message: unknown): Promise<void> {
    if (!isPageMessage(message)) {
      this.output.appendLine('The security explorer page sent a message of an unknown shape; it was ignored.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.post({ type: 'connection', connection: this.connection });
        for (const store of Object.values(this.stores))
          if (store.parts.size > 0) this.post({ type: 'tab', data: store.data() });
        for (const [key, policy] of this.policies) {
          const [tab, id] = splitPolicyKey(key);
          this.post({ type: 'policy', tab, id, policy });
        }
        this.flushReveal();
        return;
      case 'load':
        this.shownTab = message.tab;
        return this.load(message.tab, message.fresh);
      case 'policy':
        await this.policy(message.tab, message.id);
        return;
      case 'action':
        await this.act(message.tab, message.id, message.action);
        return;
      case 'rendered':
        this.stores[message.tab].rendered = { rows: message.rows, total: message.total };
        return;
    }
  }

  /**
   * Reads every Region of the tab. A fetch that a newer one or a settings change supersedes resolves with
   * the tab's current load (joined, or started), so that whoever awaits `load` gets the rows it asked for,
   * not the emptied tab the supersession left.
   */
  private async fetch(store: TabStore, fresh: boolean): Promise<void> {
    const generation = ++store.generation;
    const connection = await this.connect();
    if (generation !== store.generation) return this.load(store.tab, false);
    const regions = connection.state === 'off' ? [] : connection.regions;
    const previous = store.parts;
    store.parts = new Map(
      regions.map((region) => [
        region,
        {
          // A refresh keeps the rows on screen until the Region answers again.
          rows: previous.get(region)?.rows ?? [],
          state: { region, loading: true, notices: [], truncated: false },
        },
      ]),
    );
    this.postTab(store);
    await vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW } }, () =>
      Promise.all(
        regions.map(async (region) => {
          const part = await this.ask(store.tab, region, fresh);
          if (generation !== store.generation) return;
          store.parts.set(region, part);
          this.postTab(store);
        }),
      ),
    );
    if (generation === store.generation) store.loaded = true;
    else return this.load(store.tab, false);
  }

  /** One Region of one tab; a request that fails (the server stopped) is that Region's problem. */
  private async ask(tab: ExplorerTab, region: string, fresh: boolean): Promise<RegionPart> {
    const params = { region, ...(fresh && { fresh: true }) };
    try {
      switch (tab) {
        case 'keys':
          return partOf(await this.server.request(ExplorerKeysRequest.type, params));
        case 'secrets':
          return partOf(await this.server.request(ExplorerSecretsRequest.type, params));
        case 'findings': {
          const result = await this.server.request(ExplorerFindingsRequest.type, params);
          const part = partOf(
            result,
            result.serviceProblems.map((p) => p.sentence),
          );
          return result.counts ? { ...part, counts: result.counts } : part;
        }
      }
    } catch (error) {
      this.output.appendLine(`The security explorer's ${tab} request for ${region} failed: ${String(error)}`);
      return failedPart(region, error);
    }
  }

  /**
   * Who and where, asked again at each load (credentials expire, settings change). Asked of the server
   * itself, not through the status bar item, whose answer a concurrent refresh may supersede; the item is
   * told to refresh too, so both say the same.
   */
  private async connect(): Promise<ExplorerConnection> {
    let status: AwsStatusRequest.Result | undefined;
    try {
      status = await this.server.request(AwsStatusRequest.type, {});
    } catch (error) {
      this.output.appendLine(`The security explorer's AWS status request failed: ${String(error)}`);
    }
    void this.awsStatus.refresh();
    this.connection = connectionOf(status);
    this.post({ type: 'connection', connection: this.connection });
    return this.connection;
  }

  /** Reads and lints a key's or a secret's policy, shows it on the page, and returns it (for the tests). */
  async policy(tab: 'keys' | 'secrets', id: string): Promise<PolicyState | undefined> {
    const row = this.stores[tab].row(id);
    if (!row) return undefined;
    const key = `${tab}\n${id}`;
    const show = (policy: PolicyState) => {
      this.policies.set(key, policy);
      this.post({ type: 'policy', tab, id, policy });
    };
    show({ state: 'loading' });
    try {
      const result = await this.server.request(ExplorerPolicyRequest.type, {
        kind: tab === 'keys' ? 'key' : 'secret',
        arn: rowId(tab, row),
        region: (row as { region: string }).region,
      });
      const policy: PolicyState =
        result.state === 'failed' ? { state: 'failed', sentence: result.problem.sentence } : result;
      show(policy);
      return policy;
    } catch (error) {
      const policy: PolicyState = {
        state: 'failed',
        sentence: `The CloudWarden language server did not answer (${String(error)}).`,
      };
      show(policy);
      return policy;
    }
  }

  private async referenceAtCursor(): Promise<RevealArgument | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const { line, character } = editor.selection.active;
    try {
      const reference = await this.server.request(ReferenceAtRequest.type, {
        uri: editor.document.uri.toString(),
        position: { line, character },
      });
      return reference?.reveal;
    } catch {
      return undefined;
    }
  }

  /** Settings of the connection changed: what was read is another account's or Region's. */
  private async reset(): Promise<void> {
    for (const store of Object.values(this.stores)) {
      store.generation++;
      store.loading = undefined;
      store.loaded = false;
      store.parts = new Map();
      this.postTab(store);
    }
    this.policies.clear();
    if (this.view?.visible && this.shownTab) await this.load(this.shownTab, false);
  }

  private flushReveal(): void {
    if (!this.pendingReveal || !this.pageReady) return;
    this.post(this.pendingReveal);
    this.revealed = this.pendingReveal;
    this.pendingReveal = undefined;
  }

  private postTab(store: TabStore): void {
    this.post({ type: 'tab', data: store.data() });
  }

  /** A hidden page misses messages: it says `ready` when shown, and gets everything then. */
  private post(message: HostMessage): void {
    if (this.view && this.pageReady) void this.view.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.pendingReset);
    this.disposables.forEach((d) => d.dispose());
  }
}

function splitPolicyKey(key: string): ['keys' | 'secrets', string] {
  const [tab, ...id] = key.split('\n');
  return [tab === 'keys' ? 'keys' : 'secrets', id.join('\n')];
}

/** The name a filter looks for: an ARN's last part (`alias/app`, `role/deploy` -> `deploy`). */
function shortName(value: string): string {
  return value.startsWith('arn:') ? (value.split(/[:/]/).at(-1) ?? value) : value;
}
