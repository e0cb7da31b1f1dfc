/**
 * One principal for a policy, from its evidence in order: an explicit mapping, a literal ARN or name in the
 * source (a name takes the account of the AWS profile), the stack the template is deployed as (its logical
 * id looked up with DescribeStackResources), the CDK cloud assembly (the same, or the name its template
 * writes), then the command line's `--principal`. Evidence that cannot answer (no account, a stack that is
 * not there or cannot be read) is said and the next is tried; evidence still being asked holds the choice
 * (a weaker one meanwhile would judge the policy against the wrong principal). The evidence string says
 * which: "RoleName at template.yaml:14, account 123837392027 of profile default".
 */
import type { PrincipalMapping } from '../mapping';
import { ago } from '../describe';
import type { PrincipalClue, PrincipalType } from './types';

/** The account names take, and where it comes from (`profile default`, `--account`); or why there is none. */
export type AccountAnswer =
  { readonly account: string; readonly partition?: string; readonly from: string } | { readonly problem: string };

/** What DescribeStackResources answered for a stack (only the IAM resources matter here), or why it could not. */
export type StackAnswer =
  | {
      readonly ok: true;
      readonly resources: Readonly<Record<string, { readonly physicalId: string; readonly type: string }>>;
      /** The stack's ARN, whose account and partition the resources are in. */
      readonly stackId?: string;
      readonly fetchedAt: number;
    }
  | { readonly ok: false; readonly reason: string; readonly fetchedAt: number };

export interface ChoiceInput {
  readonly explicit?: PrincipalMapping;
  readonly clues: readonly PrincipalClue[];
  readonly fallback?: PrincipalMapping;
  /** Asked only when a clue needs it (it may cost an AWS call); undefined while it is being asked. */
  readonly account: () => AccountAnswer | undefined;
  /** A stack's answer, undefined while it is being asked; absent when stacks are not looked up (offline). */
  readonly stack?: (stack: string, region: string | undefined) => StackAnswer | undefined;
  readonly now: number;
}

/** What one clue gives: a principal, a wait for an answer, or why not. */
export type ClueOutcome =
  | { readonly kind: 'principal'; readonly mapping: PrincipalMapping }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'passed'; readonly reason: string };

export interface PrincipalChoice {
  readonly mapping?: PrincipalMapping;
  /** An answer being asked may still give the principal: nothing is chosen meanwhile. */
  readonly waiting: boolean;
  /** The evidence tried before the choice and why it gave none, in order. */
  readonly passed: readonly string[];
}

const TYPES: Readonly<Record<string, PrincipalType>> = { 'AWS::IAM::Role': 'role', 'AWS::IAM::User': 'user' };

export function choosePrincipal(input: ChoiceInput): PrincipalChoice {
  if (input.explicit) return { mapping: input.explicit, waiting: false, passed: [] };
  const passed: string[] = [];
  const ids = [...new Set(input.clues.map((c) => c.id))];
  if (ids.length > 1) {
    passed.push(`the policy applies to ${ids.join(', ')}: name its principal in .cloudwarden.yaml`);
  } else {
    for (const clue of input.clues) {
      const outcome = clueOutcome(clue, input);
      if (outcome.kind === 'principal') return { mapping: outcome.mapping, waiting: false, passed };
      if (outcome.kind === 'waiting') return { waiting: true, passed };
      passed.push(outcome.reason);
    }
  }
  return { ...(input.fallback && { mapping: input.fallback }), waiting: false, passed };
}

/** The principal one clue gives with the answers at hand (for the choice, and for the candidates a user picks from). */
export function clueOutcome(clue: PrincipalClue, input: Pick<ChoiceInput, 'account' | 'stack' | 'now'>): ClueOutcome {
  if (clue.kind === 'arn') return principal(clue.arn, clue.where);
  if (clue.kind === 'name') {
    const account = input.account();
    if (account === undefined) return { kind: 'waiting' };
    if ('problem' in account)
      return { kind: 'passed', reason: `${clue.where}: no account to name it in (${account.problem})` };
    return principal(
      arnOf(account.partition ?? 'aws', account.account, clue.type, clue.iamPath, clue.name),
      `${clue.where}, account ${account.account} of ${account.from}`,
    );
  }
  const named = `stack ${clue.stack} (${clue.from})`;
  // The synthesized template writes the name and cdk.out the account: nothing to ask.
  if (clue.name !== undefined && clue.type && clue.iamPath !== undefined && clue.account !== undefined)
    return principal(
      arnOf('aws', clue.account, clue.type, clue.iamPath, clue.name),
      `${named}, ${clue.logicalId} named ${clue.name} in its template, account ${clue.account} of its environment`,
    );
  if (!input.stack) return { kind: 'passed', reason: `${named}: not looked up (no AWS call here)` };
  const answer = input.stack(clue.stack, clue.region);
  if (answer === undefined) return { kind: 'waiting' };
  if (!answer.ok) return { kind: 'passed', reason: `${named}: ${answer.reason}` };
  const resource = answer.resources[clue.logicalId];
  const type = resource && TYPES[resource.type];
  if (!resource || !type) return { kind: 'passed', reason: `${named}: no role or user ${clue.logicalId} in the stack` };
  const arn = /^arn:([^:]+):cloudformation:[^:]*:(\d{12}):/.exec(answer.stackId ?? '');
  const profile = arn || clue.account ? undefined : input.account();
  const stackAccount = arn?.[2] ?? clue.account ?? (profile && 'account' in profile ? profile.account : undefined);
  if (stackAccount === undefined) return { kind: 'passed', reason: `${named}: the stack's account is not known` };
  if (clue.iamPath === undefined)
    return { kind: 'passed', reason: `${named}: the path of ${clue.logicalId} is not written as text` };
  return principal(
    arnOf(arn?.[1] ?? 'aws', stackAccount, type, clue.iamPath, resource.physicalId),
    `${named}, ${clue.logicalId} (DescribeStackResources, ${ago(input.now - answer.fetchedAt)})`,
  );
}

function principal(arn: string, evidence: string): ClueOutcome {
  return { kind: 'principal', mapping: { principal: arn, evidence } };
}

/** `arn:aws:iam::123456789012:role/service/app`: a path is part of the ARN (and of CloudTrail's session issuer). */
function arnOf(partition: string, account: string, type: PrincipalType, iamPath: string, name: string): string {
  const path = iamPath.startsWith('/') ? iamPath : `/${iamPath}`;
  return `arn:${partition}:iam::${account}:${type}${path.endsWith('/') ? path : `${path}/`}${name}`;
}
