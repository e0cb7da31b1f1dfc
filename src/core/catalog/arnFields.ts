import type { ArnInput, ArnPart } from './types';

/** One of the first five fields of a policy ARN, or the resource part, with where it sits in the literal text. */
interface ArnField {
  /** The field's text; undefined when an unknown part (a CloudFormation `${AWS::Region}`...) supplies it. */
  readonly text: string | undefined;
  /** Offset of the field in the ARN's text, when everything before it is literal. */
  readonly offset: number | undefined;
}

export interface SplitArn {
  /** Up to six fields: `arn`, partition, service, region, account, resource. */
  readonly fields: readonly ArnField[];
  /**
   * False when an unknown part that may hold colons comes before the resource part (`!GetAtt Bucket.Arn`
   * followed by `/*`): the fields from there on, and how many there are, are not known.
   */
  readonly complete: boolean;
}

const UNKNOWN = '\u0001';

/**
 * Splits a policy ARN into its fields on the first five colons, outside policy variables (whose names
 * hold colons: `${aws:PrincipalAccount}`). An unknown part alone between two colons is a whole field,
 * as tokenizeArn takes it; any other unknown part before the resource ends what is known.
 */
export function splitPolicyArn(arn: ArnInput): SplitArn {
  const pieces: readonly ArnPart[] = typeof arn === 'string' ? [arn] : arn;
  const text = pieces.map((p) => (typeof p === 'string' ? p : UNKNOWN)).join('');
  const fields: ArnField[] = [];
  let start = 0;
  let offsetKnown = true;
  let depth = 0;
  for (let i = 0; i <= text.length && fields.length < 5; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (i < text.length && (ch !== ':' || depth > 0)) continue;
    const field = text.slice(start, i);
    if (field.includes(UNKNOWN)) {
      if (field !== UNKNOWN) return { fields, complete: false };
      fields.push({ text: undefined, offset: offsetKnown ? start : undefined });
      offsetKnown = false;
    } else fields.push({ text: field, offset: offsetKnown ? start : undefined });
    start = i + 1;
    if (i === text.length) return { fields, complete: true };
  }
  const rest = text.slice(start);
  fields.push({ text: rest.includes(UNKNOWN) ? undefined : rest, offset: offsetKnown ? start : undefined });
  return { fields, complete: true };
}

/** The ARN with the region and account fields replaced (both must be literal; the rest is kept as given). */
export function withRegionAndAccount(arn: ArnInput, split: SplitArn, region: string, account: string): ArnInput {
  const [, partition, service] = split.fields;
  const head = `arn:${partition!.text ?? '*'}:${service!.text}:${region}:${account}:`;
  const pieces: readonly ArnPart[] = typeof arn === 'string' ? [arn] : arn;
  // Drop the literal text of the first five fields from the pieces, keeping the resource part's pieces.
  let skip = split.fields.slice(0, 5).reduce((n, f) => n + (f.text?.length ?? 1) + 1, 0);
  const rest: ArnPart[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      if (skip > 0) {
        skip--; // an unknown whole field: one placeholder character in the split text
        continue;
      }
      rest.push(piece);
      continue;
    }
    if (skip >= piece.length) {
      skip -= piece.length;
      continue;
    }
    rest.push(piece.slice(skip));
    skip = 0;
  }
  return [head, ...rest];
}
