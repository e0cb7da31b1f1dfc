/**
 * What a file says about the deployed principal of its policies, as plain data: the roles and users it
 * defines or names (FilePrincipal), the stacks it is deployed as (StackRef), and the clues a policy gets
 * from them (PrincipalClue), in the order of their weight. choose.ts turns the clues into one principal.
 */

export type PrincipalType = 'role' | 'user';

/** A literal written in the file, and where (1-based line), for the evidence shown. */
export interface Written {
  readonly value: string;
  /** The property or attribute it is written as: `RoleName`, `roleName`, `name`, `Roles`. */
  readonly property: string;
  readonly line: number;
}

/** A role or user a file defines or names, under the name its policies' `appliesTo` uses. */
export interface FilePrincipal {
  /** A logical id, a CDK variable or construct id, a Terraform address, or a literal name. */
  readonly id: string;
  readonly type: PrincipalType;
  /** Its deployed name, when written as a literal. */
  readonly name?: Written;
  /** Its whole ARN, when written as a literal (`iam.Role.fromRoleArn(this, 'R', 'arn:...')`). */
  readonly arn?: Written;
  /** Its IAM path (`/service/`): `/` when not written; undefined when written but not a literal. */
  readonly iamPath: string | undefined;
  /** CloudFormation: the logical id the deployed stack knows it by (a SAM function's role is `<Function>Role`). */
  readonly logicalId?: string;
  /** CDK: the construct path's end that names its resource in cdk.out (`AppRole/Resource`, `Fn/ServiceRole/Resource`). */
  readonly constructPath?: readonly string[];
}

/** A CloudFormation stack a template is deployed as, and who says so. */
export interface StackRef {
  readonly stack: string;
  readonly region?: string;
  /** `samconfig.toml`, `.cloudwarden.yaml:7`. */
  readonly from: string;
  readonly source: 'stacks' | 'samconfig';
}

/** One piece of evidence of a policy's principal; clues come in the order of their weight. */
export type PrincipalClue =
  | {
      readonly kind: 'arn';
      readonly id: string;
      readonly arn: string;
      /** `fromRoleArn at stack.ts:12`. */
      readonly where: string;
    }
  | {
      readonly kind: 'name';
      readonly id: string;
      readonly type: PrincipalType;
      readonly name: string;
      readonly iamPath: string;
      /** `RoleName at template.yaml:14`. */
      readonly where: string;
    }
  | {
      readonly kind: 'stack';
      readonly id: string;
      readonly source: 'stacks' | 'samconfig' | 'cdk.out';
      readonly stack: string;
      readonly region?: string;
      /** The stack's account, when the source says (a cdk.out environment). */
      readonly account?: string;
      readonly logicalId: string;
      /** `samconfig.toml`, `.cloudwarden.yaml:7`, `cdk.out/manifest.json`. */
      readonly from: string;
      readonly iamPath: string | undefined;
      /** The principal's type when the source tells it (cdk.out's template). */
      readonly type?: PrincipalType;
      /** The deployed name when the synthesized template writes it (cdk.out): no stack lookup then. */
      readonly name?: string;
    };
