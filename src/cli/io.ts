/** Where a CLI run reads its catalog and writes its output; injected so tests can capture both. */
export interface CliIo {
  readonly catalogFile: string;
  /** The rule pages' folder as a URL ending in `/` (SARIF helpUri), unless --help-uri-base names another. */
  readonly rulesDocsUri: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The bundled log indexing worker (dist/logWorker.js); without it, log files are read in this thread. */
  readonly logWorker?: string;
  /** A progress line that replaces the previous one (a terminal's stderr); '' clears it. Absent: silent. */
  readonly progress?: (line: string) => void;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, noMatch: 1, usage: 2 } as const;
