/**
 * The DOM builders both webview pages use. Text goes in with `textContent` only: what the pages show
 * comes from AWS and CloudTrail, whose names anyone may choose.
 */
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function group(className: string, ...children: HTMLElement[]): HTMLElement {
  const div = element('div', className);
  div.append(...children);
  return div;
}

/** A @vscode-elements button (the page imports the component's registration). */
export function button(label: string, tooltip: string, secondary = false): VscodeButton {
  const b = element('vscode-button', '', label);
  b.title = tooltip;
  b.secondary = secondary;
  return b;
}
