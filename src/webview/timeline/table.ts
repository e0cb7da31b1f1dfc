/**
 * The events table: a plain <table> styled with VS Code's theme variables. Not @vscode-elements'
 * vscode-table: it renders every cell as a custom element with its own shadow root (slow for the few
 * thousand rows a 90-day scan brings) and has neither sorting nor row selection, which this table needs.
 * Rows are focusable and keyboard-selectable; every cell is set with textContent.
 */
import type { ActivityEvent } from '../../core';
import { COLUMNS, type ColumnId, type SortOrder } from './columns';

/** Rows drawn at most; the filters narrow the rest (and the export takes them all). */
export const ROW_LIMIT = 2000;

export class EventTable {
  private readonly head: HTMLTableSectionElement;
  private readonly body: HTMLTableSectionElement;

  constructor(
    table: HTMLTableElement,
    private readonly onSort: (column: ColumnId) => void,
    private readonly onSelect: (eventId: string) => void,
  ) {
    table.setAttribute('aria-label', 'CloudTrail events');
    this.head = table.createTHead();
    this.body = table.createTBody();
    this.body.addEventListener('click', (e) => this.selectFrom(e.target, false));
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Draws the rows (up to ROW_LIMIT) and returns how many it drew. */
  render(events: readonly ActivityEvent[], sort: SortOrder, selectedId: string | undefined): number {
    this.renderHead(sort);
    const rows = events.slice(0, ROW_LIMIT).map((event) => {
      const tr = document.createElement('tr');
      tr.tabIndex = -1;
      tr.dataset['id'] = event.eventId;
      tr.setAttribute('aria-selected', String(event.eventId === selectedId));
      if (event.errorCode !== undefined) tr.classList.add('failed');
      for (const column of COLUMNS) {
        const td = document.createElement('td');
        td.textContent = column.text(event);
        tr.append(td);
      }
      return tr;
    });
    this.body.replaceChildren(...rows);
    // One row is in the tab order: the selected one, else the first.
    const focusable = rows.find((r) => r.getAttribute('aria-selected') === 'true') ?? rows[0];
    if (focusable) focusable.tabIndex = 0;
    return rows.length;
  }

  private renderHead(sort: SortOrder): void {
    const tr = document.createElement('tr');
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      const sorted = sort.column === column.id;
      th.setAttribute('aria-sort', sorted ? (sort.descending ? 'descending' : 'ascending') : 'none');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${column.label}${sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}`;
      button.title = `Sort by ${column.label.toLowerCase()}`;
      button.addEventListener('click', () => this.onSort(column.id));
      th.append(button);
      tr.append(th);
    }
    this.head.replaceChildren(tr);
  }

  /** Marks the row of `eventId` selected (and the only one in the tab order), without redrawing. */
  markSelected(eventId: string | undefined, focus: boolean): void {
    for (const row of this.body.querySelectorAll<HTMLTableRowElement>('tr[aria-selected="true"], tr[tabindex="0"]')) {
      row.setAttribute('aria-selected', 'false');
      row.tabIndex = -1;
    }
    const row = [...this.body.rows].find((r) => r.dataset['id'] === eventId);
    if (!row) return;
    row.setAttribute('aria-selected', 'true');
    row.tabIndex = 0;
    if (focus) row.focus();
  }

  private selectFrom(target: EventTarget | null, focus: boolean): void {
    const row = target instanceof Element ? target.closest('tr') : null;
    const id = row?.dataset['id'];
    if (id === undefined) return;
    this.markSelected(id, focus);
    this.onSelect(id);
  }

  private onKey(e: KeyboardEvent): void {
    const row = e.target instanceof HTMLTableRowElement ? e.target : null;
    if (!row) return;
    const next =
      e.key === 'ArrowDown' ? row.nextElementSibling : e.key === 'ArrowUp' ? row.previousElementSibling : undefined;
    if (next instanceof HTMLTableRowElement) {
      e.preventDefault();
      this.selectFrom(next, true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.selectFrom(row, true);
    }
  }
}
