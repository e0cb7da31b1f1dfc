/**
 * A `${Variable}` or `<variable>` segment of a templated condition key name. The source data also
 * writes a few tag keys as a literal `tag-key` (`secretsmanager:ResourceTag/tag-key`, `ssm:...`):
 * a final `/tag-key` is a variable too.
 */
const VARIABLE = /\$\{[^}]+\}|<[^>]+>|(?<=\/)tag-key$/g;

/** True when a condition key name contains a variable segment, e.g. `aws:RequestTag/${TagKey}`. */
function isTemplatedKey(name: string): boolean {
  VARIABLE.lastIndex = 0;
  return VARIABLE.test(name);
}

interface Template {
  readonly index: number;
  /** Lowercase literal text before the first variable: a cheap pre-filter. */
  readonly head: string;
  /** How many literal characters the template has: more is more specific. */
  readonly literalLength: number;
  readonly regex: RegExp;
}

/**
 * Resolves concrete condition keys against the templated ones: `aws:RequestTag/Env` →
 * `aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/owner` → `s3:ExistingObjectTag/<key>`. A variable
 * matches any non-empty text, including `/` (tag keys may contain it). When several templates match,
 * the one with the most literal text wins.
 */
export class ConditionKeyTemplates {
  /** Templates by the lowercase text before their first `:` (`aws`, `s3`, ...), so a look-up tests only a few. */
  private readonly byPrefix = new Map<string, Template[]>();
  /** Templates with a variable before the first `:` (`token.actions.${Domain}.ghe.com:actor`): always tested. */
  private readonly floating: Template[] = [];

  /** `names` are all condition key names; the templated ones are kept with their index. */
  constructor(names: readonly string[]) {
    names.forEach((name, index) => {
      if (!isTemplatedKey(name)) return;
      const lower = name.toLowerCase();
      const literals = lower.split(VARIABLE);
      const source = literals.map((l) => l.replace(/[\\^$.|+()[\]{}*?/-]/g, '\\$&')).join('.+');
      const template: Template = {
        index,
        head: literals[0]!,
        literalLength: literals.reduce((n, l) => n + l.length, 0),
        regex: new RegExp(`^${source}$`, 's'),
      };
      const colon = template.head.indexOf(':');
      if (colon < 0) this.floating.push(template);
      else {
        const prefix = template.head.slice(0, colon);
        const list = this.byPrefix.get(prefix) ?? [];
        list.push(template);
        this.byPrefix.set(prefix, list);
      }
    });
  }

  /** The index of the most specific template that `lowerName` instantiates, or undefined. */
  resolve(lowerName: string): number | undefined {
    let best: Template | undefined;
    const consider = (t: Template): void => {
      if (!lowerName.startsWith(t.head) || !t.regex.test(lowerName)) return;
      if (best === undefined || t.literalLength > best.literalLength) best = t;
    };
    const colon = lowerName.indexOf(':');
    if (colon >= 0) this.byPrefix.get(lowerName.slice(0, colon))?.forEach(consider);
    this.floating.forEach(consider);
    return best?.index;
  }
}
