/**
 * `dynamic "statement"` (and `"principals"`, `"condition"` inside statements) blocks of a policy
 * document: one block per element of `for_each`, when the collection can be told (a literal list, map
 * or set, a local, a variable's default: scope.ts), its `content` read with the iterator bound.
 *
 * `for_each = var.enabled ? [1] : []`, the most common form in modules, is read as its non-empty
 * branch: the statement as it is when it exists. A collection that cannot be told (a variable without
 * a default, one whose default is empty so its values come from the caller, a `for` expression) leaves
 * the content read once, with every value taken from the iterator unknown; when the content takes any,
 * what it depends on is said (NotAnalysed) at the block's head.
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { NotAnalysed, Span } from '../../../policy/model';
import type { Node } from '../../tree';
import { named, type Block } from './hcl';
import { dependencyOf, type Iterator, type Values } from './scope';

/** One block a dynamic block makes: its content, and the values with the iterator bound. */
export interface Instance {
  readonly block: Block;
  readonly values: Values;
}

/** The blocks a dynamic block makes, and, when its collection is unknown, what to say after reading them. */
export interface Expansion {
  readonly instances: readonly Instance[];
  /** Call after reading the instances: says what was not analysed, if the content took values from an unknown collection. */
  readonly done: (notAnalysed: NotAnalysed[]) => void;
}

type Collection =
  | { readonly elements: readonly { key: Node; value: Node }[] }
  | { readonly unknown: string; readonly viaIterator: boolean };

export function expand(dynamic: Block, values: Values): Expansion {
  const content = dynamic.blocks.find((b) => b.type === 'content');
  const label = dynamic.labels[0] ?? '';
  const iteratorName = iteratorOf(dynamic, values.text) ?? label;
  const nothing: Expansion = { instances: [], done: () => undefined };
  if (!content) return nothing;
  const forEach = dynamic.attributes.get('for_each')?.value;
  const collection: Collection = forEach
    ? collectionOf(forEach, values)
    : { unknown: 'its for_each', viaIterator: false };
  if ('elements' in collection) {
    return {
      instances: collection.elements.map((e) => ({
        block: content,
        values: values.with({ name: iteratorName, key: e.key, value: e.value }),
      })),
      done: nothing.done,
    };
  }
  const iterator: Iterator = { name: iteratorName, unknown: collection.unknown };
  return {
    instances: [{ block: content, values: values.with(iterator) }],
    done: (notAnalysed) => {
      // A content that takes nothing from the iterator is read whole, however many times it repeats. Told
      // from the text, since an iterator inside a string (`"${statement.value}:sub"`) is not evaluated.
      // Nested in a block whose own collection is unknown, the outer block says it.
      if (collection.viaIterator || !usesIterator(content, iteratorName, values.text)) return;
      notAnalysed.push({
        reason: `the values this dynamic "${label}" block takes from ${collection.unknown} are not analysed`,
        span: headOf(dynamic, values.text),
      });
    },
  };
}

function usesIterator(content: Block, name: string, text: string): boolean {
  return new RegExp(`(?<![\\w.-])${name.replace(/-/g, '\\-')}\\s*[.[]`).test(
    text.slice(content.span.start, content.span.end),
  );
}

/** `iterator = s`: the name the content uses instead of the block's label. */
function iteratorOf(dynamic: Block, text: string): string | undefined {
  const expression = dynamic.attributes.get('iterator')?.value;
  if (!expression) return undefined;
  const name = text.slice(expression.startIndex, expression.endIndex).trim();
  return /^[A-Za-z_][\w-]*$/.test(name) ? name : undefined;
}

/** `dynamic "statement"`: from the keyword to the label's closing quote. */
function headOf(dynamic: Block, text: string): Span {
  const open = text.indexOf('{', dynamic.typeSpan.end);
  const end = open < 0 || open > dynamic.span.end ? dynamic.typeSpan.end : open;
  return { start: dynamic.span.start, end: dynamic.span.start + text.slice(dynamic.span.start, end).trimEnd().length };
}

/**
 * The elements of a `for_each` collection, or what it depends on. A conditional takes its non-empty
 * branch (both, when both are known). A variable whose default is empty is unknown (scope.ts): the
 * caller's to fill, not an empty collection.
 */
function collectionOf(syntax: SyntaxNode, values: Values): Collection {
  const text = values.text;
  const source = text.slice(syntax.startIndex, syntax.endIndex);
  const children = named(syntax);
  if (children.length === 1 && children[0]!.type === 'conditional') {
    const [, whenTrue, whenFalse] = named(children[0]!);
    if (!whenTrue || !whenFalse) return unknownCollection(source, values);
    const a = collectionOf(whenTrue, values);
    const b = collectionOf(whenFalse, values);
    if ('elements' in a && 'elements' in b) return { elements: [...a.elements, ...b.elements] };
    if ('elements' in a && a.elements.length === 0) return b;
    if ('elements' in b && b.elements.length === 0) return a;
    return 'unknown' in a ? a : b;
  }
  const node = values.node(syntax);
  const isSet = /^\s*toset\s*\(/.test(source);
  if (node.kind === 'array') {
    return {
      elements: node.items.map((item, i) => ({
        key: isSet ? item : { kind: 'scalar', span: item.span, value: i, text: String(i) },
        value: item,
      })),
    };
  }
  if (node.kind === 'object') {
    return {
      elements: node.entries.map((e) => ({
        key: { kind: 'scalar', span: e.key.span, value: e.key.text, text: e.key.text },
        value: e.value,
      })),
    };
  }
  if (node.kind === 'scalar' && node.value === null) return { elements: [] };
  return unknownCollection(source, values);
}

function unknownCollection(source: string, values: Values): Collection {
  const dependency = dependencyOf(source, values.iteratorNames);
  return { unknown: dependency, viaIterator: values.iterator(dependency.split('.')[0]!)?.unknown !== undefined };
}
