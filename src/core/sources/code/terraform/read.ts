/**
 * The IAM policies of one Terraform file: `data "aws_iam_policy_document"` blocks, policies written in
 * resources (jsonencode, heredoc JSON, JSON strings), references between them, and attached managed
 * policies. Only top-level blocks are visited, and only the relevant ones are descended into: a re-lint
 * of a large module costs what its policies cost, not what its syntax tree does.
 *
 * Nothing Terraform computes is guessed. What the module's text says is read (scope.ts): a variable's
 * default or auto-loaded `.tfvars` value, a local written out, in this file or another `.tf` file of the
 * folder, and a few functions of known arguments; a value taken from a variable carries that fact
 * (`PolicyDocument.borrowed`). References to resources, data sources and modules, and everything else,
 * are unknown parts or values. `dynamic` blocks are expanded where their collection is known
 * (dynamic.ts); what cannot be told is said (`notAnalysed`), never skipped.
 */
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type {
  ManagedPolicyAttachment,
  NotAnalysed,
  ParseProblem,
  PolicyDocument,
  PolicyKind,
} from '../../../policy/model';
import { readDocument, type DocumentPlace, type ReadContext } from '../../document';
import { NO_LIST_PARAMETERS, valueOf } from '../../intrinsics';
import { inferKind } from '../../kind';
import { awsManagedPolicyName } from '../../template';
import type { ReadRelative } from '../external';
import type { CodeReading, ExternalDocument } from '../reading';
import { isDocumentPart, readDocumentBlock, type DocumentBlock } from './documentBlock';
import { blockHead, listItems, named, readBlock, referenceParts, toNode, type Block } from './hcl';
import { lambdaPermissionResource } from './lambdaPermission';
import { readModuleInputs } from './moduleInputs';
import { policyValue } from './policyValue';
import {
  ATTACHMENTS,
  ORGANIZATIONS_POLICY_KINDS,
  POLICY_ATTRIBUTES,
  PRINCIPAL_TYPES,
  type PolicyAttribute,
} from './resources';
import { dependencyOf, Scope, Values, type Borrowed } from './scope';

interface Resource {
  readonly type: string;
  readonly address: string;
  readonly block: Block;
}

/**
 * The IAM policies of a Terraform configuration (one `.tf` file). `readFile` reads the module's other
 * files (`file()` policies; with `list`, the variables and locals of its other `.tf` files). Never throws.
 */
export function readTerraform(text: string, tree: Tree, readFile?: ReadRelative): CodeReading {
  try {
    return read(text, tree, readFile);
  } catch (error) {
    // Code this reader does not foresee must never take the linter down with it, nor go unsaid.
    const reason =
      error instanceof RangeError
        ? 'the code nests too deeply for the reader: not analysed'
        : `reading the Terraform code failed (an internal error: ${error instanceof Error ? error.message : String(error)}): not analysed`;
    return { documents: [], problems: [], managedPolicies: [], notAnalysed: [{ reason }] };
  }
}

