import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CodeTrees, grammarFor, grammarOf, loadGrammar } from '../../../../src/core/sources/code';
import { editBetween } from '../../../../src/core/sources/code/trees';
import { GRAMMAR_DIR, loadGrammars } from '../../helpers/grammars';

describe('code grammars', () => {
  before(loadGrammars);

  it('loads each grammar once and reports a missing directory with the file it looked for', async () => {
    assert.ok(grammarOf('typescript') && grammarOf('terraform'));
    await loadGrammar('typescript', GRAMMAR_DIR);
    // A loaded grammar is not loaded again, so a wrong directory now changes nothing.
    await loadGrammar('typescript', '/nonexistent');
  });

  it('parses TypeScript with JSX by the TSX grammar, told by its content; plain TypeScript by the TypeScript one', () => {
    assert.ok(grammarOf('tsx'));
    assert.equal(grammarFor('typescript', 'const v = <div className="x">{a}</div>;'), 'tsx');
    assert.equal(grammarFor('typescript', 'const v = <Stack />;'), 'tsx');
    assert.equal(grammarFor('typescript', 'const v = <>{a}</>;'), 'tsx');
    // A type assertion and generics are not JSX (the TSX grammar would misread `<string[]>x`).
    assert.equal(
      grammarFor('typescript', 'const a = <string[]>x; const f = <T>(y: T) => y; if (a < b && c > d) {}'),
      'typescript',
    );
    assert.equal(grammarFor('terraform', 'x = "</div>"'), 'terraform');
    const jsx =
      "import * as iam from 'aws-cdk-lib/aws-iam';\nconst v = <P s={new iam.PolicyStatement({ actions: ['s3:GetObject'] })} />;\n";
    const trees = new CodeTrees();
    try {
      assert.equal(trees.parse(grammarFor('typescript', jsx), jsx)!.rootNode.hasError, false);
      // The same CodeTrees re-parses fully when the grammar changes under an edit.
      const plain = "const a = <string[]>['x'];\n";
      assert.equal(trees.parse(grammarFor('typescript', plain), plain)!.rootNode.hasError, false);
    } finally {
      trees.dispose();
    }
  });

  it('re-parses incrementally to the same tree as a full parse', () => {
    const before =
      "import * as iam from 'aws-cdk-lib/aws-iam';\nconst s = new iam.PolicyStatement({ actions: ['s3:GetObject'] });\n";
    const after = before.replace("'s3:GetObject'", "'s3:GetObject', 's3:PutObject'");
    const trees = new CodeTrees();
    const fresh = new CodeTrees();
    try {
      trees.parse('typescript', before);
      const incremental = trees.parse('typescript', after)!.rootNode.toString();
      assert.equal(incremental, fresh.parse('typescript', after)!.rootNode.toString());
      assert.ok(incremental.includes('(array (string (string_fragment)) (string (string_fragment)))'), incremental);
    } finally {
      trees.dispose();
      fresh.dispose();
    }
  });

  it('finds the one edited range between two texts, with rows and columns', () => {
    assert.deepEqual(editBetween('ab\ncd\nef', 'ab\ncXd\nef'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    assert.deepEqual(editBetween('a\nb\nc', 'a\nc'), {
      startIndex: 2,
      oldEndIndex: 4,
      newEndIndex: 2,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 2, column: 0 },
      newEndPosition: { row: 1, column: 0 },
    });
  });
});
