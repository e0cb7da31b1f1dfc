/**
 * The arithmetic of the virtualised list: which rows of a long list are in the DOM for a scroll
 * position (the visible ones and a margin either side, so a fast scroll does not show blank space
 * before the next frame), where the view must scroll to show a row, and where the keyboard moves the
 * selection. Pure, so the tests check it without a browser.
 */

export interface VirtualWindow {
  /** The first row in the DOM. */
  readonly first: number;
  /** One past the last row in the DOM. */
  readonly end: number;
  /** The list's whole height in pixels, so the scrollbar is the list's. */
  readonly height: number;
}

/** The rows to draw for `scrollTop` in a viewport of `viewport` pixels, `margin` rows either side. */
export function virtualWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  margin: number,
): VirtualWindow {
  const height = count * rowHeight;
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, height - viewport));
  const first = Math.max(0, Math.floor(top / rowHeight) - margin);
  const end = Math.min(count, Math.ceil((top + Math.max(0, viewport)) / rowHeight) + margin);
  return { first, end: Math.max(first, end), height };
}

/** The scroll position that shows row `index` whole, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return Math.max(0, top + rowHeight - viewport);
  return scrollTop;
}

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isMoveKey(key: string): key is MoveKey {
  return ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/**
 * Where a key moves the selection in a list of `count` rows of which `page` fit the view; from no
 * selection (-1) the first step down lands on the first row. Undefined for an empty list.
 */
export function movedIndex(current: number, key: MoveKey, count: number, page: number): number | undefined {
  if (count === 0) return undefined;
  const step = Math.max(1, page - 1);
  const to: Record<MoveKey, number> = {
    ArrowUp: current - 1,
    ArrowDown: current + 1,
    Home: 0,
    End: count - 1,
    PageUp: current - step,
    PageDown: current < 0 ? step - 1 : current + step,
  };
  return Math.min(count - 1, Math.max(0, to[key]));
}
