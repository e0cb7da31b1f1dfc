/**
 * References in a CDK app's TypeScript (or JavaScript): existing resources imported by name or ARN
 * (`s3.Bucket.fromBucketName(this, 'B', 'name')`, `iam.Role.fromRoleArn(...)`), and constructs that
 * give their resource a literal name (`new s3.Bucket(this, 'B', { bucketName: 'name' })`). Read with the
 * CDK reader's own pieces (src/core/sources/code/cdk): its imports, so any import form and alias counts
 * and a class of the user's own called `Bucket` does not; its values, so a `const` of the file is read
 * where it is declared. As there, the calls are found by a regular expression over the text and the
 * tree is asked only about the nodes found (every question crosses into WebAssembly).
 */
import type { Tree } from 'web-tree-sitter';
import { Bindings } from '../sources/code/cdk/bindings';
import { CdkImports } from '../sources/code/cdk/imports';
import { argumentsOf, pathOf, type SyntaxNode } from '../sources/code/cdk/syntax';
import { CodeValues } from '../sources/code/cdk/values';
import { byName } from './reference';
import type { ResourceReference } from './types';

/** A class of aws-cdk-lib, its resource's type, the prop naming a new one and the static methods importing one. */
interface CdkClass {
  readonly module: string;
  readonly name: string;
  readonly type: string;
  readonly prop?: string;
  /** `fromXName`/`fromXArn(scope, id, value)`: the value is the third argument. */
  readonly imports: readonly string[];
}

const cdkClass = (module: string, name: string, type: string, prop?: string, ...imports: string[]): CdkClass => ({
  module,
  name,
  type,
  ...(prop && { prop }),
  imports,
});

const CLASSES: readonly CdkClass[] = [
  cdkClass('aws-s3', 'Bucket', 'AWS::S3::Bucket', 'bucketName', 'fromBucketName', 'fromBucketArn'),
  cdkClass('aws-s3', 'CfnBucket', 'AWS::S3::Bucket', 'bucketName'),
  cdkClass('aws-iam', 'Role', 'AWS::IAM::Role', 'roleName', 'fromRoleName', 'fromRoleArn'),
  cdkClass('aws-iam', 'CfnRole', 'AWS::IAM::Role', 'roleName'),
  cdkClass('aws-iam', 'User', 'AWS::IAM::User', 'userName', 'fromUserName', 'fromUserArn'),
  cdkClass('aws-iam', 'Group', 'AWS::IAM::Group', 'groupName', 'fromGroupName', 'fromGroupArn'),
  cdkClass(
    'aws-iam',
    'ManagedPolicy',
    'AWS::IAM::ManagedPolicy',
    'managedPolicyName',
    'fromManagedPolicyName',
    'fromManagedPolicyArn',
  ),
  cdkClass('aws-lambda', 'Function', 'AWS::Lambda::Function', 'functionName', 'fromFunctionName', 'fromFunctionArn'),
  cdkClass('aws-lambda', 'DockerImageFunction', 'AWS::Lambda::Function', 'functionName'),
  cdkClass('aws-lambda', 'CfnFunction', 'AWS::Lambda::Function', 'functionName'),
  cdkClass('aws-lambda-nodejs', 'NodejsFunction', 'AWS::Lambda::Function', 'functionName'),
  cdkClass('aws-lambda-python-alpha', 'PythonFunction', 'AWS::Lambda::Function', 'functionName'),
  cdkClass('aws-dynamodb', 'Table', 'AWS::DynamoDB::Table', 'tableName', 'fromTableName', 'fromTableArn'),
  cdkClass('aws-dynamodb', 'TableV2', 'AWS::DynamoDB::Table', 'tableName', 'fromTableName', 'fromTableArn'),
  cdkClass('aws-sqs', 'Queue', 'AWS::SQS::Queue', 'queueName', 'fromQueueArn'),
  cdkClass('aws-sns', 'Topic', 'AWS::SNS::Topic', 'topicName', 'fromTopicArn'),
  cdkClass(
    'aws-secretsmanager',
    'Secret',
    'AWS::SecretsManager::Secret',
    'secretName',
    'fromSecretNameV2',
    'fromSecretCompleteArn',
    'fromSecretPartialArn',
  ),
  cdkClass('aws-kms', 'Key', 'AWS::KMS::Key', undefined, 'fromKeyArn'),
  cdkClass('aws-kms', 'Alias', 'AWS::KMS::Alias', 'aliasName', 'fromAliasName'),
  cdkClass('aws-logs', 'LogGroup', 'AWS::Logs::LogGroup', 'logGroupName', 'fromLogGroupName', 'fromLogGroupArn'),
  cdkClass('aws-kinesis', 'Stream', 'AWS::Kinesis::Stream', 'streamName', 'fromStreamArn'),
  cdkClass(
    'aws-stepfunctions',
    'StateMachine',
    'AWS::StepFunctions::StateMachine',
    'stateMachineName',
    'fromStateMachineName',
    'fromStateMachineArn',
  ),
  cdkClass(
    'aws-ecr',
    'Repository',
    'AWS::ECR::Repository',
    'repositoryName',
    'fromRepositoryName',
    'fromRepositoryArn',
  ),
  cdkClass('aws-ssm', 'StringParameter', 'AWS::SSM::Parameter', 'parameterName', 'fromStringParameterName'),
];

