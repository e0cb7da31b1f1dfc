/**
 * A list of any length with only the rows in view (and a margin) in the DOM, each row a fixed height,
 * so 10,000 findings scroll as smoothly as 10. A listbox: the list itself takes the focus and names its
 * selected row with aria-activedescendant; the arrow keys, Page Up/Down, Home and End move the selection
 * and scroll to it, Enter hands the focus to the details.
 */
import { isMoveKey, movedIndex, scrollToShow, virtualWindow } from './virtualWindow';

/** Two lines of text per row: its name and a line of facts; in px, as explorer.css draws it. */
const ROW_HEIGHT = 40;
const MARGIN = 10;

export interface ListCallbacks<T> {
  readonly id: (item: T) => string;
  /** Fills a fresh row element with the item's texts (textContent only). */
  readonly draw: (item: T, row: HTMLElement) => void;
  readonly onSelect: (id: string) => void;
  readonly onEnter: () => void;
}

export class VirtualList {
  private items: readonly unknown[] = [];
  private selected = -1;
  private callbacks: ListCallbacks<unknown> | undefined;
  private readonly sizer: HTMLElement;
  private readonly empty: HTMLElement;

  constructor(readonly element: HTMLElement) {
    element.setAttribute('role', 'listbox');
    element.tabIndex = 0;
    this.sizer = document.createElement('div');
    this.sizer.className = 'sizer';
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    element.append(this.sizer, this.empty);
    element.addEventListener('scroll', () => this.draw());
    element.addEventListener('keydown', (e) => this.onKey(e));
    // On mousedown, not click: the mousedown may take the focus from a filter field, whose change then
    // redraws the rows, and a click whose mousedown and mouseup land on different (redrawn) rows is lost.
    element.addEventListener('mousedown', (e) => {
      if (e.button !== 0) return;
      const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[role="option"]') : null;
      if (row?.dataset['index'] !== undefined) this.select(Number(row.dataset['index']), true);
    });
    new ResizeObserver(() => this.draw()).observe(element);
  }

  /** New rows (a tab's data, filtered and sorted), with the selected row's id and what to say when empty. */
  show<T>(items: readonly T[], callbacks: ListCallbacks<T>, selectedId: string | undefined, emptyText: string): void {
    this.items = items;
    this.callbacks = callbacks as ListCallbacks<unknown>;
    this.selected = selectedId === undefined ? -1 : items.findIndex((item) => callbacks.id(item) === selectedId);
    this.empty.textContent = items.length === 0 ? emptyText : '';
    this.draw();
  }

  /** Selects the row of `id` and scrolls it into view; false when it is not in the list. */
  reveal(id: string): boolean {
    const index = this.callbacks ? this.items.findIndex((item) => this.callbacks!.id(item) === id) : -1;
    if (index < 0) return false;
    this.select(index, false);
    return true;
  }

  private select(index: number, notify: boolean): void {
    this.selected = index;
    const viewport = this.element.clientHeight;
    this.element.scrollTop = scrollToShow(index, this.element.scrollTop, viewport, ROW_HEIGHT);
    this.draw();
    const item = this.items[index];
    if (notify && item !== undefined) this.callbacks?.onSelect(this.callbacks.id(item));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.callbacks?.onEnter();
      return;
    }
    if (!isMoveKey(e.key)) return;
    const page = Math.floor(this.element.clientHeight / ROW_HEIGHT);
    const to = movedIndex(this.selected, e.key, this.items.length, page);
    if (to === undefined) return;
    e.preventDefault();
    this.select(to, true);
  }

  private draw(): void {
    const callbacks = this.callbacks;
    if (!callbacks) return;
    const win = virtualWindow(this.element.scrollTop, this.element.clientHeight, ROW_HEIGHT, this.items.length, MARGIN);
    this.sizer.style.height = `${win.height}px`;
    const rows: HTMLElement[] = [];
    for (let i = win.first; i < win.end; i++) {
      const item = this.items[i]!;
      const row = document.createElement('div');
      row.className = 'row';
      row.id = `option-${i}`;
      row.setAttribute('role', 'option');
      row.dataset['index'] = String(i);
      row.dataset['id'] = callbacks.id(item);
      row.setAttribute('aria-selected', String(i === this.selected));
      row.setAttribute('aria-setsize', String(this.items.length));
      row.setAttribute('aria-posinset', String(i + 1));
      row.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      callbacks.draw(item, row);
      rows.push(row);
    }
    this.sizer.replaceChildren(...rows);
    if (this.selected >= 0 && this.selected >= win.first && this.selected < win.end)
      this.element.setAttribute('aria-activedescendant', `option-${this.selected}`);
    else this.element.removeAttribute('aria-activedescendant');
  }
}
