/** An action's resource types and condition keys as indices, decoded from its `refs` string. */
export interface DecodedRefs {
  readonly resourceTypes: readonly {
    readonly index: number;
    readonly required: boolean;
    readonly keys: readonly number[];
  }[];
  readonly keys: readonly number[];
}

/**
 * Decodes the compact `refs` encoding of scripts/build-catalog.mjs (`encodeRefs`):
 * `<rt>[!][=<key>.<key>...]` per resource type joined by `,`, then optionally `;` and the action's own
 * keys joined by `.`; numbers in base 36. Indices outside the given bounds are dropped rather than
 * thrown on, so a damaged entry degrades one action instead of failing a look-up.
 */
export function decodeRefs(refs: string, resourceTypeCount: number, keyCount: number): DecodedRefs {
  const semi = refs.indexOf(';');
  const rtPart = semi < 0 ? refs : refs.slice(0, semi);
  const keys = semi < 0 ? [] : decodeIndices(refs.slice(semi + 1), '.', keyCount);
  const resourceTypes = [];
  if (rtPart !== '') {
    for (const item of rtPart.split(',')) {
      const eq = item.indexOf('=');
      let head = eq < 0 ? item : item.slice(0, eq);
      const required = head.endsWith('!');
      if (required) head = head.slice(0, -1);
      const index = parseInt(head, 36);
      if (!(index >= 0 && index < resourceTypeCount)) continue;
      resourceTypes.push({ index, required, keys: eq < 0 ? [] : decodeIndices(item.slice(eq + 1), '.', keyCount) });
    }
  }
  return { resourceTypes, keys };
}

function decodeIndices(text: string, separator: string, bound: number): number[] {
  const out: number[] = [];
  if (text === '') return out;
  for (const part of text.split(separator)) {
    const n = parseInt(part, 36);
    if (n >= 0 && n < bound) out.push(n);
  }
  return out;
}
