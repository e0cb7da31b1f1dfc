import type { ReportPageMessage } from '../../shared/investigationMessages';
import { element } from '../dom';

export type Send = (message: ReportPageMessage) => void;
type PivotKind = Extract<ReportPageMessage, { type: 'pivot' }>['kind'];

/** A button that reads as a link: what a click on a principal, a resource, a key or an address does. */
export function linkButton(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = element('button', 'link', label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

const NOUNS: Readonly<Record<PivotKind, string>> = {
  principal: 'principal',
  resource: 'resource',
  accessKey: 'access key',
  ip: 'source address',
};

/** A value that can be investigated next: its own text investigates, then its timeline and code. */
export function pivotLinks(kind: PivotKind, value: string, send: Send, label = value): HTMLElement {
  const span = element('span', 'pivot');
  span.append(
    linkButton(label, `Investigate this ${NOUNS[kind]}`, () => send({ type: 'pivot', kind, value })),
    linkButton('timeline', `Its CloudTrail timeline`, () => send({ type: 'timeline', kind, value })),
  );
  if (kind === 'resource' || kind === 'principal')
    span.append(linkButton('code', 'The workspace files that name it', () => send({ type: 'findInCode', value })));
  return span;
}

/** The pivot kind of a value a table cell shows, when it is one CloudWarden can investigate. */
export function pivotOf(value: string, hint: PivotKind): PivotKind | undefined {
  if (hint === 'principal') return value.startsWith('arn:') ? 'principal' : undefined;
  return hint;
}
