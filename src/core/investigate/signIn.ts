import { ATTACK, CLOUDTRAIL_DOCS, eventDetection, pairs } from './define';
import { succeeded, who } from './detection';

const CONSOLE_LOGIN = pairs('signin.amazonaws.com', ['ConsoleLogin']);

/** Any call the root user makes itself (not a service acting for it), console sign-ins included. */
export const rootActivity = eventDetection(
  {
    id: 'root-account-activity',
    title: 'Root user activity',
    severity: 'HIGH',
    description:
      'The account root user made a request. Root cannot be limited by IAM policies; AWS advises using it only for the few tasks that need it.',
    mitre: { technique: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html', `${ATTACK}T1078/004/`],
    panther: 'AWS.Root.Activity',
    eventNames: 'any',
  },
  (event) => {
    const principal = event.principal;
    if (principal.type !== 'Root' || principal.invokedBy !== undefined) return undefined;
    // A failed call or sign-in is not activity; a failed sign-in has an errorMessage and no errorCode.
    if (!succeeded(event) || event.errorMessage !== undefined) return undefined;
    return `the root user called ${event.eventName} (${event.eventSource}) from ${event.sourceIp ?? 'an unknown address'}`;
  },
);

export const rootConsoleLogin = eventDetection(
  {
    id: 'root-console-login',
    title: 'Root user signed in to the console',
    severity: 'HIGH',
    description: 'A successful console sign-in as the account root user.',
    mitre: { technique: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
    references: [`${CLOUDTRAIL_DOCS}cloudtrail-event-reference-aws-console-sign-in-events.html`, `${ATTACK}T1078/004/`],
    panther: 'AWS.Console.RootLogin',
    eventNames: CONSOLE_LOGIN,
  },
  (event, facts) =>
    event.principal.type === 'Root' && facts?.signIn === 'Success'
      ? `the root user signed in to the console from ${event.sourceIp ?? 'an unknown address'}`
      : undefined,
);

/** Principals whose console sign-in records MFA themselves; a role's session signs in through its IdP. */
const SIGNS_IN_WITH_PASSWORD = new Set(['IAMUser', 'Root']);

export const consoleLoginWithoutMfa = eventDetection(
  {
    id: 'console-login-without-mfa',
    title: 'Console sign-in without MFA',
    severity: 'HIGH',
    description:
      'An IAM user or the root user signed in to the console with a password alone. Federated sign-ins (SAML, IAM Identity Center) are left out: their MFA happens at the identity provider and CloudTrail does not see it.',
    mitre: { technique: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      `${CLOUDTRAIL_DOCS}cloudtrail-event-reference-aws-console-sign-in-events.html`,
      `${ATTACK}T1078/004/`,
    ],
    panther: 'AWS.Console.LoginWithoutMFA',
    eventNames: CONSOLE_LOGIN,
  },
  (event, facts) => {
    if (facts?.signIn !== 'Success' || facts.mfaUsed !== 'No' || facts.samlProvider !== undefined) return undefined;
    if (!SIGNS_IN_WITH_PASSWORD.has(event.principal.type)) return undefined;
    return `${who(event)} signed in to the console without MFA from ${event.sourceIp ?? 'an unknown address'}`;
  },
);
