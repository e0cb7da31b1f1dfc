/**
 * The policy model every rule reads: documents, statements and elements, each with the source span it
 * came from, and values that may be partly unknown (a CloudFormation `!Sub` with variables, a CDK token,
 * a Terraform interpolation). Rules must never report a false positive on an unknown part.
 */
import type { ArnPart } from '../catalog/types';
import type { Key, ParseProblem, Span } from './span';
import type { Node, ObjectNode } from './tree';

export type { Key, ParseProblem, Span } from './span';

/**
 * A scalar value from the source. `parts` is set when the value is only partly known: literal strings
 * interleaved with unknown parts (the label says where it came from, e.g. `AWS::AccountId`). `text` is
 * then the literal parts joined with `${label}` placeholders, for display only.
 */
export interface Value {
  readonly kind: 'string' | 'number' | 'boolean' | 'null' | 'unknown';
  /** The value as text (for strings: without quotes). For `unknown`: a description such as `!Ref Bucket`. */
  readonly text: string;
  /** Literal and unknown parts, when a string is partly unknown. */
  readonly parts?: readonly ArnPart[];
  /** The value's span (for strings: without quotes). */
  readonly span: Span;
}

/** A list element (Action, Resource, a condition's values...): one value or an array of them. */
export interface ValueList {
  readonly values: readonly Value[];
  /** True when written as an array (`[...]` or a YAML sequence), false for a single value. */
  readonly isArray: boolean;
  /** The whole element's value span (the array, or the single value). */
  readonly span: Span;
  /** True when the whole list is unknown (e.g. `!Ref SomeListParameter`, `Fn::If`). */
  readonly unknown?: boolean;
}

type PrincipalKind = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

export interface PrincipalEntry {
  readonly key: Key;
  readonly kind: PrincipalKind | string;
  readonly values: ValueList;
}

/** `Principal` / `NotPrincipal`: `"*"` or a map of kind → values. */
export interface PrincipalElement {
  readonly key: Key;
  readonly wildcard?: Value;
  readonly entries: readonly PrincipalEntry[];
  readonly span: Span;
  readonly unknown?: boolean;
}

export interface ConditionEntry {
  /** The condition key, e.g. `aws:SourceArn`. */
  readonly key: Key;
  readonly values: ValueList;
}

export interface ConditionBlock {
  /** The operator, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`. */
  readonly operator: Key;
  readonly entries: readonly ConditionEntry[];
  readonly span: Span;
}

export interface ConditionElement {
  readonly key: Key;
  readonly blocks: readonly ConditionBlock[];
  readonly span: Span;
  readonly unknown?: boolean;
}

export interface Statement {
  /** The statement object's span. */
  readonly span: Span;
  readonly index: number;
  readonly sid?: { key: Key; value: Value };
  readonly effect?: { key: Key; value: Value };
  readonly action?: { key: Key; list: ValueList };
  readonly notAction?: { key: Key; list: ValueList };
  readonly resource?: { key: Key; list: ValueList };
  readonly notResource?: { key: Key; list: ValueList };
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly condition?: ConditionElement;
  /** Keys that are not statement elements (typos such as `Actions`), for the validity rules. */
  readonly unknownKeys: readonly Key[];
  /** True when the statement itself is unknown (e.g. produced by `Fn::If`). */
  readonly unknown?: boolean;
}

/** What a policy document is for, as far as its source says. */
export type PolicyKind =
  | 'identity' // attached to a user, group or role (inline or managed)
  | 'resource' // S3 bucket, KMS key, SQS, SNS, Secrets Manager, Lambda, ECR...
  | 'trust' // a role's AssumeRolePolicyDocument
  | 'endpoint' // a VPC endpoint policy: filters what callers inside the VPC may reach through it
  | 'boundary'
  | 'scp'
  | 'rcp'
  | 'unknown';

export interface PolicyDocument {
  readonly kind: PolicyKind;
  /** Where the document is, in words: `Resources.FunctionRole.Properties.Policies[0]`, `PolicyVersion.Document`. */
  readonly path: string;
  /** For resource policies: the service whose resources it governs (`s3`, `kms`...), when known. */
  readonly resourceService?: string;
  /**
   * The principals an identity policy applies to, as the source names them (e.g. the logical ids of the
   * roles in a template); cross-statement rules group documents by them.
   */
  readonly appliesTo?: readonly string[];
  /** The document object's span. */
  readonly span: Span;
  readonly version?: { key: Key; value: Value };
  readonly id?: { key: Key; value: Value };
  /** The Statement element; a single object is normalised to a list of one. */
  readonly statementKey?: Key;
  readonly statementIsArray: boolean;
  readonly statements: readonly Statement[];
  readonly unknownKeys: readonly Key[];
  /**
   * True when the document was decoded from a string whose characters cannot be placed in the file
   * (URL-encoded JSON in CLI output, `\u0041` escapes): every span in it is the whole string's span.
   * Point at it; never edit inside it.
   */
  readonly coarseSpans?: boolean;
  /**
   * Set when the document is a string's value mapped to the file character by character (a YAML block
   * or folded scalar, a JSON string with `\"` escapes, an `Fn::Sub` template): the string's span. Its
   * spans are right, so findings and hovers point at its elements, but an edit written as JSON would
   * need the string's own quoting and indentation: no fixes, rewrites or completions inside it, and a
   * suppression comment goes above the line where the string starts.
   */
  readonly inString?: Span;
  /**
   * Set when the document is written as code rather than as policy JSON: a CDK construct
   * (`new PolicyStatement({ actions: [...] })`) or a Terraform `aws_iam_policy_document` block. Its
   * keys are the construct's (`actions`, `not_resources`), so fixes that add elements by their IAM
   * names are not offered; fixes that replace a string or list items are.
   */
  readonly construct?: 'cdk' | 'terraform-block';
  /**
   * Set when the document is not written in the file but follows from code there: a CDK `grant*` call
   * (`bucket.grantRead(fn)` adds a statement to the function's role). Its spans all point at that code.
   * Per-document rules skip it (there is nothing to edit); rules that combine a principal's policies
   * count it, and hover on `span` lists what it grants.
   */
  /**
   * Values written elsewhere and shown at the reference that uses them: a Terraform variable's default or
   * `.tfvars` value (an assumption: a caller may give another) or a local of another file, shown at
   * `var.actions`. Findings there stand, and `from` says where the value comes from
   * (`the default of var.actions in variables.tf`); no fix edits there (the text is the reference).
   */
  readonly borrowed?: readonly { readonly span: Span; readonly from: string }[];
  /**
   * Fixes only the code around the document can make, found by its reader: for a CDK bucket's policy,
   * `enforceSSL: true` on the `new s3.Bucket(...)` (the CDK then adds the TLS deny itself).
   */
  readonly codeFixes?: {
    readonly enforceTls?: { readonly title: string; readonly span: Span; readonly newText: string };
  };
  readonly derivedFrom?: {
    readonly description: string;
    readonly span: Span;
    /** Where the list of what it grants comes from, for display (e.g. `aws-cdk-lib 2.x, aws-s3/lib/perms.ts`). */
    readonly source?: string;
  };
}

