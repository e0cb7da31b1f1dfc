import type { Connection } from 'vscode-languageserver/node';
import { CancelLogIndexNotification, IndexLogFilesRequest } from '../shared/protocol';
import type { ActivitySource } from './activitySource';
import type { LogActivity } from './logActivity';

/** The log index's messages: Cancel from the progress notification, and "index now" from the command. */
export function registerLogRequests(
  connection: Connection,
  logs: LogActivity,
  source: () => Promise<ActivitySource>,
): void {
  connection.onNotification(CancelLogIndexNotification.type, ({ id }) => logs.cancel(id));
  connection.onRequest(IndexLogFilesRequest.type, async (): Promise<IndexLogFilesRequest.Result> => {
    const chosen = await source();
    if (chosen.kind !== 'logFiles')
      return {
        ok: false,
        message:
          'No CloudTrail log folders are set: add folders or files to the setting cloudwarden.activity.logFolders.',
      };
    return { ok: true, message: await logs.indexNow(chosen.roots) };
  });
}
