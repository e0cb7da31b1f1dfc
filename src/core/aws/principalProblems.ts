/**
 * What IAM, Access Analyzer and CloudFormation refuse about a deployed principal, in one sentence each:
 * a principal IAM does not know, a stack CloudFormation does not have, an analyzer or finding gone. A
 * recommendation that Access Analyzer could not make is said where it is read (src/aws).
 */
import { firstLine } from './queryProblems';

/** The problem kinds of the calls about a principal, part of AwsProblemKind. */
export type PrincipalProblemKind = 'noSuchPrincipal' | 'noSuchStack' | 'notFound' | 'recommendationFailed';

interface Classified {
  readonly kind: PrincipalProblemKind;
  readonly sentence: string;
}

interface CallPlace {
  readonly operation: string;
  readonly region?: string;
}

/** An SDK error of these services that problems.ts would otherwise call a CloudWarden bug. */
export function principalRefusal(name: string, message: string, context: CallPlace): Classified | undefined {
  if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') {
    // IAM names the entity: "The role with name X cannot be found."
    const entity = /The (\w+) with name (\S+) cannot be found/.exec(message);
    const what = entity ? `the ${entity[1]} ${entity[2]}` : 'that principal';
    return {
      kind: 'noSuchPrincipal',
      sentence: `IAM does not know ${what} (${context.operation}): it is not deployed in the account these credentials sign in to, or it was renamed or deleted since.`,
    };
  }
  const stack = /^Stack with id (\S+) does not exist/.exec(message);
  if (name === 'ValidationError' && stack)
    return {
      kind: 'noSuchStack',
      sentence: `CloudFormation has no stack ${stack[1]}${where(context)}: deploy it, or check the stack's name and the Region.`,
    };
  if (name === 'ResourceNotFoundException')
    return {
      kind: 'notFound',
      sentence: `IAM Access Analyzer no longer has what ${context.operation} asked for${where(context)} (${firstLine(message)}): the analyzer may have been deleted or the finding archived; look again.`,
    };
  return undefined;
}

function where(context: CallPlace): string {
  return context.region === undefined ? '' : ` in ${context.region}`;
}
