/**
 * Policies written as code: CDK apps in TypeScript and Terraform configurations, read from tree-sitter
 * trees into the same policy model as JSON and YAML, so every rule, fix, hover and CodeLens applies.
 */
import type { NotAnalysed, ParseProblem, PolicySource } from '../../policy/model';
import { NO_LIST_PARAMETERS } from '../intrinsics';
import { readCdk } from './cdk/read';
import { readExternalDocuments, type ReadRelative } from './external';
import { grammarFor, grammarOf, type CodeLanguage } from './grammars';
import type { CodeReading } from './reading';
import { readTerraform } from './terraform/read';
import { CodeTrees } from './trees';

export { loadGrammar, grammarFor, grammarOf, type CodeLanguage } from './grammars';
export { CodeTrees } from './trees';
export type { ReadRelative } from './external';

/**
 * True when a TypeScript text may define CDK IAM policies or grants: it imports the CDK. Other
 * TypeScript files are answered without loading a parser or parsing.
 */
export function mayHoldPolicies(text: string, language: CodeLanguage): boolean {
  if (language === 'typescript') return text.includes('aws-cdk-lib') || text.includes('@aws-cdk/');
  return true;
}

/**
 * The policies in a TypeScript or Terraform text. `trees` keeps the previous tree of the same document
 * for incremental re-parsing; `readFile` reads the policy files a Terraform file names (`file()`). The grammar must be loaded (`loadGrammar`); if it is not, the answer says
 * so as a problem and holds no policies.
 */
export function readCodeSource(
  text: string,
  language: CodeLanguage,
  trees?: CodeTrees,
  readFile?: ReadRelative,
): PolicySource {
  const none: PolicySource = { format: language, shape: 'none', documents: [], problems: [] };
  if (!mayHoldPolicies(text, language)) return none;
  if (!grammarOf(language)) {
    const problem: ParseProblem = {
      message: `The ${language === 'typescript' ? 'TypeScript' : 'Terraform'} parser is not loaded yet`,
      span: { start: 0, end: 0 },
    };
    return { ...none, problems: [problem] };
  }
  const own = trees ? undefined : new CodeTrees();
  try {
    const tree = (trees ?? own)!.parse(grammarFor(language, text), text);
    if (!tree) return { ...none, notAnalysed: [{ reason: 'the parser gave up on this file: not analysed' }] };
    const read: CodeReading = language === 'typescript' ? readCdk(text, tree) : readTerraform(text, tree, readFile);
    const external =
      readFile && read.externalDocuments?.length
        ? readExternalDocuments(read.externalDocuments, readFile, { text, problems: [], ...NO_LIST_PARAMETERS })
        : [];
    const reading: CodeReading =
      external.length > 0
        ? { ...read, documents: [...read.documents, ...external].sort((a, b) => a.span.start - b.span.start) }
        : read;
    const notAnalysed: readonly NotAnalysed[] = reading.notAnalysed ?? [];
    if (
      reading.documents.length === 0 &&
      reading.managedPolicies.length === 0 &&
      reading.problems.length === 0 &&
      !reading.resources?.length
    ) {
      return notAnalysed.length > 0 ? { ...none, notAnalysed } : none;
    }
    return {
      format: language,
      shape: language === 'typescript' ? 'cdk' : 'terraform',
      documents: reading.documents,
      problems: reading.problems,
      ...(notAnalysed.length > 0 && { notAnalysed }),
      // Rules on attached managed policies read them from the template model; a code source has no resources of its own there.
      template: { resources: reading.resources ?? [], parameters: [], managedPolicies: reading.managedPolicies },
    };
  } finally {
    own?.dispose();
  }
}
