/** What the language server and the CLI use of the log-file adapter: finding CloudTrail log files and streaming them. */
export { findLogFiles, type LogFile, type UnreadableFile } from './files';
export { readLogFile, type LogFileRead } from './readLog';
// The log-file adapter's front door: what the server and the CLI use of it.
export { LogIndex, type LogIndexOptions } from './logIndex';
