/**
 * What the "Generate least-privilege policy" questions offer, as plain data (no VS Code API here, so the
 * unit tests build them too): the principals, the formats with the active editor's first, the argument a
 * test or a link passes instead of the answers.
 */
import type { GeneratePolicyRequest, PolicyPrincipalsRequest } from '../shared/protocol';

type Format = GeneratePolicyRequest.Params['format'];

export interface FormatPick {
  readonly label: string;
  readonly description: string;
  readonly format: Format;
}

const FORMATS: readonly FormatPick[] = [
  { label: 'JSON', description: 'an IAM policy document', format: 'json' },
  { label: 'YAML', description: 'a CloudFormation PolicyDocument', format: 'yaml' },
  { label: 'CDK TypeScript', description: 'an iam.PolicyDocument', format: 'typescript' },
  { label: 'Terraform', description: 'an aws_iam_policy_document data source', format: 'terraform' },
];

/** The format of a VS Code language id: the language of the file being edited, JSON for any other. */
export function formatOfLanguage(languageId: string | undefined): Format {
  switch (languageId) {
    case 'yaml':
      return 'yaml';
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    case 'terraform':
      return 'terraform';
    default:
      return 'json';
  }
}

/** The four formats, the active editor's first. */
export function formatPicks(languageId: string | undefined): FormatPick[] {
  const first = formatOfLanguage(languageId);
  return [...FORMATS].sort((a, b) => Number(b.format === first) - Number(a.format === first));
}

export interface PrincipalPick {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** Undefined for the item that asks for an ARN. */
  readonly principal?: string;
}

export const ENTER_ARN = 'Enter an ARN…';

/** Each candidate by its name (`user/benjamin`), account and where it was found; then "Enter an ARN…". */
export function principalPicks(candidates: PolicyPrincipalsRequest.Result['principals']): PrincipalPick[] {
  const picks: PrincipalPick[] = candidates.map(({ principal, from }) => {
    const [, , , , account, name] = principal.split(':');
    return { label: name ?? principal, description: account ?? '', detail: `${principal}, from ${from}`, principal };
  });
  return [...picks, { label: ENTER_ARN, description: "a role's or user's ARN" }];
}

/** A role's, user's or role session's ARN, roughly (the server checks it exactly). */
export function arnProblem(text: string): string | undefined {
  return /^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/\S+$/.test(text.trim())
    ? undefined
    : "A role's or user's ARN: arn:aws:iam::111122223333:role/app";
}

/** The argument that skips the questions (tests, CodeLens links): `{ principal, days, format }`. */
export function isGenerateArgument(value: unknown): value is GeneratePolicyRequest.Params {
  const v = value as Partial<Record<keyof GeneratePolicyRequest.Params, unknown>> | undefined;
  return typeof v?.principal === 'string' && typeof v.days === 'number' && FORMATS.some((f) => f.format === v.format);
}
