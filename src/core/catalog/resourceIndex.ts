import type { ArnInput, ResourceType, ResourceTypeMatch } from './types';
import { compileArnFormat, matchCompiled, policyArnService, tokenizeArn, type CompiledArnFormat } from './arn';

/**
 * Every resource type with its compiled ARN format, grouped by the service part of the format so
 * that an ARN naming a service is matched only against that service's formats (a handful) rather
 * than all 2,300. Built on the first ARN question.
 */
export class ResourceTypeIndex {
  private readonly byService = new Map<string, ResourceType[]>();
  /** Types whose format has a placeholder for the service (AWS Backup recovery points): always tried. */
  private readonly anyService: ResourceType[] = [];
  private readonly compiled = new Map<ResourceType, CompiledArnFormat>();

  constructor(private readonly all: readonly ResourceType[]) {
    for (const rt of all) {
      const format = compileArnFormat(rt.arnFormat);
      this.compiled.set(rt, format);
      for (const service of new Set(format.services)) {
        if (service === undefined) {
          this.anyService.push(rt);
          continue;
        }
        const list = this.byService.get(service) ?? [];
        list.push(rt);
        this.byService.set(service, list);
      }
    }
  }

  /**
   * The resource types the ARN can refer to, with how certain that is (see matchArn). Several
   * services declare copies of another service's types (`ec2:role` and `sts:role` are IAM role
   * ARNs), so the types of the service the ARN names come first, then the rest, each in catalog order.
   */
  matches(arn: ArnInput): ResourceTypeMatch[] {
    const policy = tokenizeArn(arn);
    const service = policyArnService(policy);
    const candidates =
      service === undefined ? this.all : new Set([...(this.byService.get(service) ?? []), ...this.anyService]);
    const own: ResourceTypeMatch[] = [];
    const others: ResourceTypeMatch[] = [];
    for (const resourceType of candidates) {
      const match = matchCompiled(this.compiled.get(resourceType)!, policy);
      if (match === 'no-match') continue;
      (resourceType.service.prefix === service ? own : others).push({ resourceType, match });
    }
    return own.concat(others);
  }
}
