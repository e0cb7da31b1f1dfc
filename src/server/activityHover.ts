import { MarkupKind, type Hover, type MarkupContent, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { activityHoverMarkdown } from '../core';
import type { ActivityService } from './activityService';
import { referenceAtPosition } from './references';
import type { PolicySources } from './sources';

/**
 * The CloudTrail part of a hover: on a resource reference, when AWS is configured. It answers from the
 * cache at once ("loading…" on a miss, whose fetch then runs in the background): it never waits on AWS.
 */
export async function provideActivityHover(
  activity: ActivityService,
  sources: PolicySources,
  document: TextDocument,
  position: Position,
): Promise<Hover | null> {
  const reference = referenceAtPosition(sources, document, position);
  if (!reference) return null;
  const answer = await activity.glance(reference);
  if (!answer) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: activityHoverMarkdown(answer.glance, answer.now) },
    range: { start: document.positionAt(reference.span.start), end: document.positionAt(reference.span.end) },
  };
}

/** One hover from two: the policy's documentation first, then the activity (an ARN in a policy has both). */
export function joinHovers(first: Hover | null, second: Hover | null): Hover | null {
  if (!first || !second) return first ?? second;
  const value = (hover: Hover) => (hover.contents as MarkupContent).value;
  return {
    contents: { kind: MarkupKind.Markdown, value: `${value(first)}\n\n---\n\n${value(second)}` },
    ...((first.range ?? second.range) && { range: first.range ?? second.range }),
  };
}
