import type { Connection } from 'vscode-languageserver/node';
import { cloudTrailTableDdl } from '../core';
import { AthenaTableRequest, CancelLogIndexNotification, IndexLogFilesRequest } from '../shared/protocol';
import type { ActivitySource } from './activitySource';
import type { LogActivity } from './logActivity';

/**
 * The activity sources' own messages: the log index's Cancel (the progress notification) and "index now"
 * (the command), and the Athena table's DDL for a trail's bucket.
 */
export function registerSourceRequests(
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
  connection.onRequest(AthenaTableRequest.type, (params) => cloudTrailTableDdl(params));
}
