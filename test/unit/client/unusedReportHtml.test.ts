import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildReport, Catalog, reportMarkdown } from '../../../src/core';
import { reportPolicies, unusedReportHtml } from '../../../src/extension/unusedReportHtml';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const NOW = Date.parse('2026-12-01T00:00:00Z');

function resultFor(principal: string, file: string) {
  const report = buildReport(
    [
      {
        uri: `file:///w/${file}`,
        file,
        line: 7,
        principal,
        mappingEvidence: '.cloudwarden.yaml:2',
        evidence: 'based on 1 day of CloudTrail log files',
        actions: [{ verdict: { action: 'iam:DeleteUser', status: 'unused', sources: [] }, span: { start: 0, end: 1 } }],
        denied: [],
      },
    ],
    { catalog, now: NOW, unmappedFiles: 0 },
  );
  return {
    report,
    markdown: reportMarkdown(report),
    skipped: [{ uri: 'file:///w/big.json', reason: 'larger than 2 MB' }],
  };
}

describe('the unused-permissions report page', () => {
  test('a strict policy: nothing by default, the inline script and style by nonce only', () => {
    const html = unusedReportHtml(resultFor('arn:aws:iam::1:user/a', 'a.json'), { cspSource: 'x', nonce: 'N0nce' });
    assert.match(
      html,
      /content="default-src &#39;none&#39;; script-src &#39;nonce-N0nce&#39;; style-src &#39;nonce-N0nce&#39;"/,
    );
    assert.match(html, /<script nonce="N0nce">/);
    assert.match(html, /<style nonce="N0nce">/);
    assert.equal(html.match(/<script/g)!.length, 1);
  });

  test('every string from the workspace is escaped; links carry an index into the host list', () => {
    const result = resultFor('arn:aws:iam::1:user/<img src=x onerror=alert(1)>', 'x"><script>.json');
    const html = unusedReportHtml(result, { cspSource: 'x', nonce: 'n' });
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('x"><script>'));
    assert.match(html, /<a href="#" data-open="0">x&quot;&gt;&lt;script&gt;\.json:7<\/a>/);
    assert.deepEqual(reportPolicies(result), [{ uri: 'file:///w/x"><script>.json', line: 7 }]);
    assert.match(html, /Not read: 1 file \(larger than 2 MB\)/);
    assert.match(html, /<code>iam:DeleteUser<\/code> <span class="write">Write<\/span>/);
  });
});
