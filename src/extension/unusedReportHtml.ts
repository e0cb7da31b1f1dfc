/**
 * The unused-permissions report page: the server's report as HTML, every string escaped, under a strict
 * Content Security Policy (no default source; the one inline script and stylesheet by nonce). The script
 * only turns clicks into messages (`export`, `open` with an index into the host's own list): the host
 * never trusts the page for a path. Pure (no VS Code API), so unit tests read it.
 */
import type { ReportGrant } from '../core';
import type { UnusedReportRequest } from '../shared/protocol';

export interface ReportAssets {
  readonly cspSource: string;
  readonly nonce: string;
}

/** The policies of the report in page order: what an `open` message's index names. */
export function reportPolicies(result: UnusedReportRequest.Result): { readonly uri: string; readonly line: number }[] {
  return result.report.principals.flatMap((p) => p.policies.map((x) => ({ uri: x.uri, line: x.line })));
}

function reportCsp(nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`].join('; ');
}

/** Risky grants shown per principal before the rest are counted. */
const SHOWN = 25;

export function unusedReportHtml(result: UnusedReportRequest.Result, assets: ReportAssets): string {
  const nonce = escape(assets.nonce);
  const { report } = result;
  let policyIndex = 0;
  const rows = report.principals
    .map((p) => {
      const risky = p.unused.filter((g) => g.risk >= 2).length;
      return `<tr><td><code>${escape(p.principal)}</code></td><td>${p.counts.granted}</td><td>${p.counts.used}</td><td class="unused">${p.counts.unused}</td><td>${p.counts.unknown}</td><td class="${risky > 0 ? 'risky' : ''}">${risky}</td></tr>`;
    })
    .join('');
  const sections = report.principals
    .map((p) => {
      const policies = p.policies
        .map(
          (x) =>
            `<li><a href="#" data-open="${policyIndex++}">${escape(x.file)}:${x.line}</a> <span class="muted">(principal from ${escape(x.mappingEvidence)})</span></li>`,
        )
        .join('');
      const grants = p.unused
        .slice(0, SHOWN)
        .map((g) => `<li><code>${escape(g.action)}</code> <span class="${riskClass(g)}">${escape(g.label)}</span></li>`)
        .join('');
      const more = p.unused.length > SHOWN ? `<li class="muted">and ${p.unused.length - SHOWN} more</li>` : '';
      const denied = p.denied
        .map(
          (d) =>
            `<li><code>${escape(d.action)}</code> ${d.count} ${d.count === 1 ? 'time' : 'times'}, last ${new Date(d.last).toISOString().slice(0, 10)}</li>`,
        )
        .join('');
      return `<section>
<h2><code>${escape(p.principal)}</code></h2>
<p class="muted">Evidence: ${escape(p.evidence)}.</p>
<h3>Policies</h3><ul>${policies}</ul>
${p.unused.length > 0 ? `<h3>Unused grants (${p.unused.length}), riskiest first</h3><ul>${grants}${more}</ul>` : '<p>Every judged grant was used.</p>'}
${denied ? `<h3>Refused (needed but not granted)</h3><ul>${denied}</ul>` : ''}
</section>`;
    })
    .join('\n');
  const skipped =
    result.skipped.length === 0
      ? ''
      : `<p class="muted">Not read: ${result.skipped.length} ${result.skipped.length === 1 ? 'file' : 'files'} (${escape(result.skipped[0]!.reason)}${result.skipped.length > 1 ? ', ...' : ''}).</p>`;
  const body =
    report.principals.length === 0
      ? `<p>No policy in the workspace is mapped to a deployed principal with evidence of use. Map one with a <code>principals</code> entry in <code>.cloudwarden.yaml</code>.</p>`
      : `<table><thead><tr><th>Principal</th><th>Granted</th><th>Used</th><th>Unused</th><th>Unknown</th><th>Risky unused</th></tr></thead><tbody>${rows}</tbody></table>\n${sections}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escape(reportCsp(assets.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Unused permissions</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>Unused permissions</h1><button id="export" type="button">Export as Markdown</button></header>
<p class="muted">Generated ${escape(new Date(report.generatedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC${report.unmappedFiles > 0 ? `; ${report.unmappedFiles} more ${report.unmappedFiles === 1 ? 'file holds policies' : 'files hold policies'} mapped to no principal` : ''}.</p>
${skipped}
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

function riskClass(grant: ReportGrant): string {
  return grant.risk >= 3 ? 'risky' : grant.risk === 2 ? 'write' : 'muted';
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 16px; }
header { display: flex; align-items: center; gap: 16px; }
h2 { font-size: 1.1em; margin-top: 24px; }
h3 { font-size: 1em; margin-bottom: 4px; }
table { border-collapse: collapse; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border); text-align: right; }
th:first-child, td:first-child { text-align: left; }
.muted { color: var(--vscode-descriptionForeground); }
.unused { font-weight: bold; }
.risky { color: var(--vscode-errorForeground); }
.write { color: var(--vscode-editorWarning-foreground); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; }
a { color: var(--vscode-textLink-foreground); }
`;

// Clicks become messages; the host reads the index against its own list of policies.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.getElementById('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
for (const link of document.querySelectorAll('a[data-open]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'open', index: Number(link.dataset.open) });
  });
}
`;

function escape(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
