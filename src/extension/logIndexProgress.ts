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
  private readonly runs = new Map<number, Run>();
  /** The last `end` message, for the tests and the output channel. */
  private lastMessage: string | undefined;

  constructor(
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
  ) {
    server.onNotification(LogIndexProgressNotification.type, (params) => this.update(params));
  }

  get lastEnd(): string | undefined {
    return this.lastMessage;
  }

  private update(params: Params): void {
    if (params.state === 'begin') this.begin(params);
    else if (params.state === 'report') this.runs.get(params.id)?.report(params);
    else {
      this.runs.get(params.id)?.finish();
      this.runs.delete(params.id);
      this.lastMessage = params.message;
      if (params.message) this.output.appendLine(`CloudTrail log index: ${params.message}`);
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
          this.runs.set(params.id, { report, finish: resolve });
          report(params);
        }),
    );
  }

  dispose(): void {
    for (const run of this.runs.values()) run.finish();
    this.runs.clear();
  }
}

/** "1,200 of 3,000 files · 412,000 events" */
function progressText(p: Params): string {
  return `${p.files.toLocaleString('en-US')} of ${p.totalFiles.toLocaleString('en-US')} files · ${p.events.toLocaleString('en-US')} events`;
}
