/**
 * The tab strip: Keys, Secrets, Findings, each with its row count. ARIA tabs with a roving tabindex: Tab
 * reaches the selected one, the arrow keys, Home and End move between them and show the one reached.
 */
import { EXPLORER_TABS, type ExplorerTab } from '../../shared/explorerMessages';

const LABELS: Readonly<Record<ExplorerTab, string>> = { keys: 'Keys', secrets: 'Secrets', findings: 'Findings' };

export class TabStrip {
  private readonly buttons = new Map<ExplorerTab, HTMLButtonElement>();

  constructor(
    readonly element: HTMLElement,
    panelId: string,
    private readonly onSelect: (tab: ExplorerTab) => void,
  ) {
    element.setAttribute('role', 'tablist');
    element.setAttribute('aria-label', 'Security explorer');
    for (const tab of EXPLORER_TABS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tab';
      button.id = `tab-${tab}`;
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-controls', panelId);
      button.textContent = LABELS[tab];
      button.addEventListener('click', () => this.onSelect(tab));
      button.addEventListener('keydown', (e) => this.onKey(e, tab));
      this.buttons.set(tab, button);
      element.append(button);
    }
  }

  /** Marks `tab` selected (and the only tab in the tab order). */
  show(tab: ExplorerTab): void {
    for (const [name, button] of this.buttons) {
      button.setAttribute('aria-selected', String(name === tab));
      button.tabIndex = name === tab ? 0 : -1;
    }
  }

  /** The tab's label with its count (rows shown of rows read, when filters hide some). */
  setCount(tab: ExplorerTab, shown: number | undefined, total: number | undefined): void {
    const count =
      total === undefined ? '' : shown === undefined || shown === total ? ` ${total}` : ` ${shown}/${total}`;
    this.buttons.get(tab)!.textContent = `${LABELS[tab]}${count}`;
  }

  private onKey(e: KeyboardEvent, tab: ExplorerTab): void {
    const at = EXPLORER_TABS.indexOf(tab);
    const n = EXPLORER_TABS.length;
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % n
        : e.key === 'ArrowLeft'
          ? (at + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = EXPLORER_TABS[to]!;
    this.onSelect(next);
    this.buttons.get(next)!.focus();
  }
}
