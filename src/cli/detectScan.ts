/**
 * The log files of `cloudwarden detect`, read into what runDetections takes: every event of the window
 * in time order, and the detection facts of the few that have any. Read straight from the files (no
 * index): the facts come from the raw records, which the index does not keep.
 */
import {
  cloudTrailRecordOf,
  detectionFactsOf,
  listedByDetections,
  type ActivityEvent,
  type DetectionFacts,
} from '../core';
import { findLogFiles, readLogFile, type UnreadableFile } from '../logs';

export interface Scanned {
  /** Oldest first; events of one time in the order of their files (by path) and records. */
  readonly events: ActivityEvent[];
  readonly facts: ReadonlyMap<ActivityEvent, DetectionFacts>;
  /** Files and folders not read, or read only in part (what came before the problem is in `events`). */
  readonly unreadable: UnreadableFile[];
  /** Records that are not events (they do not fail the run): how many, and why the first is not one. */
  readonly skipped: { readonly records: number; readonly firstReason?: string };
}

/** Files read at once: gunzip and the disk work while this thread parses another file. */
const FILES_AT_ONCE = 4;

export async function scanLogs(
  roots: readonly string[],
  window: { readonly since: number; readonly until?: number },
  progress?: (line: string) => void,
): Promise<Scanned> {
  const { files, unreadable } = await findLogFiles(roots);
  const listed = listedByDetections();
  const { since, until = Infinity } = window;
  const inWindow = (event: ActivityEvent): boolean => event.time >= since && event.time <= until;
  const facts = new Map<ActivityEvent, DetectionFacts>();
  // Each file's events apart, joined in file order: the order does not depend on which read ends first.
  const perFile: ActivityEvent[][] = files.map(() => []);
  const problems: (UnreadableFile | undefined)[] = [];
  const skipped: { records: number; firstReason?: string } = { records: 0 };
  let next = 0;
  let done = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const at = next++;
      const file = files[at]!.path;
      const events = perFile[at]!;
      const read = await readLogFile(
        file,
        (event) => {
          if (inWindow(event)) events.push(event);
        },
        {
          // Only the events a detection lists are parsed further (a few in a thousand).
          onElement: (event, element) => {
            if (!listed(event) || !inWindow(event)) return;
            const found = detectionFactsOf(cloudTrailRecordOf(element));
            if (found !== undefined) facts.set(event, found);
          },
        },
      );
      if (read.problem !== undefined) problems[at] = { file, reason: partial(read.problem, read.events) };
      skipped.records += read.skipped;
      skipped.firstReason ??= read.skippedReason;
      progress?.(`reading ${(++done).toLocaleString('en-US')} of ${files.length.toLocaleString('en-US')} log files`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_AT_ONCE, files.length) }, reader));
  progress?.('');
  const events = perFile.flat();
  // Stable: events of one time keep the files' order.
  events.sort((a, b) => a.time - b.time);
  for (const problem of problems) if (problem !== undefined) unreadable.push(problem);
  return { events, facts, unreadable, skipped };
}

/** A file's problem, saying so when the events before it were read (the results are partial). */
function partial(problem: string, events: number): string {
  if (events === 0) return problem;
  return `${problem} (read in part: its first ${events.toLocaleString('en-US')} event${events === 1 ? '' : 's'} are included)`;
}
