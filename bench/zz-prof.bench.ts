import * as path from 'node:path';
import { CodeTrees, loadGrammar } from '../src/core/sources/code';
import { readCdk } from '../src/core/sources/code/cdk/read';
import { repoRoot } from '../test/harness/paths';
import { readFileSync } from 'node:fs';
async function main() {
  await loadGrammar('typescript', path.join(repoRoot, 'dist', 'grammars'));
  const text = readFileSync('/tmp/cdkx/big.ts', 'utf8');
  const edited = text.replace("'s3:GetObject'", "'s3:GetObjectX'");
  const trees = new CodeTrees();
  trees.parse('typescript', text);
  const T: Record<string, number[]> = { parse: [], desc: [], read: [] };
  for (let i = 0; i < 30; i++) {
    const v = i % 2 ? text : edited;
    let t = performance.now();
    const tree = trees.parse('typescript', v)!;
    T.parse!.push(performance.now() - t);
    t = performance.now();
    const n = tree.rootNode.descendantsOfType(['variable_declarator', 'assignment_expression', 'new_expression', 'call_expression']);
    T.desc!.push(performance.now() - t);
    t = performance.now();
    readCdk(v, tree);
    T.read!.push(performance.now() - t);
    if (i === 0) console.log('candidates', n.length);
  }
  for (const [k, v] of Object.entries(T)) console.log(k, v.sort((a, b) => a - b)[15]!.toFixed(2));
}
void main();
