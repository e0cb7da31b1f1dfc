/**
 * The roles and users of a Terraform file, as its policies' `appliesTo` names them: `aws_iam_role.app`
 * with its `name` and `path` when literal (a `name_prefix` or an interpolation is no evidence: Terraform
 * or the caller decides the name), and existing ones named by a literal in a role policy or an attachment
 * (`role = "app-role"`). Read with the Terraform reader's HCL helpers; only top-level blocks.
 */
import type { Tree } from 'web-tree-sitter';
import { blockHead, named, readBlock, toNode, topLevelBlocks, type Block } from '../../sources/code/terraform/hcl';
import type { LineIndex } from '../../text/lines';
import type { FilePrincipal, PrincipalType, Written } from './types';

const OWN: Readonly<Record<string, PrincipalType>> = { aws_iam_role: 'role', aws_iam_user: 'user' };

/** The attributes naming existing principals, by resource type. */
const ATTACHING: Readonly<Record<string, readonly { attribute: string; type: PrincipalType; list: boolean }[]>> = {
  aws_iam_role_policy: [{ attribute: 'role', type: 'role', list: false }],
  aws_iam_user_policy: [{ attribute: 'user', type: 'user', list: false }],
  aws_iam_role_policy_attachment: [{ attribute: 'role', type: 'role', list: false }],
  aws_iam_user_policy_attachment: [{ attribute: 'user', type: 'user', list: false }],
  aws_iam_policy_attachment: [
    { attribute: 'roles', type: 'role', list: true },
    { attribute: 'users', type: 'user', list: true },
  ],
};

/** The principals of a Terraform file. Never throws: a tree this reader does not foresee yields what was read. */
export function terraformPrincipals(text: string, tree: Tree, lines: LineIndex): FilePrincipal[] {
  const out: FilePrincipal[] = [];
  const attaching: Block[] = [];
  try {
    for (const node of topLevelBlocks(tree.rootNode)) {
      const head = blockHead(named(node), text);
      const [type, label] = head.labels;
      if (head.type !== 'resource' || type === undefined || label === undefined) continue;
      if (OWN[type]) out.push(own(readBlock(node, text), type, label, OWN[type], text, lines));
      else if (ATTACHING[type]) attaching.push(readBlock(node, text));
    }
    const names = new Set(out.map((p) => p.name?.value));
    for (const block of attaching) {
      for (const { attribute, type, list } of ATTACHING[block.labels[0]!]!) {
        const expression = block.attributes.get(attribute)?.value;
        if (!expression) continue;
        const node = toNode(expression, text);
        const items = list && node.kind === 'array' ? node.items : [node];
        for (const item of items) {
          const name = written(item, attribute, lines);
          // The name of the file's own role is that role (appliesTo gives its address).
          if (name && !names.has(name.value) && !out.some((p) => p.id === name.value))
            out.push({ id: name.value, type, name, iamPath: '/' });
        }
      }
    }
  } catch {
    // What was read so far stands.
  }
  return out;
}

function own(
  block: Block,
  type: string,
  label: string,
  principalType: PrincipalType,
  text: string,
  lines: LineIndex,
): FilePrincipal {
  const attribute = (name: string) => {
    const expression = block.attributes.get(name)?.value;
    return expression && toNode(expression, text);
  };
  const name = written(attribute('name'), 'name', lines);
  const path = attribute('path');
  return {
    id: `${type}.${label}`,
    type: principalType,
    iamPath:
      path === undefined ? '/' : path.kind === 'scalar' && typeof path.value === 'string' ? path.value : undefined,
    ...(name && { name }),
  };
}

function written(node: ReturnType<typeof toNode> | undefined, property: string, lines: LineIndex): Written | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') return undefined;
  return { value: node.value, property, line: lines.positionAt(node.span.start).line + 1 };
}
