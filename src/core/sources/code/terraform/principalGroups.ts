/**
 * Principals gathered by type, as IAM's Principal element holds them (`{"AWS": [...], "Service": [...]}`):
 * `principals` blocks of a policy document, or the objects of a module input, of one type merge, as
 * Terraform merges them. Identifiers that cannot be told make that type's list unknown.
 */
import type { Key, Span } from '../../../policy/model';
import type { Entry, Node } from '../../tree';

export class PrincipalsByType {
  private readonly groups = new Map<string, { key: Key; items: Node[]; span: Span; unknown: boolean }>();

  /** The identifiers of one block or object of type `type` (its span for the key); `where` when it has none. */
  add(type: { readonly value: string; readonly span: Span }, identifiers: Node | undefined, where: Span): void {
    let group = this.groups.get(type.value);
    if (!group) {
      group = {
        key: { text: type.value, span: type.span },
        items: [],
        span: identifiers?.span ?? where,
        unknown: false,
      };
      this.groups.set(type.value, group);
    }
    if (identifiers?.kind === 'array') group.items.push(...identifiers.items);
    else if (identifiers?.kind === 'scalar' || identifiers?.kind === 'template') group.items.push(identifiers);
    else group.unknown = true;
  }

  /** The entries of the Principal object, one per type, in the order the types first came. */
  entries(): Entry[] {
    return [...this.groups.values()].map((g) => ({
      key: g.key,
      value: g.unknown
        ? { kind: 'unknown', span: g.span, text: 'identifiers' }
        : { kind: 'array', span: g.span, items: g.items },
    }));
  }
}
