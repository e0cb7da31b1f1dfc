/**
 * Suggested response steps: containment written out for a person to review and run, never run by
 * CloudWarden (which only reads). Each detection says what undoes or limits what it saw; the subject
 * says how to contain a principal, a key or an address once the report is classified as serious.
 */
import type { ActivityEvent } from '../activity/event';
import type { Subject } from './subject';

export interface ResponseStep {
  readonly title: string;
  readonly detail: string;
  /** An AWS CLI command written out (placeholders in <angle brackets>); never executed. */
  readonly command?: string;
  /** What the step answers: a detection id, or `subject`. */
  readonly reason: string;
}

type StepOf = (event: ActivityEvent) => Omit<ResponseStep, 'reason'>;

/** The first resource the event names, or the fallback. */
function named(event: ActivityEvent, fallback: string): string {
  const resource = event.resources.find((r) => r.name !== undefined) ?? event.resources[0];
  return resource?.name ?? resource?.arn ?? fallback;
}

/**
 * The first resource the event names, quoted for a shell command: names come from the events, so a
 * person pasting the command must never run something a name smuggled in.
 */
function target(event: ActivityEvent, fallback: string): string {
  const value = named(event, fallback);
  return value === fallback ? fallback : shellWord(value);
}

/**
 * A value as one shell word: plain when it is only safe characters, single-quoted otherwise, and in
 * bash's $'…' with escapes when it holds control characters (so a command stays on one line).
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9._:/@=+,-]+$/.test(value)) return value;
  if (!/[\x00-\x1f\x7f]/.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  const escaped = [...value]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (c === '\\' || c === "'") return `\\${c}`;
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
    })
    .join('');
  return `$'${escaped}'`;
}

const PUBLIC_BLOCK = 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true';

const ROOT: StepOf = () => ({
  title: 'Confirm the root user was used on purpose',
  detail:
    "Ask the account's owner. If nobody did, reset the root password, delete any root access keys, and check that root has MFA.",
  command: 'aws iam get-account-summary --query "SummaryMap.[AccountAccessKeysPresent,AccountMFAEnabled]"',
});

const REVIEW_PRINCIPAL: StepOf = (event) => ({
  title: `Find out why ${event.principal.name} was probing`,
  detail:
    'Many calls denied or many reads of inventory in a short time is how stolen credentials are explored. Ask the owner; if nobody expected it, contain the principal.',
});

const ROTATE_SECRETS: StepOf = (event) => ({
  title: 'Rotate the secrets that were read',
  detail: `Treat every secret ${event.principal.name} read as exposed: rotate it and check who used it since.`,
  command: `aws secretsmanager rotate-secret --secret-id ${target(event, '<secret-id>')}`,
});

const STEPS: Readonly<Record<string, StepOf>> = {
  'root-account-activity': ROOT,
  'root-console-login': ROOT,
  'console-login-without-mfa': (event) => ({
    title: `Require MFA for ${event.principal.name}`,
    detail:
      'Assign an MFA device to the user, and consider a policy that denies everything without aws:MultiFactorAuthPresent.',
    command: `aws iam list-mfa-devices --user-name ${shellWord(event.principal.name)}`,
  }),
  'console-login-failures': (event) => ({
    title: 'Protect the users whose passwords were guessed',
    detail: `Check each targeted user (the last was ${event.principal.name}); remove the console password of any that should not have one.`,
    command: `aws iam delete-login-profile --user-name ${shellWord(event.principal.name)}`,
  }),
  'cloudtrail-logging-weakened': (event) => ({
    title: 'Restore CloudTrail logging',
    detail:
      'Start logging again (or recreate a deleted trail) and put back its event selectors; anything done meanwhile is missing from the trail.',
    command: `aws cloudtrail start-logging --name ${target(event, '<trail-name>')}`,
  }),
  'security-service-disabled': (event) => ({
    title: `Re-enable what ${event.eventName} turned off`,
    detail: `Restore the ${event.eventSource.split('.')[0]} configuration, then read what happened while it was off.`,
    ...(event.eventSource === 'guardduty.amazonaws.com' && {
      command: `aws guardduty update-detector --detector-id ${target(event, '<detector-id>')} --enable`,
    }),
  }),
  'iam-policy-modified': (event) => ({
    title: `Review the ${event.eventName} on ${named(event, 'the policy')}`,
    detail: 'Compare the policy with its previous version and roll back a change nobody approved.',
    command: 'aws iam list-policy-versions --policy-arn <policy-arn>',
  }),
  'access-key-for-other-user': (event) => ({
    title: `Deactivate the access key made for ${named(event, 'the user')}`,
    detail:
      'An access key made for someone else is a classic way to keep access: deactivate it, then delete it once confirmed.',
    command: `aws iam update-access-key --user-name ${target(event, '<user-name>')} --access-key-id <access-key-id> --status Inactive`,
  }),
  'login-profile-for-other-user': (event) => ({
    title: `Remove the console password set for ${named(event, 'the user')}`,
    detail: 'A password set for someone else gives console access to whoever set it.',
    command: `aws iam delete-login-profile --user-name ${target(event, '<user-name>')}`,
  }),
  'kms-key-disabled-or-deleted': (event) => ({
    title: `Save the KMS key ${named(event, '')}`.trim(),
    detail: 'A key pending deletion can be recovered until its date: cancel the deletion and enable it again.',
    command: `aws kms cancel-key-deletion --key-id ${target(event, '<key-id>')}`,
  }),
  'network-open-to-world': (event) => ({
    title: `Close ${named(event, 'the rule')} to the Internet`,
    detail: 'Revoke the rule that allows 0.0.0.0/0 (or ::/0) in, and allow only the addresses that need it.',
    command: `aws ec2 describe-security-group-rules --filters Name=group-id,Values=${target(event, '<group-id>')}`,
  }),
  'resource-made-public': (event) => ({
    title: `Make ${named(event, 'the resource')} private again`,
    detail: 'Remove the statement or grant that names everyone; for a bucket, turn its public access block back on.',
    ...(event.eventSource === 's3.amazonaws.com' && {
      command: `aws s3api put-public-access-block --bucket ${target(event, '<bucket>')} --public-access-block-configuration ${PUBLIC_BLOCK}`,
    }),
  }),
  's3-public-access-block-removed': (event) => ({
    title: 'Turn the public access block back on',
    detail: 'Without it one policy or ACL can make the data public.',
    command: `aws s3api put-public-access-block --bucket ${target(event, '<bucket>')} --public-access-block-configuration ${PUBLIC_BLOCK}`,
  }),
  'secrets-batch-retrieval': ROTATE_SECRETS,
  'secrets-many-read': ROTATE_SECRETS,
  'ec2-password-data-burst': () => ({
    title: "Change the instances' Administrator passwords",
    detail:
      'GetPasswordData gives the encrypted password to whoever holds the key pair: change it on each instance asked for.',
  }),
  'instance-credentials-elsewhere': (event) => ({
    title: "Revoke the instance role's sessions and require IMDSv2",
    detail: `The credentials of ${event.principal.roleArn ?? event.principal.name} were used from another address: revoke the role's sessions issued until now, and require session tokens on the instance.`,
    command: `aws ec2 modify-instance-metadata-options --instance-id ${event.principal.sessionName === undefined ? '<instance-id>' : shellWord(event.principal.sessionName)} --http-tokens required`,
  }),
  'access-denied-burst': REVIEW_PRINCIPAL,
  'reconnaissance-burst': REVIEW_PRINCIPAL,
};

/** Detection ids that have response steps (a unit test checks every detection has one). */
export function respondedDetections(): readonly string[] {
  return Object.keys(STEPS);
}

