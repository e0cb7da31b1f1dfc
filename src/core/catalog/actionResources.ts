import { compileArnFormat, matchCompiled, tokenizeArn, type CompiledArnFormat, type PolicyArn } from './arn';
import type { Catalog } from './catalog';
import { BoundedMemo } from './memo';
import type { Action, ArnInput, ResourceType } from './types';

const compiled = new Map<string, CompiledArnFormat>();

/**
 * The format with every placeholder of the resource part but the last turned into `*` (any text).
 * compileArnFormat keeps inner placeholders from spanning `/`, but some names hold it: log group names
 * (`log-group:${LogGroupName}:log-stream:...` with `/aws/lambda/f`), paths. A rule that reports when
 * nothing matches must not rely on that. A placeholder that is the whole resource part stays a bare name,
 * so a bucket ARN is still not an object ARN.
 */
export function looseArnFormat(format: string): string {
  return format
    .split(/,\s+/)
    .map((alternative) => {
      const fields = alternative.split(':');
      if (fields.length < 6) return alternative;
      const resource = fields.slice(5).join(':');
      const placeholders = [...resource.matchAll(/\$?\{[^}]+\}/g)];
      if (placeholders.length < 2) return alternative;
      let loose = resource;
      for (const p of placeholders.slice(0, -1).reverse())
        loose = loose.slice(0, p.index) + '*' + loose.slice(p.index + p[0].length);
      return [...fields.slice(0, 5), loose].join(':');
    })
    .join(', ');
}

function compiledFormat(format: string): CompiledArnFormat {
  let c = compiled.get(format);
  if (c === undefined) {
    c = compileArnFormat(looseArnFormat(format));
    compiled.set(format, c);
  }
  return c;
}

// Actions are cached by their catalog, so their resolved types can be cached beside them.
const resolved = new WeakMap<Action, readonly ResourceType[] | null>();

/** The resource types an action names, resolved in its service; undefined when one of them is not in the catalog. */
export function actionResourceTypes(catalog: Catalog, action: Action): readonly ResourceType[] | undefined {
  let types = resolved.get(action);
  if (types === undefined) {
    const out: ResourceType[] = [];
    for (const ref of action.resourceTypes) {
      const rt = catalog.resourceType(action.service.prefix, ref.name);
      if (!rt) {
        resolved.set(action, null);
        return undefined;
      }
      out.push(rt);
    }
    types = out;
    resolved.set(action, types);
  }
  return types ?? undefined;
}

/** A policy ARN tokenised once, for testing it against many formats. */
export function policyArn(arn: ArnInput): PolicyArn {
  return tokenizeArn(arn);
}

/** Whether the policy ARN can name a resource of this type, on the loose format ('unknown' answers count as yes). */
export function arnCanBe(resourceType: ResourceType, arn: PolicyArn): boolean {
  return matchCompiled(compiledFormat(resourceType.arnFormat), arn) !== 'no-match';
}

/**
 * Whether the ARN can name some resource type (loose formats, 'unknown' counts as yes). The types of the
 * service the ARN names are tried first, stopping at the first fit; only when none fits are all types
 * tried (some services' ARNs use another namespace, or copies of another service's types).
 */
export function arnFitsSomeType(catalog: Catalog, arn: ArnInput, service: string): boolean {
  let memo = fitMemos.get(catalog);
  if (!memo) fitMemos.set(catalog, (memo = new BoundedMemo()));
  // An unknown part matches anything whatever its label, so the key keeps only where it is.
  const text = typeof arn === 'string' ? arn : arn.map((p) => (typeof p === 'string' ? p : '\u0001')).join('');
  return memo.get(`${service}\u0000${text}`, () => fitsSomeType(catalog, arn, service));
}

const fitMemos = new WeakMap<Catalog, BoundedMemo<boolean>>();
const typeMemos = new WeakMap<ResourceType, BoundedMemo<boolean>>();

/**
 * arnCanBe for a literal ARN, remembered per resource type: a re-lint after a keystroke asks again about
 * every ARN that did not change. `tokens` is called only when the answer is not known yet.
 */
export function literalArnCanBe(resourceType: ResourceType, arn: string, tokens: () => PolicyArn): boolean {
  let memo = typeMemos.get(resourceType);
  if (!memo) typeMemos.set(resourceType, (memo = new BoundedMemo(10_000)));
  return memo.get(arn, () => arnCanBe(resourceType, tokens()));
}

function fitsSomeType(catalog: Catalog, arn: ArnInput, service: string): boolean {
  const tokens = tokenizeArn(arn);
  if (catalog.resourceTypesOf(service).some((rt) => arnCanBe(rt, tokens))) return true;
  return catalog.resourceTypeMatches(arn).length > 0;
}
