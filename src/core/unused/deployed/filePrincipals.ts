import type { PolicySource } from '../../policy/model';
import { grammarFor, grammarOf } from '../../sources/code/grammars';
import { CodeTrees } from '../../sources/code/trees';
import { LineIndex } from '../../text/lines';
import { cdkPrincipals } from './cdkPrincipals';
import { templatePrincipals } from './templatePrincipals';
import { terraformPrincipals } from './terraformPrincipals';
import type { FilePrincipal } from './types';

/**
 * The roles and users a file defines or names, for the principals of its identity policies. `trees`: the
 * document's syntax trees (the linter's, so a CDK or Terraform text already parsed is not parsed again);
 * without them, a tree is made and freed here. A code file whose grammar is not loaded gives none.
 */
export function filePrincipals(text: string, source: PolicySource, trees?: CodeTrees): FilePrincipal[] {
  if (source.shape === 'cloudformation')
    return source.template ? templatePrincipals(source.template, new LineIndex(text)) : [];
  if (source.shape !== 'cdk' && source.shape !== 'terraform') return [];
  const language = source.shape === 'cdk' ? 'typescript' : 'terraform';
  const grammar = grammarFor(language, text);
  if (!grammarOf(grammar)) return [];
  const own = trees ? undefined : new CodeTrees();
  try {
    const tree = (trees ?? own)!.parse(grammar, text);
    if (!tree) return [];
    const lines = new LineIndex(text);
    return language === 'typescript' ? cdkPrincipals(text, tree, lines) : terraformPrincipals(text, tree, lines);
  } finally {
    own?.dispose();
  }
}
