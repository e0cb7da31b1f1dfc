/**
 * Policies a Terraform file keeps in files of their own (`file("${path.module}/policy.json")`,
 * `templatefile(...)`): read through a function the caller gives, which knows where the file is (the
 * readers themselves read no files). The document is linted with what the `.tf` says about it (a trust policy, the role it applies
 * to), and since its text is elsewhere, every finding sits on the `file(...)` call, without fixes (as for
 * any document whose spans are coarse). That file is also linted on its own when it is opened. The
 * server and the CLI read from disk with `readRelativeTo` (files.ts).
 */
import type { ArnPart } from '../../catalog/types';
import type { PolicyDocument } from '../../policy/model';
import { readDocument, type ReadContext } from '../document';
import { parseJson } from '../json';
import type { Node } from '../tree';
import type { ExternalDocument } from './reading';

/**
 * Reads a file named relative to the folder of the file being read; undefined when it cannot be read.
 * With `list`, it also names the files of that folder (for a Terraform module's other `.tf` files).
 */
export interface ReadRelative {
  (path: string): string | undefined;
  /** The names of the files in the folder (not in sub-folders), or undefined when it cannot be listed. */
  readonly list?: () => readonly string[] | undefined;
}

/** The largest referenced text read: a policy is a few kilobytes (a managed one at most 6,144 characters). */
const MAX_EXTERNAL = 1_000_000;

export function readExternalDocuments(
  external: readonly ExternalDocument[],
  readFile: ReadRelative,
  context: ReadContext,
): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const reference of external) {
    let content: string | undefined;
    try {
      content = readFile(reference.path);
    } catch {
      content = undefined;
    }
    if (content === undefined || content.length > MAX_EXTERNAL || !content.trimStart().startsWith('{')) continue;
    const parsed = parseJson(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content, {
      fixedSpan: reference.span,
    });
    const root = parsed.roots[0];
    // A file that is not plain JSON (a template with `%{ for }` directives) says nothing certain here;
    // its own problems are for it, opened on its own.
    if (parsed.problems.length > 0 || root?.kind !== 'object') continue;
    const place = {
      kind: reference.kind,
      path: `${reference.usedAt} (${reference.path})`,
      ...(reference.appliesTo && { appliesTo: reference.appliesTo }),
      ...(reference.resourceService && { resourceService: reference.resourceService }),
    };
    const document = readDocument(reference.template ? interpolated(root) : root, place, { ...context, problems: [] });
    if (document) out.push({ ...document, coarseSpans: true });
  }
  return out;
}

/** With `templatefile`, a `${...}` in a JSON string is an unknown part (`$${` is a literal `${`). */
function interpolated(node: Node): Node {
  switch (node.kind) {
    case 'object':
      return { ...node, entries: node.entries.map((e) => ({ key: e.key, value: interpolated(e.value) })) };
    case 'array':
      return { ...node, items: node.items.map(interpolated) };
    case 'scalar':
      return typeof node.value === 'string' && node.value.includes('${')
        ? { kind: 'template', span: node.span, parts: partsOf(node.value) }
        : node;
    default:
      return node;
  }
}

function partsOf(value: string): ArnPart[] {
  const parts: ArnPart[] = [];
  let literal = '';
  let i = 0;
  for (;;) {
    const open = value.indexOf('${', i);
    if (open < 0) break;
    if (open > 0 && value[open - 1] === '$') {
      literal += value.slice(i, open - 1) + '${';
      i = open + 2;
      continue;
    }
    const close = value.indexOf('}', open + 2);
    if (close < 0) break;
    literal += value.slice(i, open);
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ unknown: value.slice(open + 2, close).trim() });
    i = close + 1;
  }
  literal += value.slice(i);
  if (literal) parts.push(literal);
  return parts;
}
