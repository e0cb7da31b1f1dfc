import type { AccessLevel, Action, ActionResourceType, Service } from './types';
import type { ServiceColumns } from './columns';

/** An action's resource types and condition keys, decoded from its refs entry by the catalog. */
export interface ActionRefs {
  readonly resourceTypes: readonly ActionResourceType[];
  readonly conditionKeys: readonly string[];
}

/**
 * An Action backed by its service's columns. Creating one costs a small object; the description,
 * access level, resource types and condition keys are read from the columns when first asked for,
 * because most callers (expansion, search, completion) only need names. Materialising all 22,000
 * actions eagerly took over 100 ms in a fresh process; this way `allActions()` takes a few.
 *
 * The lazy fields are getters, so `{ ...action }` would lose them: copy fields by name, or use
 * `JSON.stringify`, which goes through toJSON().
 */
export class CatalogAction implements Action {
  readonly #columns: ServiceColumns;
  readonly #index: number;
  readonly #decode: (refs: string) => ActionRefs;
  #refs: ActionRefs | undefined;
  #fullName: string | undefined;

  constructor(
    readonly service: Service,
    readonly name: string,
    columns: ServiceColumns,
    index: number,
    decode: (refs: string) => ActionRefs,
  ) {
    this.#columns = columns;
    this.#index = index;
    this.#decode = decode;
  }

  get fullName(): string {
    return (this.#fullName ??= `${this.service.prefix}:${this.name}`);
  }

  get description(): string {
    return this.#columns.description(this.#index);
  }

  get accessLevel(): AccessLevel {
    return this.#columns.accessLevel(this.#index);
  }

  get resourceTypes(): readonly ActionResourceType[] {
    return this.refs().resourceTypes;
  }

  get conditionKeys(): readonly string[] {
    return this.refs().conditionKeys;
  }

  get wildcardOnly(): boolean {
    return this.refs().resourceTypes.length === 0;
  }

  /** A plain copy of every field, so that serialising an action shows what it holds. */
  toJSON(): Action {
    const { service, name, fullName, description, accessLevel, resourceTypes, conditionKeys, wildcardOnly } = this;
    return { service, name, fullName, description, accessLevel, resourceTypes, conditionKeys, wildcardOnly };
  }

  private refs(): ActionRefs {
    return (this.#refs ??= this.#decode(this.#columns.refs(this.#index)));
  }
}
