/**
 * The roles and users of a CDK app's source, as the CDK reader's `appliesTo` names them (the variable or
 * field a construct is assigned to, else its construct id): `new iam.Role(this, 'Id', { roleName, path })`
 * and `iam.User`, the functions whose role the CDK creates (`Fn/ServiceRole`), and roles or users imported
 * by a literal name or ARN (`iam.Role.fromRoleName(this, 'R', 'app-role')`). Read with the CDK reader's own
 * pieces (imports, bindings, const values), finding the constructs by a text search and asking the tree only
 * there. A name that is a token or a template literal with variables is no evidence.
 */
import type { Tree } from 'web-tree-sitter';
import { Bindings } from '../../sources/code/cdk/bindings';
import { CdkImports } from '../../sources/code/cdk/imports';
import { argumentsOf, pathOf, stringLiteral, type SyntaxNode } from '../../sources/code/cdk/syntax';
import { CodeValues } from '../../sources/code/cdk/values';
import type { LineIndex } from '../../text/lines';
import type { FilePrincipal, PrincipalType, Written } from './types';

interface Construct {
  readonly module: string;
  readonly type: PrincipalType;
  /** The prop of its name, for the principals the construct creates. */
  readonly nameProp?: string;
  /** The construct path's end below its id, where its IAM resource is. */
  readonly resource: readonly string[];
}

const CONSTRUCTS: Readonly<Record<string, Construct>> = {
  Role: { module: 'aws-iam', type: 'role', nameProp: 'roleName', resource: ['Resource'] },
  LazyRole: { module: 'aws-iam', type: 'role', nameProp: 'roleName', resource: ['Resource'] },
  User: { module: 'aws-iam', type: 'user', nameProp: 'userName', resource: ['Resource'] },
  Function: { module: 'aws-lambda', type: 'role', resource: ['ServiceRole', 'Resource'] },
  DockerImageFunction: { module: 'aws-lambda', type: 'role', resource: ['ServiceRole', 'Resource'] },
  SingletonFunction: { module: 'aws-lambda', type: 'role', resource: ['ServiceRole', 'Resource'] },
  NodejsFunction: { module: 'aws-lambda-nodejs', type: 'role', resource: ['ServiceRole', 'Resource'] },
  PythonFunction: { module: 'aws-lambda-python-alpha', type: 'role', resource: ['ServiceRole', 'Resource'] },
};

/** `Role.fromRoleName(scope, id, name)` and the like: the third argument is the name or the ARN. */
const IMPORTS: Readonly<Record<string, { type: PrincipalType; arn: boolean }>> = {
  fromRoleName: { type: 'role', arn: false },
  fromRoleArn: { type: 'role', arn: true },
  fromUserName: { type: 'user', arn: false },
  fromUserArn: { type: 'user', arn: true },
};

const PATTERN = new RegExp(
  `\\b(?:new\\s+(?:[\\w$]+\\s*\\.\\s*)*(?:${Object.keys(CONSTRUCTS).join('|')})|(?:Role|User)\\s*\\.\\s*(?:${Object.keys(IMPORTS).join('|')}))\\s*(?:<[^()]*>\\s*)?\\(`,
  'g',
);

/** The principals of a CDK source. Never throws: code this reader does not foresee yields none. */
export function cdkPrincipals(text: string, tree: Tree, lines: LineIndex): FilePrincipal[] {
  try {
    return new CdkPrincipals(text, tree.rootNode, lines).read();
  } catch {
    return [];
  }
}

class CdkPrincipals {
  private readonly imports: CdkImports;
  private readonly bindings: Bindings;
  private readonly values: CodeValues;

  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
    private readonly lines: LineIndex,
  ) {
    this.imports = new CdkImports(root, text);
    this.bindings = new Bindings(text, root);
    this.values = new CodeValues(this.bindings.consts, text);
  }

  read(): FilePrincipal[] {
    const out: FilePrincipal[] = [];
    if (!this.imports.any) return out;
    for (const match of this.text.matchAll(PATTERN)) {
      const open = match.index + match[0].length - 1;
      const node = this.root.descendantForIndex(match.index, open + 1);
      const principal =
        node?.type === 'new_expression'
          ? this.construct(node)
          : node?.type === 'call_expression'
            ? this.imported(node)
            : undefined;
      if (principal) out.push(principal);
    }
    return out;
  }

  private construct(node: SyntaxNode): FilePrincipal | undefined {
    const resolved = this.imports.resolve(pathOf(node.childForFieldName('constructor')));
    const construct = resolved?.names.length === 1 ? CONSTRUCTS[resolved.names[0]!] : undefined;
    if (!construct || construct.module !== resolved!.module) return undefined;
    const args = argumentsOf(node, this.text);
    const id = args[1]?.type === 'string' ? stringLiteral(args[1]).value : undefined;
    const name = this.bindings.assignedName(node) ?? id;
    if (name === undefined) return undefined;
    const props = this.values.resolve(args[2]);
    const members = props?.type === 'object' ? this.values.members(props) : [];
    const prop = (key: string) => members.find((m) => m.name === key)?.value;
    const written = construct.nameProp ? this.literal(prop(construct.nameProp), construct.nameProp) : undefined;
    const pathNode = prop('path');
    return {
      id: name,
      type: construct.type,
      iamPath: pathNode === undefined ? '/' : this.literal(pathNode, 'path')?.value,
      ...(written && { name: written }),
      ...(id !== undefined && { constructPath: [id, ...construct.resource] }),
    };
  }

  private imported(node: SyntaxNode): FilePrincipal | undefined {
    const path = pathOf(node.childForFieldName('function'));
    const resolved = this.imports.resolve(path?.slice(0, -1));
    const method = path?.[path.length - 1];
    const spec = method === undefined ? undefined : IMPORTS[method];
    if (!spec || resolved?.module !== 'aws-iam' || resolved.names.join() !== (spec.type === 'role' ? 'Role' : 'User'))
      return undefined;
    const args = argumentsOf(node, this.text);
    const id = args[1]?.type === 'string' ? stringLiteral(args[1]).value : undefined;
    const name = this.bindings.assignedName(node) ?? id;
    const written = this.literal(args[2], method!);
    if (name === undefined || !written) return undefined;
    return spec.arn
      ? { id: name, type: spec.type, arn: written, iamPath: undefined }
      : { id: name, type: spec.type, name: written, iamPath: '/' };
  }

  /** A string written out (here or in a `const` of the file), not assembled from anything unknown. */
  private literal(expression: SyntaxNode | undefined, property: string): Written | undefined {
    if (!expression) return undefined;
    const value = this.values.node(expression);
    if (value.kind !== 'scalar' || typeof value.value !== 'string' || value.value === '') return undefined;
    if (this.text.slice(value.span.start, value.span.end) !== value.value) return undefined;
    return { value: value.value, property, line: this.lines.positionAt(value.span.start).line + 1 };
  }
}
