/**
 * The typed messages between the VS Code client and the language server, beyond standard LSP. One file
 * shared by both sides; each message is one `RequestType`/`NotificationType` of the protocol library
 * (vscode-jsonrpc, which both sides' libraries are built on), so a changed parameter or result type fails
 * the build on both sides.
 */

import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { AccessLevel } from '../core';

/** Summary of the IAM catalog, or why it could not be loaded. */
export namespace CatalogInfoRequest {
  export const method = 'cloudwarden/catalogInfo';
  export type Params = Record<string, never>;
  export type Result =
    | { ok: true; dataDate: string; sourceVersion: string; services: number; actions: number }
    | { ok: false; message: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** One action as the browse list shows it. */
export interface ActionItem {
  /** `service:Name` in canonical casing. */
  action: string;
  serviceName: string;
  accessLevel: AccessLevel;
  description: string;
}

/** Actions matching free text or an IAM wildcard pattern, best first. */
export namespace SearchActionsRequest {
  export const method = 'cloudwarden/searchActions';
  export interface Params {
    query: string;
    limit?: number;
  }
  export interface Result {
    items: ActionItem[];
    /** How many actions matched in all, before the limit. */
    total: number;
    /** Did-you-mean replacements when nothing matched. */
    suggestions: string[];
    /** Set when the catalog is unavailable. */
    error?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Full documentation of one action, as Markdown, with its Service Authorization Reference page. */
export namespace ActionDetailsRequest {
  export const method = 'cloudwarden/actionDetails';
  export interface Params {
    action: string;
  }
  export type Result = { markdown: string; docsUrl: string } | null;
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * What the server could not do for one open document, after each lint: the parts it could not analyse,
 * the rules that failed on it, and whether it is linted as you type. The client's language status item
 * shows it; nothing here is a finding (those are diagnostics).
 */
export namespace DocumentStatusNotification {
  export const method = 'cloudwarden/documentStatus';
  export interface Params {
    uri: string;
    notAnalysed: { reason: string; line?: number }[];
    /** Rules that threw on the document: `rule-id: message`. */
    internalErrors: string[];
    /** Set when the document is too large to lint as you type: linted when opened and saved. */
    onSaveOnly?: { characters: number; limit: number };
  }
  export const type = new NotificationType<Params>(method);
}
