/**
 * The investigation commands: "Investigate…" (from an explorer row, a hover link, the cursor, or a
 * subject typed in), one command per kind of subject, and "Security events in the last N hours".
 */
import * as vscode from 'vscode';
import { isInvestigateParams } from '../shared/investigationMessages';
import { subjectOfText, subjectProblem } from '../shared/investigationSubject';
import type { InvestigateRequest, InvestigationSubject } from '../shared/protocol';
import { isActivityTarget, type ActivityTarget } from '../shared/timelineMessages';
import { titleOf, type InvestigationPanels } from './investigationPanel';
import type { ServerHandle } from './serverHandle';
import { readsLogFiles, referenceAtCursor } from './showActivity';

type Kind = Exclude<InvestigationSubject['kind'], 'window'>;

/** A week back over AWS (as the timeline); everything the log files hold over them. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3_600_000;
const DEFAULT_HOURS = 24;
/** LookupEvents keeps 90 days. */
const MAX_HOURS = 90 * 24;

const PROMPTS: Readonly<
  Record<Kind, { readonly title: string; readonly prompt: string; readonly placeHolder: string }>
> = {
  principal: {
    title: 'Investigate a principal',
    prompt: 'A user, role or role session: its ARN, or its name',
    placeHolder: 'arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:role/deploy, alice',
  },
  resource: {
    title: 'Investigate a resource',
    prompt: 'Its ARN, or its name as CloudTrail records it (bucket, function, key id, secret name)',
    placeHolder: 'arn:aws:s3:::my-bucket, my-function',
  },
  accessKey: { title: 'Investigate an access key', prompt: 'The access key id', placeHolder: 'AKIA…, ASIA…' },
  ip: { title: 'Investigate a source address', prompt: 'The IPv4 or IPv6 address', placeHolder: '203.0.113.9' },
  event: { title: 'Investigate an event', prompt: 'The CloudTrail event id', placeHolder: '3c5d2a7e-…' },
};

function windowStart(now: number): number {
  return readsLogFiles() ? 0 : now - DEFAULT_WINDOW_MS;
}

function open(panels: InvestigationPanels, subject: InvestigationSubject, since: number, until?: number): void {
  const request: InvestigateRequest.Params = { subject, since, ...(until !== undefined && { until }) };
  panels.show(request, subject.kind === 'window' ? titleOf('window') : titleOf(subject.kind, subject.value));
}

/** The subject of a timeline's query (an explorer row's or a hover link's argument). */
function subjectOfTarget(target: ActivityTarget): InvestigationSubject | undefined {
  const q = target.query;
  if (q.accessKeyId) return { kind: 'accessKey', value: q.accessKeyId };
  if (q.eventId) return { kind: 'event', value: q.eventId };
  if (q.principal) return { kind: 'principal', value: q.principal };
  if (q.resource) return { kind: 'resource', value: q.resource };
  if (q.sourceIp) return { kind: 'ip', value: q.sourceIp };
  return undefined;
}

/** "CloudWarden: Investigate…": the argument's subject, else the reference under the cursor, else asked. */
export async function investigate(server: ServerHandle, panels: InvestigationPanels, arg: unknown): Promise<void> {
  if (isInvestigateParams(arg)) {
    open(panels, arg.subject, arg.since, arg.until);
    return;
  }
  if (arg !== undefined) {
    const subject = isActivityTarget(arg) ? subjectOfTarget(arg) : undefined;
    if (subject === undefined) {
      void vscode.window.showErrorMessage('CloudWarden: this link does not hold anything CloudWarden can investigate.');
      return;
    }
    open(panels, subject, (arg as ActivityTarget).query.since, (arg as ActivityTarget).query.until);
    return;
  }
  const now = Date.now();
  const atCursor = await subjectAtCursor(server);
  if (atCursor !== undefined) {
    open(panels, atCursor, windowStart(now));
    return;
  }
  const text = await vscode.window.showInputBox({
    title: 'CloudWarden: Investigate',
    prompt: 'A principal or resource ARN, a name, an access key id, a source address or an event id',
    placeHolder: 'arn:aws:iam::111122223333:user/alice, AKIA…, 203.0.113.9, 3c5d2a7e-…',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Type what to investigate.' : undefined),
  });
  const subject = text === undefined ? undefined : subjectOfText(text);
  if (subject !== undefined) open(panels, subject, windowStart(Date.now()));
}

/** "CloudWarden: Investigate a principal / resource / …": asked for, the cursor's reference offered first. */
export async function investigateKind(
  server: ServerHandle,
  panels: InvestigationPanels,
  kind: Kind,
  arg: unknown,
): Promise<void> {
  if (typeof arg === 'string' && subjectProblem(arg, kind) === undefined) {
    open(panels, { kind, value: arg.trim() }, windowStart(Date.now()));
    return;
  }
  const atCursor = kind === 'principal' || kind === 'resource' ? await subjectAtCursor(server) : undefined;
  const prompt = PROMPTS[kind];
  const text = await vscode.window.showInputBox({
    title: `CloudWarden: ${prompt.title}`,
    prompt: `${prompt.prompt}: its CloudTrail events ${readsLogFiles() ? 'in the log files' : 'of the last 7 days'}`,
    placeHolder: prompt.placeHolder,
    ...(atCursor?.kind === kind && { value: atCursor.value }),
    ignoreFocusOut: true,
    validateInput: (value) => subjectProblem(value, kind),
  });
  if (text !== undefined && subjectProblem(text, kind) === undefined)
    open(panels, { kind, value: text.trim() }, windowStart(Date.now()));
}

/** "CloudWarden: Security events in the last N hours": every detection over the window. */
export async function securityEvents(panels: InvestigationPanels, arg: unknown): Promise<void> {
  const given = typeof arg === 'number' ? arg : (arg as { hours?: unknown } | undefined)?.hours;
  let hours = typeof given === 'number' && given > 0 && given <= MAX_HOURS ? given : undefined;
  if (hours === undefined) {
    const text = await vscode.window.showInputBox({
      title: 'CloudWarden: Security events',
      prompt: 'Run every detection over the CloudTrail events of the last N hours',
      value: String(DEFAULT_HOURS),
      ignoreFocusOut: true,
      validateInput: (value) => {
        const n = Number(value);
        return Number.isFinite(n) && n > 0 && n <= MAX_HOURS
          ? undefined
          : `A number of hours, up to ${MAX_HOURS} (90 days).`;
      },
    });
    if (text === undefined) return;
    hours = Number(text);
  }
  open(panels, { kind: 'window' }, Date.now() - hours * 3_600_000);
}

async function subjectAtCursor(server: ServerHandle): Promise<InvestigationSubject | undefined> {
  const reference = await referenceAtCursor(server);
  if (!reference) return undefined;
  const { principal, resource } = reference.query;
  if (principal !== undefined) return { kind: 'principal', value: principal };
  return resource !== undefined ? { kind: 'resource', value: resource } : undefined;
}
