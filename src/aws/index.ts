/** What the language server and the CLI use of the AWS adapter. */
export { AwsGateway } from './gateway';
export { lookupActivity, type UnreadableEvent } from './lookupActivity';
export { listProfiles } from './sharedFiles';