/**
 * A detection that fired on many targets (28 IAM policy changes) would list as many steps alike: the
 * first few are written out, the rest said in one line that points to the Detection section.
 */
const STEPS_PER_DETECTION = 3;

/** One step per detection and target, in the order of `fired` (most severe first). */
export function detectionSteps(fired: readonly { detection: string; event: ActivityEvent }[]): ResponseStep[] {
  const seen = new Set<string>();
  const steps: ResponseStep[] = [];
  const written = new Map<string, number>();
  const more = new Map<string, number>();
  for (const { detection, event } of fired) {
    const stepOf = Object.hasOwn(STEPS, detection) ? STEPS[detection] : undefined;
    if (stepOf === undefined) continue;
    const step = { ...stepOf(event), reason: detection };
    const key = `${step.title}\n${step.command ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const count = written.get(detection) ?? 0;
    if (count < STEPS_PER_DETECTION) {
      steps.push(step);
      written.set(detection, count + 1);
    } else more.set(detection, (more.get(detection) ?? 0) + 1);
  }
  // Each summary line goes after its detection's last written step.
  for (const [detection, count] of more) {
    const last = steps.map((s) => s.reason).lastIndexOf(detection);
    steps.splice(last + 1, 0, {
      title: `${count} more like the steps above`,
      detail: `The same for each other target of ${detection}: the Detection section lists them.`,
      reason: detection,
    });
  }
  return steps;
}

/**
 * How to contain the subject itself: a user's keys and password, a role's sessions (the console's
 * "Revoke active sessions" writes the same deny on aws:TokenIssueTime), a key, an address.
 */
export function containmentSteps(subject: Subject, events: readonly ActivityEvent[], now: number): ResponseStep[] {
  const step = (s: Omit<ResponseStep, 'reason'>): ResponseStep => ({ ...s, reason: 'subject' });
  switch (subject.kind) {
    case 'principal': {
      const user = userName(subject.value, events);
      if (user !== undefined)
        return [
          step({
            title: `Deactivate ${user}'s access keys`,
            detail: 'List the keys, then set each one Inactive (deleting can wait until the investigation ends).',
            command: `aws iam list-access-keys --user-name ${shellWord(user)}`,
          }),
          step({
            title: `Remove ${user}'s console password`,
            detail: 'Stops sign-ins while you investigate; a new password can be set afterwards.',
            command: `aws iam delete-login-profile --user-name ${shellWord(user)}`,
          }),
        ];
      const role = roleName(subject.value, events);
      if (role === undefined) return [];
      return [
        step({
          title: `Revoke ${role}'s active sessions`,
          detail: 'Denies every session issued before now (what the IAM console\'s "Revoke active sessions" does).',
          command: `aws iam put-role-policy --role-name ${shellWord(role)} --policy-name AWSRevokeOlderSessions --policy-document '${revokeBefore(now)}'`,
        }),
      ];
    }
    case 'accessKey': {
      if (subject.value.startsWith('ASIA')) {
        // A temporary key belongs to a session: contain the role that issued it.
        const role = roleName(undefined, events);
        return role === undefined ? [] : containmentSteps({ kind: 'principal', value: `role/${role}` }, events, now);
      }
      const user = userName(undefined, events);
      return [
        step({
          title: `Deactivate the access key ${subject.value}`,
          detail: 'An inactive key can be turned back on; delete it once you know it is not needed.',
          command: `aws iam update-access-key --user-name ${user === undefined ? '<user-name>' : shellWord(user)} --access-key-id ${shellWord(subject.value)} --status Inactive`,
        }),
      ];
    }
    case 'ip':
      return [
        step({
          title: `Block ${subject.value}`,
          detail:
            'Add a deny rule to the network ACLs or a WAF IP set in front of what it reached, and contain every principal that called from it (see the pivots).',
        }),
      ];
    default:
      return [];
  }
}

