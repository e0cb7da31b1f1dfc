import { RULES } from '../rules/registry';

/** The id of a syntax error in a file that holds policies: a finding of the reader, never suppressible. */
export const SYNTAX_ERROR = 'syntax-error';

/** Reported on a suppression comment or Metadata entry that silenced nothing (as eslint's unused disable directives). */
export const UNUSED_SUPPRESSION = 'unused-suppression';
/** Reported on a suppression that gives no reason: it still applies, but the issue asks for one. */
export const SUPPRESSION_WITHOUT_REASON = 'suppression-without-reason';

/** Findings about suppressions themselves: configurable like rules, never suppressible. */
export const SUPPRESSION_FINDINGS: readonly string[] = [UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON];

/** Every id a project file, a setting or a suppression may name: the rules, plus the suppression findings. */
export function knownRuleIds(): readonly string[] {
  return [...RULES.map((r) => r.meta.id), ...SUPPRESSION_FINDINGS];
}

/**
 * The reason our quick fixes write: it reads as a reason but counts as none, so the file keeps an info
 * finding (suppression-without-reason) until someone writes the real one.
 */
export const REASON_PLACEHOLDER = 'TODO reason';

/** A reason as given, or undefined when it is empty or still the placeholder. */
export function realReason(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t && t !== REASON_PLACEHOLDER ? t : undefined;
}

/** The word that starts a suppression comment. */
export const DIRECTIVE = 'cloudwarden-ignore';
