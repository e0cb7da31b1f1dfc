/**
 * Small builders of the page's controls: @vscode-elements for buttons, text fields and checkboxes (as
 * the timeline page), a native <select> for the sort (vscode-single-select would add about 50 KB to the
 * bundle for one drop-down), styled with VS Code's theme variables in explorer.css.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { element } from '../dom';

export type { VscodeButton, VscodeCheckbox, VscodeTextfield };

/** A text field whose inner input is named `label` (the e2e test finds the filter by its name). */
export function textfield(label: string, placeholder: string, onChange: (value: string) => void): VscodeTextfield {
  const field = element('vscode-textfield', '');
  field.label = label;
  field.placeholder = placeholder;
  field.title = placeholder;
  let typing: ReturnType<typeof setTimeout> | undefined;
  // Typing waits for a pause; Enter or leaving the field applies at once.
  field.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => onChange(field.value), 120);
  });
  field.addEventListener('change', () => {
    clearTimeout(typing);
    onChange(field.value);
  });
  return field;
}

export function checkbox(label: string, onChange: (checked: boolean) => void): VscodeCheckbox {
  const box = element('vscode-checkbox', '');
  box.label = label;
  box.addEventListener('change', () => onChange(box.checked));
  return box;
}

/** A native drop-down of `[value, label]` options. */
export function select<V extends string>(
  label: string,
  options: readonly (readonly [V, string])[],
  onChange: (value: V) => void,
): HTMLSelectElement {
  const el = element('select', 'select');
  el.setAttribute('aria-label', label);
  el.title = label;
  for (const [value, text] of options) {
    const option = element('option', '', text);
    option.value = value;
    el.append(option);
  }
  el.addEventListener('change', () => onChange(el.value as V));
  return el;
}
