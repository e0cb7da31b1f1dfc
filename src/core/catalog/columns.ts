import { ACCESS_LEVELS, type AccessLevel } from './types';
import {
  DESCRIPTION_SEPARATOR,
  LEAD_IN_MARK,
  NAME_SEPARATOR,
  REFS_SEPARATOR,
  SERVICE,
  type ResourceTypeRow,
  type ServiceRow,
} from './format';

/**
 * One service's action columns. The file stores each column as one joined string (cheap to parse);
 * this splits a column the first time it is needed and then drops the joined string, so a service
 * nobody asks about costs only its strings.
 */
export class ServiceColumns {
  readonly count: number;
  readonly resourceTypeRows: readonly ResourceTypeRow[];
  readonly conditionKeys: readonly number[];
  private readonly levels: string;
  private joinedNames: string | undefined;
  private joinedDescriptions: string | undefined;
  private joinedRefs: string | undefined;
  private nameList: readonly string[] | undefined;
  private lowerList: readonly string[] | undefined;
  private descriptionList: readonly string[] | undefined;
  private refList: readonly string[] | undefined;

  constructor(
    row: ServiceRow,
    private readonly leadIn: string,
  ) {
    this.levels = row[SERVICE.levels];
    this.count = this.levels.length;
    this.joinedNames = row[SERVICE.actionNames];
    this.joinedDescriptions = row[SERVICE.descriptions];
    this.joinedRefs = row[SERVICE.refs];
    this.resourceTypeRows = row[SERVICE.resourceTypes];
    this.conditionKeys = row[SERVICE.conditionKeys];
  }

  /** Canonical action names, sorted case-insensitively. */
  names(): readonly string[] {
    if (this.nameList === undefined) {
      this.nameList = split(this.joinedNames!, NAME_SEPARATOR, this.count);
      if (this.lowerList !== undefined) this.joinedNames = undefined;
    }
    return this.nameList;
  }

  /** Lowercase action names, parallel to names(). */
  lowerNames(): readonly string[] {
    if (this.lowerList === undefined) {
      // One toLowerCase over the joined column is several times faster than one per name.
      this.lowerList = split(this.joinedNames!.toLowerCase(), NAME_SEPARATOR, this.count);
      if (this.nameList !== undefined) this.joinedNames = undefined;
    }
    return this.lowerList;
  }

  description(a: number): string {
    if (this.descriptionList === undefined) {
      this.descriptionList = split(this.joinedDescriptions!, DESCRIPTION_SEPARATOR, this.count);
      this.joinedDescriptions = undefined;
    }
    const stored = this.descriptionList[a]!;
    return stored.startsWith(LEAD_IN_MARK) ? this.leadIn + stored.slice(LEAD_IN_MARK.length) : stored;
  }

  /** The encoded resource types and condition keys of action `a` (see refs.ts). */
  refs(a: number): string {
    if (this.refList === undefined) {
      this.refList = split(this.joinedRefs!, REFS_SEPARATOR, this.count);
      this.joinedRefs = undefined;
    }
    return this.refList[a]!;
  }

  accessLevel(a: number): AccessLevel {
    return ACCESS_LEVELS[this.levels.charCodeAt(a) - 48]!;
  }
}

/**
 * Splits a joined column into exactly `count` parts. The build writes one part per action; should a
 * damaged file hold more or fewer, the column is cut or padded with empty strings so that look-ups
 * stay total (an action loses its description, say) rather than throwing on every keystroke.
 */
function split(joined: string, separator: string, count: number): readonly string[] {
  if (count === 0) return [];
  const parts = joined.split(separator);
  if (parts.length > count) parts.length = count;
  while (parts.length < count) parts.push('');
  return parts;
}
