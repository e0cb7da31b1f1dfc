// The part of the aws-cdk-lib v2 API this demo uses, declared so that the demo type-checks without
// `npm install` (a real CDK app gets these types from aws-cdk-lib itself). Shapes follow the CDK's own.
declare module 'constructs' {
  export class Construct {
    constructor(scope: Construct | undefined, id: string);
  }
}

declare module 'aws-cdk-lib' {
  import { Construct } from 'constructs';
  export interface Environment {
    account?: string;
    region?: string;
  }
  export interface StackProps {
    env?: Environment;
    description?: string;
  }
  export class App extends Construct {
    constructor();
  }
  export class Stack extends Construct {
    constructor(scope?: Construct, id?: string, props?: StackProps);
    readonly account: string;
    readonly region: string;
  }
}

declare module 'aws-cdk-lib/aws-iam' {
  import { Construct } from 'constructs';
  export enum Effect {
    ALLOW = 'Allow',
    DENY = 'Deny',
  }
  export type Conditions = Record<string, unknown>;
  export interface IPrincipal {
    readonly assumeRoleAction: string;
  }
  export interface IGrantable {
    readonly grantPrincipal: IPrincipal;
  }
  export class Grant {}
  export class PrincipalBase implements IPrincipal {
    readonly assumeRoleAction: string;
    withConditions(conditions: Conditions): PrincipalBase;
  }
  export class ServicePrincipal extends PrincipalBase {
    constructor(service: string, opts?: { conditions?: Conditions });
  }
  export class AccountPrincipal extends PrincipalBase {
    constructor(accountId: unknown);
  }
  export class AccountRootPrincipal extends AccountPrincipal {
    constructor();
  }
  export class ArnPrincipal extends PrincipalBase {
    constructor(arn: string);
  }
  export class AnyPrincipal extends ArnPrincipal {
    constructor();
  }
  export class FederatedPrincipal extends PrincipalBase {
    constructor(federated: string, conditions?: Conditions, assumeRoleAction?: string);
  }
  export class WebIdentityPrincipal extends FederatedPrincipal {
    constructor(identityProvider: string, conditions?: Conditions);
  }
  export class OpenIdConnectPrincipal extends WebIdentityPrincipal {
    constructor(openIdConnectProvider: IOpenIdConnectProvider, conditions?: Conditions);
  }
  export class CompositePrincipal extends PrincipalBase {
    constructor(...principals: IPrincipal[]);
  }
  export interface PolicyStatementProps {
    sid?: string;
    effect?: Effect;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: IPrincipal[];
    notPrincipals?: IPrincipal[];
    conditions?: Record<string, unknown>;
  }
  export class PolicyStatement {
    static fromJson(obj: unknown): PolicyStatement;
    constructor(props?: PolicyStatementProps);
    addActions(...actions: string[]): void;
    addResources(...arns: string[]): void;
    addAllResources(): void;
    addCondition(key: string, value: unknown): void;
  }
  export class PolicyDocument {
    static fromJson(obj: unknown): PolicyDocument;
    constructor(props?: { statements?: PolicyStatement[] });
  }
  export interface IManagedPolicy {
    readonly managedPolicyArn: string;
  }
  export class ManagedPolicy extends Construct implements IManagedPolicy {
    static fromAwsManagedPolicyName(managedPolicyName: string): IManagedPolicy;
    static fromManagedPolicyArn(scope: Construct, id: string, managedPolicyArn: string): IManagedPolicy;
    constructor(scope: Construct, id: string, props?: { statements?: PolicyStatement[]; document?: PolicyDocument; roles?: IRole[] });
    readonly managedPolicyArn: string;
  }
  export class Policy extends Construct {
    constructor(scope: Construct, id: string, props?: { statements?: PolicyStatement[]; document?: PolicyDocument; roles?: IRole[] });
  }
  export interface IRole extends IGrantable {
    readonly roleArn: string;
    addToPrincipalPolicy(statement: PolicyStatement): unknown;
  }
  export interface RoleProps {
    assumedBy: IPrincipal;
    managedPolicies?: IManagedPolicy[];
    inlinePolicies?: Record<string, PolicyDocument>;
    roleName?: string;
  }
  export class Role extends Construct implements IRole {
    constructor(scope: Construct, id: string, props: RoleProps);
    readonly roleArn: string;
    readonly grantPrincipal: IPrincipal;
    addToPolicy(statement: PolicyStatement): boolean;
    addToPrincipalPolicy(statement: PolicyStatement): unknown;
    addManagedPolicy(policy: IManagedPolicy): void;
    attachInlinePolicy(policy: Policy): void;
    grantPassRole(grantee: IGrantable): Grant;
  }
  export interface IOpenIdConnectProvider {
    readonly openIdConnectProviderArn: string;
  }
  export class OpenIdConnectProvider extends Construct implements IOpenIdConnectProvider {
    constructor(scope: Construct, id: string, props: { url: string; clientIds?: string[]; thumbprints?: string[] });
    readonly openIdConnectProviderArn: string;
  }
}

