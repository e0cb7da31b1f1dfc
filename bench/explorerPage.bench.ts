import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { FindingRow, KeyRow, SecretRow } from '../src/core';
import type { TabData } from '../src/shared/explorerMessages';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/harness/browser';
import { repoRoot } from '../test/harness/paths';
import { generatedRows } from '../test/unit/findings/rows';
import { generatedKeys, generatedSecrets } from '../test/unit/explorer/pageRows';
import { summarize } from './lib/measure';

/**
 * The security explorer's page in headless chromium, against issue 15's targets: the first paint of a
 * tab after its data arrives (< 300 ms; 1,000 keys, 5,000 secrets, 10,000 findings), a filter change on
 * 10,000 findings (< 50 ms), and the bundle's size (< 150 KB minified: run `node esbuild.mjs --production`
 * first to measure that). The page is dist/webview/explorer.js and .css as built, under a stub
 * `acquireVsCodeApi` that records what the page posts; each time is from the host's message (or the
 * click) to the page's `rendered` message, and to the next frame after it (the paint).
 * Run after `node esbuild.mjs --tests`: node out/bench/explorerPage.bench.js
 */
const RUNS = 9;
const WIDTH = 400;

const STUB = `
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    window.__posted.push(message);
    if (message.type === 'rendered' && window.__waiting) {
      const resolve = window.__waiting;
      window.__waiting = undefined;
      resolve(performance.now());
    }
  },
  getState: () => window.__state,
  setState: (state) => { window.__state = state; },
});
/* One action (post the tab's data, or change a filter), timed to the page's rendered message and to the
   frame after it (requestAnimationFrame runs before the paint; the timeout after it, once painted). */
window.__measure = async (what, n) => {
  const rendered = new Promise((resolve) => (window.__waiting = resolve));
  const start = performance.now();
  if (what === 'post') window.postMessage({ type: 'tab', data: window.__data }, '*');
  else if (what === 'severity') document.querySelector('.count').click();
  else if (what === 'flagged') {
    const box = document.querySelector('.filters vscode-checkbox');
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change'));
  } else {
    const field = document.querySelector('.filters vscode-textfield');
    field.value = n % 2 === 0 ? 'bucket-4' : '';
    field.dispatchEvent(new Event('change'));
  }
  const at = await rendered;
  const painted = await new Promise((resolve) =>
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
  );
  const last = window.__posted.filter((m) => m.type === 'rendered').pop();
  return { rendered: at - start, painted: painted - start, rows: last ? last.rows : -1 };
};`;

interface Timing {
  readonly rendered: number;
  readonly painted: number;
  readonly rows: number;
}

/** What the stub adds to the page's global object. */
interface InPage {
  __data: unknown;
  __measure(what: string, n: number): Promise<Timing>;
}

async function main(): Promise<void> {
  const dist = path.join(repoRoot, 'dist', 'webview');
  const bundle = statSync(path.join(dist, 'explorer.js')).size;
  const css = statSync(path.join(dist, 'explorer.css')).size;
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    await page.setViewportSize({ width: WIDTH, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') console.log(`page ${m.type()}: ${m.text()}`);
    });
    await page.setContent(
      `<!doctype html><html><head><script>${STUB}</script></head><body><div id="root"></div></body></html>`,
    );
    await page.addStyleTag({ path: path.join(dist, 'explorer.css') });
    await page.addScriptTag({ path: path.join(dist, 'explorer.js') });
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((region) => ({
      region,
      loading: false,
      notices: [],
      truncated: false,
      fetchedAt: Date.now(),
    }));
    const tabs: [string, TabData][] = [
      ['keys', { tab: 'keys', regions, rows: generatedKeys(1_000) as KeyRow[] }],
      ['secrets', { tab: 'secrets', regions, rows: generatedSecrets(5_000) as SecretRow[] }],
      [
        'findings',
        {
          tab: 'findings',
          regions,
          rows: generatedRows(10_000).map((r) => ({ ...r, updatedAt: Date.now() - r.updatedAt })) as FindingRow[],
          counts: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 },
        },
      ],
    ];
    console.log(`explorer page in chromium, ${WIDTH} px wide, median of ${RUNS} runs`);
    for (const [tab, data] of tabs) {
      await page.evaluate((d) => ((globalThis as unknown as InPage).__data = d), data);
      await page.getByRole('tab', { name: new RegExp(`^${tab}`, 'i') }).click();
      const times: Timing[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timed(page, 'post'));
      report(`first paint of ${tab} (${data.rows.length} rows)`, times, 300);
    }
    // The findings tab is shown, with 10,000 rows: filter changes.
    const filters: [string, string][] = [
      ['severity count button (critical only, then all)', 'severity'],
      ['text filter (Enter in the field)', 'text'],
      ['flagged only', 'flagged'],
    ];
    for (const [name, action] of filters) {
      const times: Timing[] = [];
      for (let i = 0; i < RUNS * 2; i++) times.push(await timed(page, action, i));
      report(`filter on 10,000 findings: ${name}`, times, 50);
    }
    const rowsInDom = await page.locator('[role="option"]').count();
    console.log(`rows in the DOM with 10,000 findings: ${rowsInDom}`);
    console.log(
      `bundle: explorer.js ${(bundle / 1024).toFixed(1)} KB, explorer.css ${(css / 1024).toFixed(1)} KB (target < 150 KB minified; build with --production to measure that)`,
    );
  } finally {
    await browser.close();
  }
}

/** One measure in the page (`__measure` of the stub): its time to `rendered` and to the frame after it. */
async function timed(page: Page, action: string, i = 0): Promise<Timing> {
  return page.evaluate(([what, n]) => (globalThis as unknown as InPage).__measure(what, n), [action, i] as const);
}

function report(name: string, times: readonly Timing[], target: number): void {
  const rendered = summarize(times.map((t) => t.rendered));
  const painted = summarize(times.map((t) => t.painted));
  const rows = [...new Set(times.map((t) => t.rows))].join('/');
  console.log(
    `${name}: to rendered median ${rendered.median.toFixed(1)} ms (max ${rendered.max.toFixed(1)}), to paint median ${painted.median.toFixed(1)} ms (max ${painted.max.toFixed(1)}), rows ${rows}; target < ${target} ms: ${painted.median < target ? 'pass' : 'FAIL'}`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
