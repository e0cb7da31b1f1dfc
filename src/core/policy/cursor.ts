/**
 * What is under the cursor in a file's policies, in terms of the policy model: the action value, the
 * resource, the condition key... Hover and completion both start here, so that they read the same tree
 * the linter reads (one parse per document version, kept by the server).
 */
import type {
  ConditionBlock,
  ConditionEntry,
  PolicyDocument,
  PolicySource,
  PrincipalEntry,
  Span,
  Statement,
  Value,
  ValueList,
} from './model';

interface InStatement {
  readonly document: PolicyDocument;
  readonly statement: Statement;
}

export type CursorTarget =
  /** A value of Action/NotAction, or the place of a new one (`value` undefined: an empty list). */
  | (InStatement & { kind: 'action'; element: 'Action' | 'NotAction'; value?: Value; list: ValueList })
  | (InStatement & { kind: 'resource'; element: 'Resource' | 'NotResource'; value?: Value; list: ValueList })
  | (InStatement & { kind: 'principal'; entry: PrincipalEntry; value?: Value })
  /** A condition operator key, or the place of a new one inside `Condition`. */
  | (InStatement & { kind: 'condition-operator'; block?: ConditionBlock })
  /** A condition key, or the place of a new one inside an operator's block. */
  | (InStatement & { kind: 'condition-key'; block: ConditionBlock; entry?: ConditionEntry })
  | (InStatement & { kind: 'condition-value'; block: ConditionBlock; entry: ConditionEntry; value?: Value });

/** Inside, ends included: a cursor just after the last character still "is on" the word. */
const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The policy element under `offset`, or undefined when the cursor is not on one. */
export function targetAt(source: PolicySource, offset: number): CursorTarget | undefined {
  for (const document of source.documents) {
    // A derived document (a CDK grant) spans code that is not a policy: hover describes it on its own.
    if (document.coarseSpans || document.derivedFrom || !within(document.span, offset)) continue;
    // A reference showing a value written elsewhere (`var.actions`): completing or rewriting there would
    // replace the reference.
    if (document.borrowed?.some((b) => within(b.span, offset))) continue;
    for (const statement of document.statements) {
      if (statement.unknown || !within(statement.span, offset)) continue;
      const found = inStatement({ document, statement }, offset);
      if (found) return found;
    }
  }
  return undefined;
}

function inStatement(at: InStatement, offset: number): CursorTarget | undefined {
  const { statement } = at;
  for (const element of [statement.action, statement.notAction]) {
    if (!element || !within(element.list.span, offset)) continue;
    const kind = 'action';
    return {
      ...at,
      kind,
      element: element.key.text as 'Action' | 'NotAction',
      value: valueAt(element.list, offset),
      list: element.list,
    };
  }
  for (const element of [statement.resource, statement.notResource]) {
    if (!element || !within(element.list.span, offset)) continue;
    return {
      ...at,
      kind: 'resource',
      element: element.key.text as 'Resource' | 'NotResource',
      value: valueAt(element.list, offset),
      list: element.list,
    };
  }
  for (const principal of [statement.principal, statement.notPrincipal]) {
    if (!principal || principal.unknown) continue;
    for (const entry of principal.entries) {
      if (within(entry.values.span, offset))
        return { ...at, kind: 'principal', entry, value: valueAt(entry.values, offset) };
    }
  }
  const condition = statement.condition;
  // An unknown Condition (an intrinsic, or a block still being typed) still lists the blocks it has.
  if (condition && within(condition.span, offset)) {
    for (const block of condition.blocks) {
      if (within(block.operator.span, offset)) return { ...at, kind: 'condition-operator', block };
      if (!within(block.span, offset)) continue;
      for (const entry of block.entries) {
        if (within(entry.key.span, offset)) return { ...at, kind: 'condition-key', block, entry };
        if (within(entry.values.span, offset))
          return { ...at, kind: 'condition-value', block, entry, value: valueAt(entry.values, offset) };
      }
      return { ...at, kind: 'condition-key', block };
    }
    // Inside `Condition` but on no block: where a new operator goes (not on the `Condition` key itself).
    if (!within(condition.key.span, offset)) return { ...at, kind: 'condition-operator' };
  }
  return undefined;
}

function valueAt(list: ValueList, offset: number): Value | undefined {
  if (list.unknown) return undefined;
  return list.values.find((v) => within(v.span, offset));
}