declare module 'aws-cdk-lib/aws-kms' {
  import { Construct } from 'constructs';
  import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
  export class Key extends Construct {
    constructor(scope: Construct, id: string, props?: { enableKeyRotation?: boolean; description?: string });
    readonly keyArn: string;
    grantDecrypt(grantee: IGrantable): Grant;
    grantEncrypt(grantee: IGrantable): Grant;
    grantEncryptDecrypt(grantee: IGrantable): Grant;
  }
}

declare module 'aws-cdk-lib/aws-s3' {
  import { Construct } from 'constructs';
  import type { Grant, IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
  import type { Key } from 'aws-cdk-lib/aws-kms';
  export class Bucket extends Construct {
    constructor(scope: Construct, id: string, props?: { encryptionKey?: Key; bucketName?: string });
    readonly bucketArn: string;
    readonly bucketName: string;
    arnForObjects(keyPattern: string): string;
    addToResourcePolicy(statement: PolicyStatement): unknown;
    grantRead(identity: IGrantable, objectsKeyPattern?: unknown): Grant;
    grantWrite(identity: IGrantable, objectsKeyPattern?: unknown): Grant;
    grantReadWrite(identity: IGrantable, objectsKeyPattern?: unknown): Grant;
    grantPut(identity: IGrantable, objectsKeyPattern?: unknown): Grant;
    grantDelete(identity: IGrantable, objectsKeyPattern?: unknown): Grant;
  }
}

declare module 'aws-cdk-lib/aws-dynamodb' {
  import { Construct } from 'constructs';
  import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
  export enum AttributeType {
    STRING = 'S',
    NUMBER = 'N',
    BINARY = 'B',
  }
  export class Table extends Construct {
    constructor(scope: Construct, id: string, props: { partitionKey: { name: string; type: AttributeType }; tableName?: string });
    readonly tableArn: string;
    readonly tableName: string;
    grantReadData(grantee: IGrantable): Grant;
    grantWriteData(grantee: IGrantable): Grant;
    grantReadWriteData(grantee: IGrantable): Grant;
    grantFullAccess(grantee: IGrantable): Grant;
  }
}

declare module 'aws-cdk-lib/aws-lambda' {
  import { Construct } from 'constructs';
  import type { Grant, IGrantable, IRole } from 'aws-cdk-lib/aws-iam';
  export class Runtime {
    static readonly NODEJS_20_X: Runtime;
  }
  export class Code {
    static fromAsset(path: string): Code;
  }
  export class Function extends Construct {
    constructor(scope: Construct, id: string, props: { runtime: Runtime; handler: string; code: Code; role?: IRole; environment?: Record<string, string> });
    readonly functionArn: string;
    grantInvoke(grantee: IGrantable): Grant;
  }
}
