/**
 * Policies in a Terraform plan (`terraform show -json plan.out`): the planned values of each resource,
 * where the provider holds every policy as a JSON string (rendered from `jsonencode`, a document block
 * or a file). Values known only after apply are absent from `planned_values`: such a policy is simply
 * not there, never guessed.
 */
import type { ManagedPolicyAttachment, PolicyDocument, Template } from '../policy/model';
import { POLICY_ATTRIBUTES, PRINCIPAL_TYPES, ORGANIZATIONS_POLICY_KINDS } from './code/terraform/resources';
import { readDocument, type DocumentPlace, type ReadContext } from './document';
import { valueOf } from './intrinsics';
import { awsManagedPolicyName } from './template';
import { member, stringOf, type Node, type ObjectNode } from './tree';

/** A plan (or `terraform show -json` state) by its content: a `format_version` beside planned values or changes. */
export function isTerraformPlan(root: ObjectNode): boolean {
  return (
    stringOf(member(root, 'format_version')) !== undefined &&
    (member(root, 'planned_values') !== undefined || member(root, 'resource_changes') !== undefined)
  );
}

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly values: ObjectNode;
}

export function readTerraformPlan(
  root: ObjectNode,
  context: ReadContext,
): { documents: PolicyDocument[]; template: Template } {
  const resources = plannedResources(root);
  const addresses = new Map<string, string>();
  for (const r of resources) {
    const name = stringOf(member(r.values, 'name'));
    if (name !== undefined && PRINCIPAL_TYPES.has(r.type)) addresses.set(`${r.type}:${name}`, r.address);
  }
  const managedPolicies: ManagedPolicyAttachment[] = [];
  const attachedTo = attachments(resources, addresses, managedPolicies);

  const documents: PolicyDocument[] = [];
  const read = (node: Node | undefined, place: DocumentPlace): void => {
    if (!node || (node.kind === 'scalar' && (node.value === null || node.value === ''))) return;
    const document = readDocument(node, place, context);
    if (document) documents.push(document);
  };
  for (const r of resources) {
    if (r.type === 'aws_organizations_policy') {
      const kind = ORGANIZATIONS_POLICY_KINDS.get(stringOf(member(r.values, 'type')) ?? 'SERVICE_CONTROL_POLICY');
      if (kind) read(member(r.values, 'content'), { kind, path: `${r.address}.content` });
      continue;
    }
    for (const spec of POLICY_ATTRIBUTES.get(r.type) ?? []) {
      let appliesTo: string[] | undefined;
      if (r.type === 'aws_iam_policy') appliesTo = attachedTo(r);
      else if (spec.principal && spec.principal !== 'self') {
        const name = stringOf(member(r.values, spec.principal.attribute));
        if (name !== undefined) appliesTo = [addresses.get(`${spec.principal.type}:${name}`) ?? name];
      }
      read(member(r.values, spec.attribute), {
        kind: spec.kind,
        path: r.address,
        ...(appliesTo && appliesTo.length > 0 && { appliesTo }),
        ...(spec.resourceService && { resourceService: spec.resourceService }),
      });
    }
    if (r.type === 'aws_iam_role') {
      const inline = member(r.values, 'inline_policy');
      if (inline?.kind === 'array') {
        inline.items.forEach((item, i) =>
          read(member(item, 'policy'), {
            kind: 'identity',
            path: `${r.address}.inline_policy[${i}]`,
            appliesTo: [r.address],
          }),
        );
      }
    }
  }
  return { documents, template: { resources: [], parameters: [], managedPolicies } };
}

/**
 * The resources of `planned_values` (the root module and every child module), or, in a plan without
 * them, the `after` values of `resource_changes` that are not deleted.
 */
