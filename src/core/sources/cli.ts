/**
 * Policies in what the AWS CLI prints: `iam get-policy-version`, `get-role`, `get-role-policy` (and the
 * user and group forms), `get-account-authorization-details`, and the resource-policy getters whose
 * output holds the policy as a JSON string (`s3api get-bucket-policy`, `kms get-key-policy`...).
 */
import type { PolicyDocument } from '../policy/model';
import { readDocument, readDocumentsAt, type DocumentPlace, type ReadContext } from './document';
import { soleService } from './kind';
import { member, stringOf, type Node, type ObjectNode } from './tree';

/** The documents of CLI output, or undefined when `root` is not a shape the CLI prints. */
export function readCliOutput(root: ObjectNode, context: ReadContext): PolicyDocument[] | undefined {
  const out: PolicyDocument[] = [];
  let recognised = false;
  const at = (node: Node | undefined, place: DocumentPlace): void => {
    if (!node) return;
    recognised = true;
    readDocumentsAt(node, place, context, out);
  };

  const version = member(root, 'PolicyVersion');
  if (version?.kind === 'object') at(member(version, 'Document'), { kind: 'identity', path: 'PolicyVersion.Document' });

  const role = member(root, 'Role');
  if (role?.kind === 'object') {
    at(member(role, 'AssumeRolePolicyDocument'), { kind: 'trust', path: 'Role.AssumeRolePolicyDocument' });
  }

  const inline = member(root, 'PolicyDocument');
  if (inline) {
    const owner =
      stringOf(member(root, 'RoleName')) ?? stringOf(member(root, 'UserName')) ?? stringOf(member(root, 'GroupName'));
    at(inline, { kind: 'identity', path: 'PolicyDocument', ...(owner !== undefined && { appliesTo: [owner] }) });
  }

  recognised = readAuthorizationDetails(root, at) || recognised;
  recognised = readResourcePolicyOutput(root, context, out) || recognised;
  return recognised ? out : undefined;
}

type At = (node: Node | undefined, place: DocumentPlace) => void;

/** `aws iam get-account-authorization-details`. */
function readAuthorizationDetails(root: ObjectNode, at: At): boolean {
  const lists: [list: string, inline: string, name: string][] = [
    ['UserDetailList', 'UserPolicyList', 'UserName'],
    ['GroupDetailList', 'GroupPolicyList', 'GroupName'],
    ['RoleDetailList', 'RolePolicyList', 'RoleName'],
  ];
  let found = false;
  for (const [listKey, inlineKey, nameKey] of lists) {
    const list = member(root, listKey);
    if (list?.kind !== 'array') continue;
    found = true;
    list.items.forEach((principal, i) => {
      const owner = stringOf(member(principal, nameKey));
      const appliesTo = owner === undefined ? undefined : [owner];
      const policies = member(principal, inlineKey);
      if (policies?.kind === 'array') {
        policies.items.forEach((policy, j) => {
          at(member(policy, 'PolicyDocument'), {
            kind: 'identity',
            path: `${listKey}[${i}].${inlineKey}[${j}].PolicyDocument`,
            appliesTo,
          });
        });
      }
      if (listKey === 'RoleDetailList')
        at(member(principal, 'AssumeRolePolicyDocument'), {
          kind: 'trust',
          path: `${listKey}[${i}].AssumeRolePolicyDocument`,
        });
    });
  }
  const managed = member(root, 'Policies');
  if (managed?.kind === 'array') {
    managed.items.forEach((policy, i) => {
      const versions = member(policy, 'PolicyVersionList');
      if (versions?.kind !== 'array') return;
      found = true;
      versions.items.forEach((version, j) => {
        at(member(version, 'Document'), { kind: 'identity', path: `Policies[${i}].PolicyVersionList[${j}].Document` });
      });
    });
  }
  return found;
}

/**
 * `{"Policy": "<JSON>"}` (s3api get-bucket-policy, lambda get-policy, kms get-key-policy),
 * `{"ResourcePolicy": "<JSON>"}` (secretsmanager get-resource-policy), `{"policyText": "<JSON>"}`
 * (ecr get-repository-policy). The key alone is not enough (`iam get-policy` prints a `Policy` object
 * without a document): the value must be a policy.
 */
function readResourcePolicyOutput(root: ObjectNode, context: ReadContext, out: PolicyDocument[]): boolean {
  let found = false;
  for (const key of ['Policy', 'ResourcePolicy', 'policyText']) {
    const node = member(root, key);
    const text = stringOf(node);
    const isPolicy = text !== undefined ? /^\s*(\{|%7b)/i.test(text) : member(node, 'Statement') !== undefined;
    if (!node || !isPolicy) continue;
    found = true;
    const document = readDocument(node, { kind: 'resource', path: key }, context);
    if (!document) continue;
    const service = soleService(document.statements);
    out.push(service ? { ...document, resourceService: service } : document);
  }
  return found;
}