/**
 * The syntax a file is written in. `typescript` is CDK code and `terraform` HCL: their policies are
 * read from constructs, blocks and embedded JSON (src/core/sources/code/).
 */
export type SourceFormat = 'json' | 'yaml' | 'typescript' | 'terraform';

/**
 * A part of a file the linter could not analyse, said rather than skipped: the whole file (not text, too
 * deep, not parseable as the policy it looks like) or one element of it (a Terraform `dynamic` block over
 * values it cannot know, a module input). `reason` is one sentence a user reads in the editor and the CLI
 * ("this dynamic block's statements depend on var.statements: not analysed").
 */
export interface NotAnalysed {
  readonly reason: string;
  /** Where, when it is one element; absent for the whole file. */
  readonly span?: Span;
}

/** All the policies found in one file, and what could not be read. */
export interface PolicySource {
  readonly format: SourceFormat;
  /**
   * What the file is: a bare policy, CLI output, a CloudFormation/SAM template, a CDK app (TypeScript),
   * a Terraform configuration or plan, or nothing we know.
   */
  readonly shape: 'policy' | 'cli-output' | 'cloudformation' | 'cdk' | 'terraform' | 'terraform-plan' | 'none';
  readonly documents: readonly PolicyDocument[];
  readonly problems: readonly ParseProblem[];
  /** What the reader saw but could not analyse; never dropped silently. */
  readonly notAnalysed?: readonly NotAnalysed[];
  /** For CloudFormation/SAM templates: the resources and parameters, for rules that read beyond the policies. */
  readonly template?: Template;
}

/**
 * A CloudFormation/SAM template as written, for rules that check resources rather than policy documents
 * (key rotation, trails, Lambda permissions, attached managed policies). Properties stay the neutral
 * tree (src/core/sources/tree.ts: read them with `member`, `stringOf`, and `valueOf` from intrinsics.ts),
 * so a rule sees intrinsics as intrinsics and never a guessed value. In a stream of several YAML
 * documents, the first template.
 */
export interface Template {
  readonly resources: readonly TemplateResource[];
  readonly parameters: readonly TemplateParameter[];
  /** Every managed policy attached by a principal of the template, in the order written. */
  readonly managedPolicies: readonly ManagedPolicyAttachment[];
  /** `Outputs`, when it is an object: what the template exports names its resources too (`!Ref`, `!GetAtt`). */
  readonly outputs?: ObjectNode;
}

export interface TemplateResource {
  /** The logical id, with its key's span. */
  readonly id: Key;
  /** The `Type` value as written (undefined when it is not a string), with its span: where resource-level findings go. */
  readonly type?: { readonly text: string; readonly span: Span };
  /** The whole resource object. */
  readonly node: ObjectNode;
  /** `Properties`, when it is an object (not an intrinsic). */
  readonly properties?: ObjectNode;
  readonly metadata?: Node;
  /** The `Condition` it is created under, if any: it may not exist at all. */
  readonly condition?: string;
}

export interface TemplateParameter {
  readonly id: Key;
  /** `Type` as written, e.g. `String`, `AWS::SSM::Parameter::Value<String>`. */
  readonly type?: string;
  /** `NoEcho: true` (or `"true"`): the value is a secret the console and API hide. */
  readonly noEcho: boolean;
  readonly node: ObjectNode;
}

/**
 * A managed policy a principal attaches: `ManagedPolicyArns` of a role, user or group, `ManagedPolicies`
 * of an SSO permission set, or the names and ARNs among SAM `Policies` (SAM policy templates and inline
 * documents are not managed policies and are not listed).
 */
export interface ManagedPolicyAttachment {
  /** The attaching resource's logical id. */
  readonly principal: string;
  /** Its type, e.g. `AWS::IAM::Role`, `AWS::Serverless::Function`. */
  readonly principalType: string;
  /** The ARN or name as written; partly unknown for intrinsics (`!Sub`, `Fn::Join`), unknown for `!If`... */
  readonly value: Value;
  /**
   * The AWS managed policy's name (the last segment: `AdministratorAccess`) when the value certainly names
   * one: an `arn:<partition>:iam::aws:policy/...` ARN whose partition may be unknown, or a bare name in
   * SAM `Policies`. Undefined for customer managed policies and for anything partly unknown after `policy/`.
   */
  readonly awsManagedName?: string;
}
