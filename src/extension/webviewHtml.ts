/**
 * The webview pages' HTML (the CloudTrail timeline, the security explorer): a fixed shell that loads the bundled script and stylesheet by nonce under a
 * strict Content Security Policy. No data goes into this HTML: data arrives by postMessage and are
 * written with textContent. Pure (no VS Code API), so the unit tests read the policy.
 */
import { randomBytes } from 'node:crypto';

/** 128 random bits from the OS's generator (never Math.random: a guessable nonce admits scripts). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Nothing by default; scripts only with the nonce; styles from the extension's files or with the nonce
 * (web components' constructed stylesheets need no inline styles); images and fonts from the extension.
 */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export interface PageAssets {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** The page's shell; `title` is what a screen reader announces (the panel's or view's own title shows). */
export function pageHtml(assets: PageAssets, title: string): string {
  const nonce = attribute(assets.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(webviewCsp(assets.cspSource, assets.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${attribute(assets.styleUri)}">
<title>${attribute(title)}</title>
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}" src="${attribute(assets.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