function revokeBefore(now: number): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': new Date(now).toISOString() } },
      },
    ],
  };
  return JSON.stringify(policy);
}

/** The IAM user a principal subject or the events' IAM user names. */
function userName(value: string | undefined, events: readonly ActivityEvent[]): string | undefined {
  const fromArn = value === undefined ? undefined : /:user\/(?:.*\/)?([^/]+)$/.exec(value)?.[1];
  if (fromArn !== undefined) return fromArn;
  if (value !== undefined && value.startsWith('arn:')) return undefined;
  const user = events.find(
    (e) => e.principal.type === 'IAMUser' && (value === undefined || e.principal.name === value),
  );
  return user?.principal.name;
}

/** The role a principal subject (a role or one of its sessions) or the events' assumed role names. */
function roleName(value: string | undefined, events: readonly ActivityEvent[]): string | undefined {
  const fromArn =
    value === undefined
      ? undefined
      : (/(?:^|:)role\/(?:.*\/)?([^/]+)$/.exec(value)?.[1] ?? /:assumed-role\/([^/]+)/.exec(value)?.[1]);
  if (fromArn !== undefined) return fromArn;
  const session = events.find((e) => e.principal.roleArn !== undefined);
  const arn = session?.principal.roleArn;
  return arn?.slice(arn.lastIndexOf('/') + 1);
}
