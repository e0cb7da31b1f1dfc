import type { PolicyDocument, SourceFormat, Statement } from '../policy/model';
import { removeListItem } from '../rules/edits';
import type { TextEdit } from '../rules/types';

/**
 * Removes a statement from its document's Statement list, with its separator, in a JSON or YAML
 * document written as policy text. Undefined where that cannot be done cleanly: the only statement (the
 * document would grant nothing: say so, do not empty it), a statement written as code (a CDK
 * `PolicyStatement`, a Terraform `statement` block, whose neighbours may be other code), a document
 * inside a string.
 */
export function removeStatement(
  text: string,
  format: SourceFormat,
  document: PolicyDocument,
  statement: Statement,
): TextEdit | undefined {
  if (format !== 'json' && format !== 'yaml') return undefined;
  if (document.construct || document.inString || document.coarseSpans || !document.statementIsArray) return undefined;
  const spans = document.statements.map((s) => s.span);
  // Statements read out of one list are in order and apart; anything else (an Fn::If's branches) is not one list.
  if (spans.some((s, i) => i > 0 && s.start < spans[i - 1]!.end)) return undefined;
  const index = document.statements.indexOf(statement);
  return index < 0 ? undefined : removeListItem(text, spans, index);
}
