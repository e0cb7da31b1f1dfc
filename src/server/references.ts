import type { Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findReferences, referenceAt, type ResourceReference } from '../core';
import type { PolicySources } from './sources';

/**
 * The AWS resources a document references, in any language (ARNs in every text), read with the linter's
 * reading and syntax trees of the same version: a template or a CDK stack is not parsed a second time.
 */
export function referencesIn(sources: PolicySources, document: TextDocument): ResourceReference[] {
  const source = sources.get(document);
  const trees = sources.treesOf(document);
  return findReferences(document.getText(), document.languageId, {
    ...(source && { source }),
    ...(trees && { trees }),
  });
}

/** The reference under the cursor or the mouse, if any. */
export function referenceAtPosition(
  sources: PolicySources,
  document: TextDocument,
  position: Position,
): ResourceReference | undefined {
  return referenceAt(referencesIn(sources, document), document.offsetAt(position));
}
