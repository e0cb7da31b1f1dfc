import type { ActivityEvent } from '../activity/event';
import { ATTACK, CLOUDTRAIL_DOCS, pairs } from './define';
import { principalKey, who } from './detection';
import { isAddress } from './network';
import { minutes, windowDetection } from './window';

const TEN_MINUTES = 10 * 60_000;

/**
 * Five failed console sign-ins in one account within ten minutes. A person who mistypes a password fails
 * once or twice and then succeeds or resets it; five in ten minutes is guessing, against one user or
 * sprayed across many (the account is the key so that spraying, one try per user, still adds up).
 */
const CONSOLE_FAILURES = { threshold: 5, windowMs: TEN_MINUTES };

export const consoleLoginFailures = windowDetection({
  meta: {
    id: 'console-login-failures',
    title: 'Burst of failed console sign-ins',
    severity: 'MEDIUM',
    description: `${CONSOLE_FAILURES.threshold} or more failed console sign-ins in one account within ${minutes(CONSOLE_FAILURES.windowMs)}: password guessing or spraying.`,
    mitre: { technique: 'T1110.003', name: 'Brute Force: Password Spraying' },
    references: [`${CLOUDTRAIL_DOCS}cloudtrail-event-reference-aws-console-sign-in-events.html`, `${ATTACK}T1110/003/`],
    panther: 'AWS.CloudTrail.PasswordSpraying',
    eventNames: pairs('signin.amazonaws.com', ['ConsoleLogin']),
  },
  counts: (_event, facts) => facts?.signIn === 'Failure',
  keyOf: (event) => event.account ?? 'an unknown account',
  ...CONSOLE_FAILURES,
  sentence: (event, count) =>
    `${count} failed console sign-ins in account ${event.account ?? 'unknown'} within ${minutes(CONSOLE_FAILURES.windowMs)}, the last as ${who(event)} from ${event.sourceIp ?? 'an unknown address'}`,
});

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
]);

/**
 * A call a principal made itself from an address. Left out: calls the console makes for a page
 * (`AWS Internal`, `aws-internal/` and browser user agents: a page mixes what the user may and may not
 * see, and one page view reads a dozen APIs), and calls a service made on the principal's behalf (the
 * source is the service's host name or `AWS Internal`, not an address).
 */
function ownCall(event: ActivityEvent): boolean {
  const agent = event.userAgent ?? '';
  const console = agent === 'AWS Internal' || agent.startsWith('aws-internal/') || agent.startsWith('Mozilla/');
  return isAddress(event.sourceIp) && !console;
}

/** Tools that read an account's whole state, and the secrets they manage, as their normal work: infrastructure as code. */
const PROVISIONING_AGENTS = /Terraform|Pulumi|aws-cdk|CloudFormation|cloudformation\.amazonaws\.com/;

function provisioning(event: ActivityEvent): boolean {
  return (
    PROVISIONING_AGENTS.test(event.userAgent ?? '') || event.principal.invokedBy === 'cloudformation.amazonaws.com'
  );
}

/**
 * Ten denied calls by one principal within ten minutes. Software with a missing permission fails too,
 * but it retries on its own schedule, seconds to minutes apart; ten in ten minutes is someone trying
 * what the credentials can do (Stratus' user-data download denied 15 times in under a minute).
 */
const ACCESS_DENIED = { threshold: 10, windowMs: TEN_MINUTES };

export const accessDeniedBurst = windowDetection({
  meta: {
    id: 'access-denied-burst',
    title: 'Burst of AccessDenied for one principal',
    severity: 'MEDIUM',
    description: `${ACCESS_DENIED.threshold} or more denied calls by one principal within ${minutes(ACCESS_DENIED.windowMs)}: someone testing what stolen or new credentials may do.`,
    mitre: { technique: 'T1580', name: 'Cloud Infrastructure Discovery' },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html', `${ATTACK}T1580/`],
    panther: 'AWS.IAMUser.ReconAccessDenied',
    pantherAlso: ['AWS.CloudTrail.UnauthorizedAPICall'],
    eventNames: 'any',
  },
  counts: (event) => event.errorCode !== undefined && DENIED.has(event.errorCode) && ownCall(event),
  keyOf: principalKey,
  ...ACCESS_DENIED,
  sentence: (event, count) =>
    `${who(event)} was denied ${count} calls within ${minutes(ACCESS_DENIED.windowMs)}, the last ${event.eventName}`,
});

