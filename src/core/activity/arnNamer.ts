import { actionResourceTypes } from '../catalog/actionResources';
import type { Catalog } from '../catalog/catalog';
import type { ResourceType } from '../catalog/types';
import { arnOfName, type EventPlace, type Naming } from './arnOfName';
import type { ActivityResource } from './event';

/** The ARN of a resource an event of `action` names, or why its name gives none (arnOfName.ts). */
export type ArnNamer = (action: string, resource: ActivityResource, place: EventPlace) => Naming | undefined;

/** arnOfName with the action's resource types from the catalog, each action's looked up once. */
export function arnNamer(catalog: Catalog): ArnNamer {
  const typesOf = new Map<string, readonly ResourceType[]>();
  return (action, resource, place) => {
    if (resource.arn !== undefined) return { arn: resource.arn };
    let types = typesOf.get(action);
    if (types === undefined) {
      const known = catalog.action(action);
      types = (known === undefined ? undefined : actionResourceTypes(catalog, known)) ?? [];
      typesOf.set(action, types);
    }
    return arnOfName(resource, types, place);
  };
}
