import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { makeNonce, pageHtml, webviewCsp } from '../../../src/extension/webviewHtml';
import { repoRoot } from '../helpers/paths';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'c2VjcmV0LW5vbmNlLTEyMw==';

/** The policy's directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('the timeline page’s HTML and Content Security Policy', () => {
  test('nothing by default; scripts by nonce only; styles, images and fonts from the extension', () => {
    const csp = directives(webviewCsp(CSP_SOURCE, NONCE));
    assert.deepEqual(Object.fromEntries(csp), {
      'default-src': ["'none'"],
      'script-src': [`'nonce-${NONCE}'`],
      'style-src': [CSP_SOURCE, `'nonce-${NONCE}'`],
      'img-src': [CSP_SOURCE, 'data:'],
      'font-src': [CSP_SOURCE],
    });
    const text = webviewCsp(CSP_SOURCE, NONCE);
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:'])
      assert.ok(!text.split(/[\s;]+/).includes(unsafe), unsafe);
  });

  test('the shell: the policy in its meta tag, the one script and stylesheet by nonce, no inline script', () => {
    const html = pageHtml(
      {
        cspSource: CSP_SOURCE,
        nonce: NONCE,
        scriptUri: `${CSP_SOURCE}/ext/dist/webview/timeline.js`,
        styleUri: `${CSP_SOURCE}/ext/dist/webview/timeline.css?"><script>`,
      },
      'Security <explorer>',
    );
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.equal(meta?.[1], webviewCsp(CSP_SOURCE, NONCE));
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]![1], ` nonce="${NONCE}" src="${CSP_SOURCE}/ext/dist/webview/timeline.js"`);
    assert.equal(scripts[0]![2], '', 'no inline script');
    assert.ok(
      html.includes(`href="${CSP_SOURCE}/ext/dist/webview/timeline.css?&quot;&gt;&lt;script&gt;"`),
      'attribute escaped',
    );
    assert.ok(!/\son[a-z]+=/i.test(html), 'no event handler attributes');
    assert.ok(!/style="/.test(html), 'no inline style');
    assert.ok(html.includes('<title>Security &lt;explorer&gt;</title>'), 'the title escaped');
  });

  test('nonces: 128 random bits each, never the same twice', () => {
    const nonces = Array.from({ length: 200 }, makeNonce);
    assert.equal(new Set(nonces).size, nonces.length);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16, n);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });

  test('the build wrote the page’s script and stylesheet where the panel loads them (dist/webview)', () => {
    for (const name of ['timeline.js', 'timeline.css']) {
      const file = path.join(repoRoot, 'dist', 'webview', name);
      assert.ok(existsSync(file), `${file}: run node esbuild.mjs`);
      assert.ok(statSync(file).size > 1000, `${file} is nearly empty`);
    }
    const script = readFileSync(path.join(repoRoot, 'dist', 'webview', 'timeline.js'), 'utf8');
    // A browser bundle: the page talks to VS Code through acquireVsCodeApi, and loads no module at run time.
    assert.ok(script.includes('acquireVsCodeApi'));
    assert.ok(!/\brequire\(["']/.test(script), 'a require() left in the browser bundle');
    assert.ok(!script.includes('from "vscode"') && !script.includes("require('vscode')"));
    const css = readFileSync(path.join(repoRoot, 'dist', 'webview', 'timeline.css'), 'utf8');
    assert.ok(css.includes('.uplot') && css.includes('--vscode-'), 'uPlot’s styles and the theme’s variables');
  });
});