function read(text: string, tree: Tree, readFile: ReadRelative | undefined): CodeReading {
  const problems: ParseProblem[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const context: ReadContext = { text, problems, ...NO_LIST_PARAMETERS };
  const { resources, documentBlocks, definitions, modules } = topLevel(tree.rootNode, text);
  const scope = new Scope(text, definitions, readFile);

  const addresses = addressesByName(resources, text);
  const attached = new Map<string, string[]>();
  const managedPolicies: ManagedPolicyAttachment[] = [];
  for (const resource of resources) readAttachments(resource, text, addresses, attached, managedPolicies);

  const documents: PolicyDocument[] = [];
  const externalDocuments: ExternalDocument[] = [];
  const usages = new Map<string, DocumentPlace[]>();
  for (const resource of resources) {
    for (const { place, expression } of policiesOf(resource, text, addresses, attached)) {
      const values = new Values(scope);
      // `policy = local.x` where this file writes the local out: the policy is read there.
      const source = text.slice(expression.startIndex, expression.endIndex);
      const local = /^local\.([A-Za-z_][\w-]*)$/.exec(source);
      const written = (local && scope.ownLocal(local[1]!)) || expression;
      const value = policyValue(written, text, problems, values.resolve);
      if (value.kind === 'computed') {
        // A policy that comes from outside the file (a variable, another module, each.value, a data
        // source) is not analysed here: said. A reference to a resource's policy is analysed at that resource.
        const dependency = dependencyOf(text.slice(written.startIndex, written.endIndex));
        if (/^(?:var|local|module|data|each|count)\./.test(dependency)) {
          notAnalysed.push({
            reason: `the policy in ${place.path} comes from ${dependency}: not analysed`,
            span: { start: expression.startIndex, end: expression.endIndex },
          });
        }
      } else if (value.kind === 'node') {
        const document = readDocument(value.node, place, context);
        if (document) documents.push(withBorrowed(document, values.borrowed));
      } else if (value.kind === 'data') {
        const list = usages.get(value.name) ?? [];
        list.push(place);
        usages.set(value.name, list);
      } else if (value.kind === 'file') {
        externalDocuments.push({
          path: value.path,
          span: value.span,
          template: value.template,
          kind: place.kind,
          usedAt: place.path,
          ...placeFields(place),
        });
      }
    }
  }

  for (const module of modules) {
    for (const input of readModuleInputs(module, scope, problems, notAnalysed)) {
      if (input.kind === 'data') {
        // The block takes the input's kind when its name tells one; else its content tells.
        if (input.policyKind)
          usages.set(input.name, [...(usages.get(input.name) ?? []), { kind: input.policyKind, path: input.path }]);
        continue;
      }
      const document = readDocument(input.node, { kind: input.policyKind ?? 'identity', path: input.path }, context);
      if (!document) continue;
      const kind = input.policyKind ? {} : inferKind(document.statements);
      documents.push(
        withBorrowed(
          { ...document, ...kind, ...(input.construct && { construct: 'terraform-block' as const }) },
          input.borrowed,
        ),
      );
    }
  }

  const blocks = new Map<string, { block: DocumentBlock; borrowed: Borrowed[] }>();
  const includedBy = new Map<string, string[]>();
  for (const [name, block] of documentBlocks) {
    const values = new Values(scope);
    const document = readDocumentBlock(block, values, notAnalysed);
    blocks.set(name, { block: document, borrowed: values.borrowed });
    for (const included of document.includes) includedBy.set(included, [...(includedBy.get(included) ?? []), name]);
  }
  for (const [name, { block, borrowed }] of blocks) {
    const path = `data.aws_iam_policy_document.${name}`;
    const place = placeOfBlock(name, path, includedBy, usages);
    const document = readDocument(block.node, place ?? { kind: 'identity', path }, context);
    if (!document) continue;
    // A block used nowhere in this file (or only in other files): what it is for is told by its content.
    const kind = place ? {} : inferKind(document.statements);
    documents.push(withBorrowed({ ...document, ...kind, construct: 'terraform-block' }, borrowed));
  }

  documents.sort((a, b) => a.span.start - b.span.start);
  notAnalysed.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const permissions = resources
    .filter((r) => r.type === 'aws_lambda_permission')
    .map((r) => lambdaPermissionResource(r.address, r.block, text));
  return {
    documents,
    problems,
    managedPolicies,
    ...(permissions.length > 0 && { resources: permissions }),
    ...(externalDocuments.length > 0 && { externalDocuments }),
    ...(notAnalysed.length > 0 && { notAnalysed }),
  };
}

/** The document with the values it shows at references (the same reference once). */
function withBorrowed(document: PolicyDocument, borrowed: readonly Borrowed[]): PolicyDocument {
  if (borrowed.length === 0) return document;
  const seen = new Set<string>();
  const unique = borrowed.filter((b) => {
    const key = `${b.span.start}:${b.span.end}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ...document, borrowed: unique };
}

function placeFields(place: DocumentPlace): { appliesTo?: readonly string[]; resourceService?: string } {
  return {
    ...(place.appliesTo && { appliesTo: place.appliesTo }),
    ...(place.resourceService && { resourceService: place.resourceService }),
  };
}

/**
 * The top-level `resource` and `data "aws_iam_policy_document"` blocks. Half-typed text (a missing
 * closing brace) can nest a block inside the one before it, or leave the root an error: blocks are
 * also looked for one level down there.
 */
function topLevel(
  root: SyntaxNode,
  text: string,
): { resources: Resource[]; documentBlocks: Map<string, Block>; definitions: SyntaxNode[]; modules: Block[] } {
  const resources: Resource[] = [];
  const documentBlocks = new Map<string, Block>();
  const definitions: SyntaxNode[] = [];
  const modules: Block[] = [];
  const pending: SyntaxNode[] = [];
  for (const child of named(root)) {
    if (child.type === 'body' || child.type === 'ERROR')
      for (const item of named(child)) if (item.type === 'block') pending.push(item);
    if (child.type === 'block') pending.push(child);
  }
  for (let i = 0; i < pending.length; i++) {
    const node = pending[i];
    const head = blockHead(named(node), text);
    const [type, name] = head.labels;
    if (head.type === 'resource' && name !== undefined && isRelevant(type)) {
      resources.push({
        type,
        address: `${type}.${name}`,
        block: readBlock(node, text, (nested) => nested === 'inline_policy'),
      });
    } else if (head.type === 'data' && type === 'aws_iam_policy_document' && name !== undefined) {
      documentBlocks.set(name, readBlock(node, text, isDocumentPart));
    } else if (head.type === 'variable' || head.type === 'locals') {
      definitions.push(node);
    } else if (head.type === 'module' && head.labels.length > 0) {
      modules.push(readBlock(node, text));
    }
    // Only a block with a syntax error can have swallowed the blocks after it.
    if (node.hasError) for (const nested of nestedTopLevel(node, text)) pending.push(nested);
  }
  return { resources, documentBlocks, definitions, modules };
}

function isRelevant(type: string): boolean {
  return (
    POLICY_ATTRIBUTES.has(type) ||
    ATTACHMENTS.has(type) ||
    PRINCIPAL_TYPES.has(type) ||
    type === 'aws_organizations_policy' ||
    type === 'aws_lambda_permission'
  );
}

/** Block nodes directly in a block's body that can only be top-level ones misplaced by a missing brace. */
function nestedTopLevel(node: SyntaxNode, text: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const body = named(node).find((c) => c.type === 'body');
  if (!body) return out;
  for (const child of named(body)) {
    if (child.type !== 'block') continue;
    const head = child.firstNamedChild;
    const type = head?.type === 'identifier' ? text.slice(head.startIndex, head.endIndex) : '';
    if (type === 'resource' || type === 'data') out.push(child);
  }
  return out;
}

/** `name = "deploy"` of roles, users and groups → their address, for principals named by a literal name. */
function addressesByName(resources: readonly Resource[], text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const resource of resources) {
    if (!PRINCIPAL_TYPES.has(resource.type)) continue;
    const name = resource.block.attributes.get('name')?.value;
    const node = name && toNode(name, text);
    if (node?.kind === 'scalar' && typeof node.value === 'string')
      out.set(`${resource.type}:${node.value}`, resource.address);
  }
  return out;
}

/**
 * The principal an attribute names: a reference (`aws_iam_role.deploy.name`, `.id`, `.arn`) → the
 * address `aws_iam_role.deploy`; a literal name → the address of the resource with that name in this
 * file, else the name itself. Undefined when computed.
 */
function principalOf(
  expression: SyntaxNode | undefined,
  type: string,
  text: string,
  addresses: ReadonlyMap<string, string>,
): string | undefined {
  if (!expression) return undefined;
  const parts = referenceParts(expression, text);
  if (parts) return parts.length >= 2 && parts[0] === type ? `${parts[0]}.${parts[1]}` : undefined;
  const node = toNode(expression, text);
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') return undefined;
  return addresses.get(`${type}:${node.value}`) ?? node.value;
}

function principalsOf(
  expression: SyntaxNode | undefined,
  type: string,
  list: boolean,
  text: string,
  addresses: ReadonlyMap<string, string>,
): string[] {
  if (!expression) return [];
  if (!list) {
    const one = principalOf(expression, type, text, addresses);
    return one === undefined ? [] : [one];
  }
  const out: string[] = [];
  for (const item of listItems(expression, text)) {
    const one = principalOf(item, type, text, addresses);
    if (one !== undefined) out.push(one);
  }
  return out;
}

/**
 * Policy attachments: `aws_iam_policy.x.arn` attached to principals gives that policy its `appliesTo`;
 * any other ARN (AWS managed ones especially) is a managed policy attachment for the template rules.
 */
function readAttachments(
  resource: Resource,
  text: string,
  addresses: ReadonlyMap<string, string>,
  attached: Map<string, string[]>,
  out: ManagedPolicyAttachment[],
): void {
  const add = (principals: readonly string[], principalType: string, arn: SyntaxNode | undefined): void => {
    if (!arn) return;
    const parts = referenceParts(arn, text);
    if (parts) {
      if (parts.length >= 2 && parts[0] === 'aws_iam_policy') {
        const policy = `${parts[0]}.${parts[1]}`;
        const list = attached.get(policy) ?? [];
        for (const principal of principals) if (!list.includes(principal)) list.push(principal);
        attached.set(policy, list);
      }
      return;
    }
    const node = toNode(arn, text);
    if (node.kind !== 'scalar' && node.kind !== 'template') return;
    const value = valueOf(node);
    if (value.kind !== 'string') return;
    const awsManagedName = awsManagedPolicyName(value, false);
    const principal = principals.length > 0 ? principals.join(', ') : resource.address;
    out.push({ principal, principalType, value, ...(awsManagedName !== undefined && { awsManagedName }) });
  };

  if (resource.type === 'aws_iam_role' || resource.type === 'aws_iam_user' || resource.type === 'aws_iam_group') {
    // `managed_policy_arns` (roles only in the provider; harmless elsewhere).
    const list = resource.block.attributes.get('managed_policy_arns')?.value;
    if (list)
      for (const item of listItems(list, text)) add([resource.address], PRINCIPAL_TYPES.get(resource.type)!, item);
    return;
  }
  const targets = ATTACHMENTS.get(resource.type);
  if (!targets) return;
  const principals: string[] = [];
  let principalType = '';
  for (const target of targets) {
    const found = principalsOf(
      resource.block.attributes.get(target.attribute)?.value,
      target.type,
      target.list,
      text,
      addresses,
    );
    if (found.length > 0 && principalType === '') principalType = PRINCIPAL_TYPES.get(target.type)!;
    principals.push(...found);
  }
  add(
    principals,
    principalType || PRINCIPAL_TYPES.get(targets[0].type)!,
    resource.block.attributes.get('policy_arn')?.value,
  );
}

/** The policy attributes of a resource, each with where its document sits and what it is for. */
function policiesOf(
  resource: Resource,
  text: string,
  addresses: ReadonlyMap<string, string>,
  attached: ReadonlyMap<string, string[]>,
): { place: DocumentPlace; expression: SyntaxNode }[] {
  const out: { place: DocumentPlace; expression: SyntaxNode }[] = [];
  const { block, address } = resource;
  if (resource.type === 'aws_organizations_policy') {
    const type = block.attributes.get('type')?.value;
    const typeNode = type && toNode(type, text);
    const kind: PolicyKind | undefined = !typeNode
      ? 'scp'
      : typeNode.kind === 'scalar'
        ? ORGANIZATIONS_POLICY_KINDS.get(String(typeNode.value))
        : undefined;
    const content = block.attributes.get('content')?.value;
    if (kind && content) out.push({ place: { kind, path: `${address}.content` }, expression: content });
    return out;
  }
  for (const spec of POLICY_ATTRIBUTES.get(resource.type) ?? []) {
    const expression = block.attributes.get(spec.attribute)?.value;
    if (!expression) continue;
    out.push({ place: placeOf(resource, spec, text, addresses, attached), expression });
  }
  if (resource.type === 'aws_iam_role') {
    block.blocks
      .filter((nested) => nested.type === 'inline_policy')
      .forEach((nested, i) => {
        const expression = nested.attributes.get('policy')?.value;
        if (expression)
          out.push({
            place: { kind: 'identity', path: `${address}.inline_policy[${i}].policy`, appliesTo: [address] },
            expression,
          });
      });
  }
  return out;
}

function placeOf(
  resource: Resource,
  spec: PolicyAttribute,
  text: string,
  addresses: ReadonlyMap<string, string>,
  attached: ReadonlyMap<string, string[]>,
): DocumentPlace {
  const path = `${resource.address}.${spec.attribute}`;
  let appliesTo: readonly string[] | undefined;
  if (resource.type === 'aws_iam_policy') appliesTo = attached.get(resource.address);
  else if (spec.principal === 'self') appliesTo = [resource.address];
  else if (spec.principal) {
    const one = principalOf(
      resource.block.attributes.get(spec.principal.attribute)?.value,
      spec.principal.type,
      text,
      addresses,
    );
    appliesTo = one === undefined ? undefined : [one];
  }
  return {
    kind: spec.kind,
    path,
    ...(appliesTo && appliesTo.length > 0 && { appliesTo }),
    ...(spec.resourceService && { resourceService: spec.resourceService }),
  };
}

/**
 * What a document block is for: where it is used (`assume_role_policy` → trust), directly or through
 * the blocks that include it (`source_policy_documents`). Used in several places of one kind, it applies
 * to all their principals; used for different kinds, its content tells. Undefined when unused here.
 */
function placeOfBlock(
  name: string,
  path: string,
  includedBy: ReadonlyMap<string, readonly string[]>,
  usages: ReadonlyMap<string, DocumentPlace[]>,
): DocumentPlace | undefined {
  const places: DocumentPlace[] = [];
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    places.push(...(usages.get(current) ?? []));
    // Blocks that include this one use it where they are used.
    for (const other of includedBy.get(current) ?? []) visit(other);
  };
  visit(name);
  if (places.length === 0) return undefined;
  const kind = places[0].kind;
  if (places.some((place) => place.kind !== kind)) return undefined;
  const appliesTo = [...new Set(places.flatMap((place) => place.appliesTo ?? []))];
  const services = new Set(places.map((place) => place.resourceService));
  const service = services.size === 1 ? places[0].resourceService : undefined;
  return { kind, path, ...(appliesTo.length > 0 && { appliesTo }), ...(service && { resourceService: service }) };
}