function plannedResources(root: ObjectNode): PlannedResource[] {
  const out: PlannedResource[] = [];
  const add = (node: Node, values: Node | undefined): void => {
    const address = stringOf(member(node, 'address'));
    const type = stringOf(member(node, 'type'));
    // Data sources' values are what they read, not what this configuration writes.
    if (
      address === undefined ||
      type === undefined ||
      values?.kind !== 'object' ||
      stringOf(member(node, 'mode')) === 'data'
    )
      return;
    out.push({ address, type, values });
  };
  const visit = (module: Node | undefined, depth: number): void => {
    if (module?.kind !== 'object' || depth > 50) return;
    const resources = member(module, 'resources');
    if (resources?.kind === 'array') for (const r of resources.items) add(r, member(r, 'values'));
    const children = member(module, 'child_modules');
    if (children?.kind === 'array') for (const child of children.items) visit(child, depth + 1);
  };
  const planned = member(root, 'planned_values');
  if (planned) {
    visit(member(planned, 'root_module'), 0);
    return out;
  }
  const changes = member(root, 'resource_changes');
  if (changes?.kind === 'array')
    for (const change of changes.items) add(change, member(member(change, 'change'), 'after'));
  return out;
}

/**
 * Policy attachments: customer managed policies of the plan get the principals they are attached to
 * (matched by ARN, or by name when the ARN is not known until apply); other ARNs are managed policy
 * attachments for the template rules.
 */
function attachments(
  resources: readonly PlannedResource[],
  addresses: ReadonlyMap<string, string>,
  out: ManagedPolicyAttachment[],
): (policy: PlannedResource) => string[] {
  const byArn = new Map<string, string[]>();
  const principal = (type: string, name: string | undefined): string | undefined =>
    name === undefined ? undefined : (addresses.get(`${type}:${name}`) ?? name);
  const record = (
    principals: readonly string[],
    principalType: string,
    arnNode: Node | undefined,
    fallback: string,
  ): void => {
    const arn = stringOf(arnNode);
    if (!arnNode || arn === undefined) return;
    const list = byArn.get(arn) ?? [];
    for (const p of principals) if (!list.includes(p)) list.push(p);
    byArn.set(arn, list);
    const value = valueOf(arnNode);
    const awsManagedName = awsManagedPolicyName(value, false);
    // A customer managed policy of this plan is read as a document: listing it here too would say nothing more.
    if (resources.some((r) => r.type === 'aws_iam_policy' && matches(r, arn))) return;
    out.push({
      principal: principals.length > 0 ? principals.join(', ') : fallback,
      principalType,
      value,
      ...(awsManagedName !== undefined && { awsManagedName }),
    });
  };
  for (const r of resources) {
    const single: Record<string, string> = {
      aws_iam_role_policy_attachment: 'role',
      aws_iam_user_policy_attachment: 'user',
      aws_iam_group_policy_attachment: 'group',
    };
    const attribute = single[r.type];
    if (attribute) {
      const type = `aws_iam_${attribute}`;
      const p = principal(type, stringOf(member(r.values, attribute)));
      record(p === undefined ? [] : [p], PRINCIPAL_TYPES.get(type)!, member(r.values, 'policy_arn'), r.address);
    } else if (r.type === 'aws_iam_policy_attachment') {
      const principals: string[] = [];
      for (const [attr, type] of [
        ['roles', 'aws_iam_role'],
        ['users', 'aws_iam_user'],
        ['groups', 'aws_iam_group'],
      ] as const) {
        const list = member(r.values, attr);
        if (list?.kind === 'array')
          for (const item of list.items) principals.push(principal(type, stringOf(item)) ?? '');
      }
      record(principals.filter(Boolean), 'AWS::IAM::Role', member(r.values, 'policy_arn'), r.address);
    } else if (r.type === 'aws_iam_role') {
      const list = member(r.values, 'managed_policy_arns');
      if (list?.kind === 'array') for (const item of list.items) record([r.address], 'AWS::IAM::Role', item, r.address);
    }
  }
  return (policy) => {
    const found: string[] = [];
    for (const [arn, principals] of byArn)
      if (matches(policy, arn)) for (const p of principals) if (!found.includes(p)) found.push(p);
    return found;
  };
}

/** Whether `arn` is this planned `aws_iam_policy`: its ARN when known, else its path and name. */
function matches(policy: PlannedResource, arn: string): boolean {
  const own = stringOf(member(policy.values, 'arn'));
  if (own !== undefined) return own === arn;
  const name = stringOf(member(policy.values, 'name'));
  const path = stringOf(member(policy.values, 'path')) ?? '/';
  return name !== undefined && arn.endsWith(`:policy${path}${name}`);
}
