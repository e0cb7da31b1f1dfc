import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { movedIndex, scrollToShow, virtualWindow, type MoveKey } from '../../../src/webview/explorer/virtualWindow';

describe('explorer page: the virtual list window', () => {
  test('the rows in view and a margin either side, clamped to the list', () => {
    // scrollTop, viewport, rowHeight, count, margin -> first, end, height
    const cases: [number, number, number, number, number, number, number, number][] = [
      [0, 400, 40, 10_000, 10, 0, 20, 400_000],
      [4000, 400, 40, 10_000, 10, 90, 120, 400_000],
      [4020, 400, 40, 10_000, 10, 90, 121, 400_000],
      [399_600, 400, 40, 10_000, 10, 9980, 10_000, 400_000],
      [999_999, 400, 40, 10_000, 10, 9980, 10_000, 400_000],
      [-50, 400, 40, 10_000, 0, 0, 10, 400_000],
      [0, 400, 40, 3, 10, 0, 3, 120],
      [0, 400, 40, 0, 10, 0, 0, 0],
      [0, 0, 40, 100, 5, 0, 5, 4000],
    ];
    for (const [scrollTop, viewport, rowHeight, count, margin, first, end, height] of cases)
      assert.deepEqual(
        virtualWindow(scrollTop, viewport, rowHeight, count, margin),
        { first, end, height },
        `scrollTop ${scrollTop}, ${count} rows`,
      );
  });

  test('scrolls as little as it must to show a row whole', () => {
    // index, scrollTop, viewport, rowHeight -> scrollTop
    const cases: [number, number, number, number, number][] = [
      [5, 0, 400, 40, 0],
      [9, 0, 400, 40, 0],
      [10, 0, 400, 40, 40],
      [0, 400, 400, 40, 0],
      [12, 400, 400, 40, 400],
      [9, 400, 400, 40, 360],
      [100, 0, 400, 40, 3640],
    ];
    for (const [index, scrollTop, viewport, rowHeight, expected] of cases)
      assert.equal(scrollToShow(index, scrollTop, viewport, rowHeight), expected, `row ${index} from ${scrollTop}`);
  });

  test('the keys move the selection within the list', () => {
    // current, key, count, page -> index
    const cases: [number, MoveKey, number, number, number | undefined][] = [
      [-1, 'ArrowDown', 10, 5, 0],
      [-1, 'ArrowUp', 10, 5, 0],
      [3, 'ArrowDown', 10, 5, 4],
      [9, 'ArrowDown', 10, 5, 9],
      [0, 'ArrowUp', 10, 5, 0],
      [4, 'Home', 10, 5, 0],
      [4, 'End', 10, 5, 9],
      [0, 'PageDown', 100, 10, 9],
      [-1, 'PageDown', 100, 10, 8],
      [95, 'PageDown', 100, 10, 99],
      [50, 'PageUp', 100, 10, 41],
      [3, 'PageUp', 100, 10, 0],
      [0, 'PageDown', 100, 1, 1],
      [-1, 'ArrowDown', 0, 5, undefined],
    ];
    for (const [current, key, count, page, expected] of cases)
      assert.equal(movedIndex(current, key, count, page), expected, `${key} from ${current} of ${count}`);
  });
});
