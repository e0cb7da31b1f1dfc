/**
 * Which suppression a finding can get, as data: a comment on its line (YAML, JSONC, TypeScript, Terraform
 * outside heredocs), an entry in its CloudFormation resource's Metadata (JSON templates), or else an entry
 * in the project file. The reason is a placeholder to replace (LSP cannot select text after an edit).
 */
import type { PolicySource, SourceFormat, Span } from '../policy/model';
import type { Finding, TextEdit } from '../rules/types';
import type { SuppressedFinding } from './types';
import { commentSuppressionEdit, insideHeredoc, metadataSuppressionEdit, projectSuppressionEdit } from './fixes';
import { SUPPRESSION_FINDINGS, SYNTAX_ERROR } from './ids';
import { PROJECT_FILE_NAME } from './projectFile';
import { elementText, suppressionAnchor } from './suppress';

export interface SuppressionEdit {
  readonly title: string;
  /** In the finding's file, or for projectFileSuppression in the project file's text. */
  readonly edit: TextEdit;
}

export interface SuppressedFile {
  readonly text: string;
  readonly format: SourceFormat;
  /** JSON that allows comments (a .jsonc file, or one the editor treats as JSON with comments). */
  readonly jsonComments: boolean;
  readonly shape: PolicySource['shape'];
  /** The strings that hold policy documents (see stringsOf): a comment goes above the line a string starts on. */
  readonly strings?: readonly Span[];
}

/** True for findings a user may suppress: not syntax errors, not the suppressions' own findings. */
function suppressible(finding: Finding): boolean {
  return finding.ruleId !== SYNTAX_ERROR && !SUPPRESSION_FINDINGS.includes(finding.ruleId);
}

/** The suppression written in the finding's own file, if its format allows one there. */
export function inFileSuppression(finding: Finding, file: SuppressedFile): SuppressionEdit | undefined {
  if (!suppressible(finding)) return undefined;
  const id = finding.ruleId;
  const comment = (marker: '#' | '//') => ({
    title: `Suppress ${id} with a comment`,
    edit: commentSuppressionEdit(file.text, suppressionAnchor(finding.span.start, file.strings), id, marker),
  });
  if (file.format === 'yaml') return comment('#');
  if (file.format === 'typescript' || (file.format === 'json' && file.jsonComments)) return comment('//');
  // In Terraform, not inside a heredoc: the comment would become part of the policy's JSON there.
  if (file.format === 'terraform') return insideHeredoc(file.text, finding.span.start) ? undefined : comment('#');
  if (file.shape === 'cloudformation') {
    const edit = metadataSuppressionEdit(file.text, finding.span.start, id);
    if (edit) return { title: `Suppress ${id} in the resource's Metadata`, edit };
  }
  return undefined;
}

/**
 * The entry in the project file that suppresses the finding in the file at `path` (relative to the
 * project file's folder): for the finding's element only when it is a short one-line value (an action,
 * an ARN), else the rule in the whole file. `projectText` is the project file's text, undefined when the
 * file does not exist yet (the edit then writes it whole).
 */
export function projectFileSuppression(
  finding: Finding,
  fileText: string,
  projectText: string | undefined,
  path: string,
): SuppressionEdit | undefined {
  if (!suppressible(finding)) return undefined;
  const element = elementText(fileText, finding.span);
  const edit = projectSuppressionEdit(projectText, {
    path,
    ruleId: finding.ruleId,
    match: element && element.length <= 200 && !element.includes('\n') ? element : undefined,
  });
  return { title: `Suppress ${finding.ruleId} here in ${PROJECT_FILE_NAME}`, edit };
}

/** A suppressed finding's message as the editor shows it (a hint): the finding, then where and why it is suppressed. */
export function describeSuppressed(s: SuppressedFinding): string {
  const where =
    s.kind === 'comment'
      ? 'by a comment'
      : s.kind === 'metadata'
        ? "in the resource's Metadata"
        : `in ${s.origin ?? 'the project file'}`;
  return `${s.finding.message}\n(Suppressed ${where}: ${s.reason ?? 'no reason given'}.)`;
}
