import * as vscode from 'vscode';
import { CancelLogIndexNotification, LogIndexProgressNotification } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';

type Params = LogIndexProgressNotification.Params;

interface Run {
  readonly report: (params: Params) => void;
  readonly finish: () => void;
}

/**
 * The progress notification of a log indexing run the server does: the files read of those to read, the
 * events so far, a Cancel that stops the run (what was indexed is kept: the next run resumes). The server
 * decides when a run starts; this only shows it.
 */
export class LogIndexProgress implements vscode.Disposable {
  private readonly open = new Map<number, Run>();
  /** Every run that began and ended, for the tests. */
  private readonly ended: { id: number; message: string }[] = [];

  constructor(
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
  ) {
    server.onNotification(LogIndexProgressNotification.type, (params) => this.update(params));
  }

  /** The runs shown so far, each with the sentence it ended with. */
  get runs(): readonly { readonly id: number; readonly message: string }[] {
    return this.ended;
  }

  private update(params: Params): void {
    if (params.state === 'begin') this.begin(params);
    else if (params.state === 'report') this.open.get(params.id)?.report(params);
    else {
      this.open.get(params.id)?.finish();
      this.open.delete(params.id);
      this.ended.push({ id: params.id, message: params.message ?? '' });
      if (params.message) {
        this.output.appendLine(`CloudTrail log index: ${params.message}`);
        // The notification closed: say once what the run did (the timeline and hovers now read it all).
        void vscode.window.showInformationMessage(`CloudWarden: ${params.message}`);
      }
    }
  }

  private begin(params: Params): void {
    let reported = 0;
    void vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'CloudWarden: indexing CloudTrail logs',
        cancellable: true,
      },
      (progress, token) =>
        new Promise<void>((resolve) => {
          token.onCancellationRequested(() =>
            this.server.notify(CancelLogIndexNotification.type, { id: params.id }).catch(() => undefined),
          );
          const report = (p: Params) => {
            const percent = p.totalFiles > 0 ? (100 * p.files) / p.totalFiles : 0;
            progress.report({ message: progressText(p), increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
          };
          this.open.set(params.id, { report, finish: resolve });
          report(params);
        }),
    );
  }

  dispose(): void {
    for (const run of this.open.values()) run.finish();
    this.open.clear();
  }
}

/** "1,200 of 3,000 files · 412,000 events" */
function progressText(p: Params): string {
  return `${p.files.toLocaleString('en-US')} of ${p.totalFiles.toLocaleString('en-US')} files · ${p.events.toLocaleString('en-US')} events`;
}
