import assert from 'node:assert/strict';
import type { Fix, TextEdit } from '../../../src/core/rules/types';

/** `text` with the edits applied, as an editor applies one fix: from the last to the first; they must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.span.end <= sorted[i - 1]!.span.start, 'edits overlap');
  return sorted.reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

/** `text` with one fix applied. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}
