// The log-file adapter's front door: what the server and the CLI use of it.
export { LogIndex, type LogIndexOptions } from './logIndex';
