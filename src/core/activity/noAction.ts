import { ownValue } from './json';

/**
 * Events that no IAM action authorised, and why. Everything else maps to an action (actions.ts), and a
 * unit test checks, for every event of the real datasets, that the action exists in the IAM catalog or
 * that this file explains its absence.
 */

/**
 * Event types that are not requests an IAM policy was evaluated for
 * (CloudTrail User Guide, "CloudTrail record contents", eventType).
 */
const BY_EVENT_TYPE: Readonly<Record<string, string>> = {
  AwsServiceEvent: 'the service emitted it itself (a rotation, a scheduled deletion); it is not a request',
  AwsConsoleSignIn: 'a console sign-in is authenticated, not authorised by an IAM action',
  AwsConsoleAction: 'a console action with no API call behind it',
  AwsCloudTrailInsight: 'an Insights event summarises unusual API activity; it is not a request',
};

const SIGN_IN = 'a sign-in step is authenticated, not authorised by an IAM action';

/**
 * Event names without an action, by event source, for when the event type is not at hand. The sign-in
 * events are listed in the CloudTrail User Guide, "AWS Management Console sign-in events"; signin's other
 * names (AuthorizeOAuth2Access, CreateOAuth2Token, ...) are IAM actions of the `signin` prefix.
 */
const BY_NAME: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'signin.amazonaws.com': {
    ConsoleLogin: SIGN_IN,
    CheckMfa: SIGN_IN,
    SwitchRole: SIGN_IN,
    ExitRole: SIGN_IN,
    RenewRole: SIGN_IN,
    ExternalIdPDirectoryLogin: SIGN_IN,
    UserAuthentication: SIGN_IN,
    CredentialChallenge: SIGN_IN,
    CredentialVerification: SIGN_IN,
    PasswordUpdated: SIGN_IN,
    PasswordRecoveryRequested: SIGN_IN,
    PasswordRecoveryCompleted: SIGN_IN,
    GetSigninToken: 'the federation endpoint trades session credentials for a console token; no IAM action',
  },
};

/** Why this event has no IAM action, or undefined when it has one. */
export function whyNoAction(eventSource: string, eventName: string, eventType?: string): string | undefined {
  const names = ownValue(BY_NAME, eventSource);
  return whyNoActionOfType(eventType) ?? (names && ownValue(names, eventName));
}

/** Why no event of this eventType has an IAM action (events the service emits itself), if none has. */
export function whyNoActionOfType(eventType: string | undefined): string | undefined {
  return eventType === undefined ? undefined : ownValue(BY_EVENT_TYPE, eventType);
}
