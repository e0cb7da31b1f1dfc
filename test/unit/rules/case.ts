import type { Severity } from '../../../src/core/rules/types';

/** One case: a policy, a rule, and the source text of each finding of that rule, in order. */
export interface Case {
  name: string;
  rule: string;
  text: string;
  /** CDK (`typescript`) and Terraform cases need the grammars, which rules.test.ts loads. */
  format?: 'json' | 'yaml' | 'typescript' | 'terraform';
  at: string[];
  /** The severity of each finding, in order, with the rule's default configuration (checked when given). */
  severities?: Severity[];
}

/** A JSON policy with these statements. */
export const stmt = (body: string): string => `{"Version": "2012-10-17", "Statement": [${body}]}`;

/** A JSON policy with one Allow statement with these elements. */
export const allow = (rest: string): string => stmt(`{"Effect": "Allow", ${rest}}`);
