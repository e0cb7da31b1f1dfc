/**
 * The roles and users of a CloudFormation/SAM template, as its policies' `appliesTo` names them: the
 * template's own (`RoleName`, `UserName` and `Path` when literal; the logical id a deployed stack knows),
 * a SAM function's generated role (`<Function>Role`), and existing ones named literally where a policy is
 * attached (`Roles: [app-role]`, a `RoleName` of `AWS::IAM::RolePolicy`). A name built by an intrinsic
 * (`!Sub app-${Stage}`) is no evidence: it is left out.
 */
import type { Template, TemplateResource } from '../../policy/model';
import { intrinsicOf } from '../../sources/intrinsics';
import { member, stringOf, type Node } from '../../sources/tree';
import type { LineIndex } from '../../text/lines';
import type { FilePrincipal, PrincipalType, Written } from './types';

/** The name property of each principal type a template defines. */
const NAMED: Readonly<Record<string, { type: PrincipalType; property: string }>> = {
  'AWS::IAM::Role': { type: 'role', property: 'RoleName' },
  'AWS::IAM::User': { type: 'user', property: 'UserName' },
};

/** Where policies name existing principals: the property and the principal type it names. */
const ATTACHING: Readonly<Record<string, readonly { property: string; type: PrincipalType }[]>> = {
  'AWS::IAM::Policy': [
    { property: 'Roles', type: 'role' },
    { property: 'Users', type: 'user' },
  ],
  'AWS::IAM::ManagedPolicy': [
    { property: 'Roles', type: 'role' },
    { property: 'Users', type: 'user' },
  ],
  'AWS::IAM::RolePolicy': [{ property: 'RoleName', type: 'role' }],
  'AWS::IAM::UserPolicy': [{ property: 'UserName', type: 'user' }],
};

const SAM_FUNCTIONS = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

export function templatePrincipals(template: Template, lines: LineIndex): FilePrincipal[] {
  const out: FilePrincipal[] = [];
  const written = (node: Node | undefined, property: string): Written | undefined => {
    const value = stringOf(node);
    return value === undefined || value === '' || !node
      ? undefined
      : { value, property, line: lines.positionAt(node.span.start).line + 1 };
  };
  for (const resource of template.resources) {
    const type = resource.type?.text ?? '';
    const own = NAMED[type];
    if (own)
      out.push(ownPrincipal(resource, own.type, written(member(resource.properties, own.property), own.property)));
    else if (SAM_FUNCTIONS.has(type) && member(resource.properties, 'Role') === undefined)
      // SAM creates the function's role as `<Function>Role`, with a name CloudFormation generates.
      out.push({ id: resource.id.text, type: 'role', iamPath: '/', logicalId: `${resource.id.text}Role` });
  }
  const defined = new Set(out.map((p) => p.name?.value).filter((n) => n !== undefined));
  for (const resource of template.resources) {
    for (const { property, type } of ATTACHING[resource.type?.text ?? ''] ?? []) {
      const node = member(resource.properties, property);
      for (const item of node?.kind === 'array' ? node.items : node ? [node] : []) {
        const name = written(item, property);
        // A name of the template's own principal is that principal (its appliesTo is the logical id).
        if (name && !defined.has(name.value) && !out.some((p) => p.id === name.value)) {
          out.push({ id: name.value, type, name, iamPath: '/' });
        }
      }
    }
  }
  return out;
}

function ownPrincipal(resource: TemplateResource, type: PrincipalType, name: Written | undefined): FilePrincipal {
  const path = member(resource.properties, 'Path');
  const iamPath = path === undefined ? '/' : intrinsicOf(path) ? undefined : stringOf(path);
  return {
    id: resource.id.text,
    type,
    iamPath,
    logicalId: resource.id.text,
    ...(name && { name }),
  };
}
