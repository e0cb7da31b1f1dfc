import * as path from 'node:path';
import type { WarehouseChoice } from '../aws';
import type { CloudWardenSettings } from '../shared/settings';

/** The source of CloudTrail activity the settings choose, with what it needs. */
export type ActivitySource =
  | { readonly kind: 'lookupEvents' }
  | { readonly kind: 'logFiles'; readonly roots: readonly string[] }
  | WarehouseChoice;

/**
 * `activity.source` read against what is configured: `auto` takes log folders, then Athena, then Lake,
 * else LookupEvents; a source asked for by name but not configured falls back the same way (a hover must
 * not go silent because a workgroup is missing). Relative log folders are read from the first workspace
 * folder (`workspaceFolders`: paths on disk).
 */
export function activitySource(
  settings: CloudWardenSettings['activity'],
  workspaceFolders: readonly string[],
): ActivitySource {
  const logFiles = (): ActivitySource | undefined => {
    if (settings.logFolders.length === 0) return undefined;
    const base = workspaceFolders[0];
    const roots = settings.logFolders
      .map((p) => (path.isAbsolute(p) ? p : base !== undefined ? path.join(base, p) : undefined))
      .filter((p): p is string => p !== undefined);
    return roots.length > 0 ? { kind: 'logFiles', roots } : undefined;
  };
  const athena = (): ActivitySource | undefined =>
    settings.athena.workgroup === ''
      ? undefined
      : {
          kind: 'athena',
          workgroup: settings.athena.workgroup,
          database: settings.athena.database,
          table: settings.athena.table,
          ...(settings.athena.outputLocation !== '' && { outputLocation: settings.athena.outputLocation }),
        };
  const lake = (): ActivitySource | undefined =>
    settings.lake.eventDataStore === '' ? undefined : { kind: 'lake', eventDataStore: settings.lake.eventDataStore };
  const chosen =
    settings.source === 'logFiles'
      ? logFiles()
      : settings.source === 'athena'
        ? athena()
        : settings.source === 'lake'
          ? lake()
          : settings.source === 'lookupEvents'
            ? { kind: 'lookupEvents' as const }
            : undefined;
  return chosen ?? logFiles() ?? athena() ?? lake() ?? { kind: 'lookupEvents' };
}