/** `alias` of a new `kms.Key` names the alias the CDK creates with it. */
const KEY_ALIAS_PROP = 'alias';

/** The references of a CDK app's source, from its tree. Never throws: code this reader does not foresee yields none. */
export function cdkReferences(text: string, tree: Tree): ResourceReference[] {
  try {
    return new CdkReferences(text, tree.rootNode).read();
  } catch {
    return [];
  }
}

class CdkReferences {
  private readonly imports: CdkImports;
  private readonly values: CodeValues;
  private readonly out: ResourceReference[] = [];

  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
  ) {
    this.imports = new CdkImports(root, text);
    this.values = new CodeValues(new Bindings(text, root).consts, text);
  }

  read(): ResourceReference[] {
    if (!this.imports.any) return this.out;
    // Local names of the classes: their own, and the aliases of named imports (`Bucket as B`).
    const names = new Set(CLASSES.map((c) => c.name));
    for (const c of CLASSES) for (const alias of this.imports.aliasesOf(c.module, [c.name])) names.add(alias);
    const classes = [...names].map(escape).join('|');
    const methods = [...new Set(CLASSES.flatMap((c) => c.imports))].join('|');
    const pattern = new RegExp(
      `\\bnew\\s+(?:[\\w$]+\\s*\\.\\s*)*(?:${classes})\\b|\\b(?:${classes})\\s*\\.\\s*(?:${methods})\\b`,
      'g',
    );
    for (const match of this.text.matchAll(pattern)) this.at(match.index, match[0]);
    return this.out;
  }

  /** The `new` or call expression written at `start` (found as the smallest node holding it and its `(`). */
  private at(start: number, written: string): void {
    const open = this.text.indexOf('(', start + written.length);
    // Only blanks and type arguments between the name and its `(`: `new Bucket<T>(`.
    if (open < 0 || !/^\s*(?:<[^()]*>\s*)?$/.test(this.text.slice(start + written.length, open))) return;
    const node = this.root.descendantForIndex(start, open + 1);
    if (node?.type === 'new_expression') this.construct(node);
    else if (node?.type === 'call_expression') this.importCall(node);
  }

  /** `new s3.Bucket(this, 'B', { bucketName: 'x' })`: the name prop of a class of the table. */
  private construct(node: SyntaxNode): void {
    const found = this.classOf(pathOf(node.childForFieldName('constructor')));
    if (!found) return;
    const props = this.values.resolve(argumentsOf(node, this.text)[2]);
    if (props?.type !== 'object') return;
    for (const member of this.values.members(props)) {
      if (member.name === undefined) continue;
      if (member.name === found.prop) this.push(found.type, member.value);
      else if (found.type === 'AWS::KMS::Key' && member.name === KEY_ALIAS_PROP)
        this.push('AWS::KMS::Alias', member.value);
    }
  }

  /** `s3.Bucket.fromBucketName(this, 'B', 'x')`: the value of an import method of a class of the table. */
  private importCall(node: SyntaxNode): void {
    const path = pathOf(node.childForFieldName('function'));
    const found = this.classOf(path?.slice(0, -1));
    const method = path?.[path.length - 1];
    if (!found || !method || !found.imports.includes(method)) return;
    this.push(found.type, argumentsOf(node, this.text)[2]);
  }

  /** The class of the table a name chain stands for, through the imports. */
  private classOf(path: readonly string[] | undefined): CdkClass | undefined {
    const resolved = this.imports.resolve(path);
    if (!resolved || resolved.names.length !== 1) return undefined;
    return CLASSES.find((c) => c.module === resolved.module && c.name === resolved.names[0]);
  }

  /** A reference when the value is a string written out (here, or in a `const` of the file). */
  private push(type: string, expression: SyntaxNode | undefined): void {
    const value = this.values.node(expression);
    if (value.kind !== 'scalar' || typeof value.value !== 'string') return;
    // Only what is written as it is: a template literal assembled from constants is not one literal.
    if (this.text.slice(value.span.start, value.span.end) !== value.value) return;
    // The CDK prefixes an alias name with `alias/` when it is written without.
    const name = type === 'AWS::KMS::Alias' && !value.value.startsWith('alias/') ? `alias/${value.value}` : value.value;
    const reference = byName(type, name, value.span, 'cdk', { text: value.value });
    if (reference) this.out.push(reference);
  }
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}
