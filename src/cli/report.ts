import type { Finding, InternalError, NotAnalysed, PolicySource, SuppressedFinding } from '../core';

/** What one lint run found in one file: the input of every output format. */
export interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notAnalysed: readonly NotAnalysed[];
  readonly internalErrors: readonly InternalError[];
  /** The policies read (for fingerprints); absent when the file could not be read as policies at all. */
  readonly source?: PolicySource;
}

/** A path given on the command line that could not be linted: said on stderr, not counted as checked. */
export interface Unreadable {
  readonly path: string;
  readonly reason: string;
}
