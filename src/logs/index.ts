// The log-file adapter's front door: what the server and the CLI use of it.
export { LogIndex, type IndexProgress, type IndexUpdate, type LogIndexOptions, type Unreadable } from './logIndex';
export type { UnreadableFile } from './files';
