import * as vscode from 'vscode';
import type { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * Owns the language client: starts it once on demand, shares the start between concurrent callers,
 * restarts and stops it cleanly.
 */
export class ServerHandle implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly startedEmitter = new vscode.EventEmitter<void>();
  readonly onDidStart = this.startedEmitter.event;
  /** Handlers of the server's custom notifications, registered on each client this handle starts. */
  private readonly notificationHandlers: { method: string; handler: (params: unknown) => void }[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** The running client, started if needed. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = undefined;
      this.output.appendLine(`Starting the CloudWarden language server failed: ${String(error)}`);
      throw error;
    });
    return this.starting;
  }

  /** Sends a typed custom request (see src/shared/protocol.ts), starting the server if needed. */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const client = await this.start();
    // By its method name: the type is for the compiler; at run time a caller bundled apart (a test, a
    // benchmark) holds another copy of the protocol library, whose parameter kinds the client would not know.
    return token === undefined
      ? client.sendRequest<R>(type.method, params)
      : client.sendRequest<R>(type.method, params, token);
  }

  /** Sends a typed custom notification to the running server (none when it is not running). */
  async notify<P>(type: NotificationType<P>, params: P): Promise<void> {
    if (this.client?.isRunning()) await this.client.sendNotification(type.method, params);
  }

  /** Handles a typed custom notification (see src/shared/protocol.ts) from this and every later server. */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
    const entry = { method: type.method, handler: handler as (params: unknown) => void };
    this.notificationHandlers.push(entry);
    this.client?.onNotification(entry.method, entry.handler);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const pending = this.starting;
    this.starting = undefined;
    this.client = undefined;
    const client = await pending?.catch(() => undefined);
    if (client?.needsStop()) await client.stop();
  }

  dispose(): void {
    void this.stop();
    this.startedEmitter.dispose();
  }

  private async launch(): Promise<LanguageClient> {
    // Loaded here, not at activation: the client library is most of the extension bundle's start-up cost.
    const { createLanguageClient } = await import('./languageClient');
    const client = createLanguageClient(this.context, this.output);
    // Registered before start, so that no notification of the first lint is missed.
    for (const { method, handler } of this.notificationHandlers) client.onNotification(method, handler);
    await client.start();
    this.client = client;
    this.startedEmitter.fire();
    return client;
  }
}
