import type { Connection } from 'vscode-languageserver/node';
import { actionDocsUrl, describeAction, searchActions } from '../core';
import { ActionDetailsRequest, CatalogInfoRequest, SearchActionsRequest, type ActionItem } from '../shared/protocol';
import type { CatalogService } from './catalogService';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 5000;

/** The custom requests that answer from the catalog (see src/shared/protocol.ts). */
export function registerCatalogRequests(connection: Connection, catalogService: CatalogService): void {
  connection.onRequest(CatalogInfoRequest.type, (): CatalogInfoRequest.Result => {
    const loaded = catalogService.tryLoad();
    if (!loaded.ok) return { ok: false, message: loaded.message };
    const { catalog } = loaded;
    return {
      ok: true,
      dataDate: catalog.dataDate,
      sourceVersion: catalog.sourceVersion,
      services: catalog.services().length,
      actions: catalog.allActions().length,
    };
  });

  connection.onRequest(SearchActionsRequest.type, (params): SearchActionsRequest.Result => {
    const loaded = catalogService.tryLoad();
    if (!loaded.ok) return { items: [], total: 0, suggestions: [], error: loaded.message };
    const limit = Math.min(Math.max(1, params.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const found = searchActions(loaded.catalog, typeof params.query === 'string' ? params.query : '', limit);
    const items: ActionItem[] = found.actions.map((a) => ({
      action: a.fullName,
      serviceName: a.service.name,
      accessLevel: a.accessLevel,
      description: a.description,
    }));
    return { items, total: found.total, suggestions: [...found.suggestions] };
  });

  connection.onRequest(ActionDetailsRequest.type, (params): ActionDetailsRequest.Result => {
    const catalog = catalogService.get();
    const action = catalog && typeof params.action === 'string' ? catalog.action(params.action) : undefined;
    if (!catalog || !action) return null;
    return { markdown: describeAction(catalog, action), docsUrl: actionDocsUrl(action) };
  });
}