/**
 * Twenty-five different List/Describe/Get calls by one principal within ten minutes. Counting distinct
 * API names rather than calls keeps paging and polling (one name, many calls) out; infrastructure as
 * code tools are left out because a plan reads every resource type it manages (Terraform alone made 1,800
 * of the Invictus dataset's 2,900 events). An application reads the handful of APIs it uses; enumeration
 * tools sweep dozens of services.
 */
const RECONNAISSANCE = { threshold: 25, windowMs: TEN_MINUTES };

const READ_PREFIXES = ['List', 'Describe', 'Get'];

export const reconnaissanceBurst = windowDetection({
  meta: {
    id: 'reconnaissance-burst',
    title: 'Reconnaissance burst of List/Describe/Get calls',
    severity: 'LOW',
    description: `${RECONNAISSANCE.threshold} or more different List, Describe or Get calls by one principal within ${minutes(RECONNAISSANCE.windowMs)}, infrastructure as code tools aside: enumeration of the account.`,
    mitre: { technique: 'T1580', name: 'Cloud Infrastructure Discovery' },
    references: [`${CLOUDTRAIL_DOCS}cloudtrail-concepts.html`, `${ATTACK}T1580/`, `${ATTACK}T1526/`],
    eventNames: 'any',
  },
  counts: (event) =>
    READ_PREFIXES.some((prefix) => event.eventName.startsWith(prefix)) && ownCall(event) && !provisioning(event),
  keyOf: principalKey,
  itemOf: (event) => `${event.eventSource}:${event.eventName}`,
  ...RECONNAISSANCE,
  sentence: (event, count) =>
    `${who(event)} made ${count} different List/Describe/Get calls within ${minutes(RECONNAISSANCE.windowMs)}, the last ${event.eventName}`,
});

/**
 * Ten different secrets read by one principal within ten minutes. An application reads the few secrets
 * it needs at start-up and then caches them (AWS's caching clients); ten different ones in ten minutes
 * is a sweep (Stratus' retrieval read 20 in under four seconds). Infrastructure as code reading the
 * secrets it manages is left out (Terraform read the same 20 when it created and destroyed them).
 */
const SECRET_READS = { threshold: 10, windowMs: TEN_MINUTES };

export const secretsManyRead = windowDetection({
  meta: {
    id: 'secrets-many-read',
    title: 'Many secrets read by one principal',
    severity: 'MEDIUM',
    description: `${SECRET_READS.threshold} or more different secrets read by one principal (secretsmanager.amazonaws.com:GetSecretValue events) within ${minutes(SECRET_READS.windowMs)}.`,
    mitre: { technique: 'T1555.006', name: 'Credentials from Password Stores: Cloud Secrets Management Stores' },
    references: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html',
      `${ATTACK}T1555/006/`,
    ],
    eventNames: ['secretsmanager.amazonaws.com:GetSecretValue'],
  },
  // A service reading a secret for its own integration (RDS, a rotation) is not a principal's sweep.
  counts: (event) =>
    event.errorCode === undefined &&
    event.principal.type !== 'AWSService' &&
    event.principal.invokedBy === undefined &&
    !provisioning(event),
  keyOf: principalKey,
  itemOf: (event) => event.resources[0]?.arn ?? event.resources[0]?.name ?? event.eventId,
  ...SECRET_READS,
  sentence: (event, count) => `${who(event)} read ${count} different secrets within ${minutes(SECRET_READS.windowMs)}`,
});

/**
 * Five GetPasswordData calls by one principal within ten minutes, allowed or denied. An administrator
 * fetches a Windows instance's password once, for the instance at hand; five in ten minutes is someone
 * collecting them (Stratus called it 29 times in one minute).
 */
const PASSWORD_READS = { threshold: 5, windowMs: TEN_MINUTES };

export const ec2PasswordReads = windowDetection({
  meta: {
    id: 'ec2-password-data-burst',
    title: 'EC2 Windows passwords read repeatedly',
    severity: 'MEDIUM',
    description: `${PASSWORD_READS.threshold} or more GetPasswordData calls (allowed or denied) by one principal within ${minutes(PASSWORD_READS.windowMs)}: collecting Windows instances' administrator passwords.`,
    mitre: { technique: 'T1552', name: 'Unsecured Credentials' },
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetPasswordData.html', `${ATTACK}T1552/`],
    panther: 'AWS.EC2.ManyPasswordReadAttempts',
    eventNames: pairs('ec2.amazonaws.com', ['GetPasswordData']),
  },
  counts: () => true,
  keyOf: principalKey,
  ...PASSWORD_READS,
  sentence: (event, count) =>
    `${who(event)} called GetPasswordData ${count} times within ${minutes(PASSWORD_READS.windowMs)}${event.errorCode === undefined ? '' : `, the last denied (${event.errorCode})`}`,
});
