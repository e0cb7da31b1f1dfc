import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CacheEntry, PersistentStore } from '../core';

export interface JsonFileStoreOptions<V> {
  /** The file's name in the storage folder. */
  readonly name: string;
  /** Entries older than this are dropped when the file is written. */
  readonly maxAgeMs: number;
  /** The newest entries kept in the file. */
  readonly maxEntries: number;
  readonly now: () => number;
  /** Whether a value read back is one (the file may be from another version, or edited). */
  readonly isValue: (value: unknown) => value is V;
  readonly log: (message: string) => void;
}

/**
 * The activity cache's persistent half: one JSON file in the storage folder the client gives the server
 * (the extension's global storage), so a restart does not spend CloudTrail's 2-a-second quota again. Read
 * once, when first needed; written after each change (one write at a time, the latest state), through a
 * temporary file so a crash never leaves half a file. Without a folder it keeps nothing; a file it cannot
 * read or write costs misses, said once in the output.
 */
export class JsonFileStore<V> implements PersistentStore<V> {
  private file: string | undefined;
  private entries: Promise<Map<string, CacheEntry<V>>> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private queued = false;
  private failed = false;

  constructor(private readonly options: JsonFileStoreOptions<V>) {}

  /** Where the file lives (the client's storage folder); until then, and without one, nothing is kept. */
  useFolder(folder: string | undefined): void {
    this.file = folder ? path.join(folder, this.options.name) : undefined;
    this.entries = undefined;
  }

  async get(key: string): Promise<CacheEntry<V> | undefined> {
    if (!this.file) return undefined;
    return (await this.load()).get(key);
  }

  async set(key: string, entry: CacheEntry<V>): Promise<void> {
    if (!this.file) return;
    const entries = await this.load();
    entries.delete(key);
    entries.set(key, entry);
    this.prune(entries);
    this.scheduleWrite(entries);
  }

  /** Resolves when what was set so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private load(): Promise<Map<string, CacheEntry<V>>> {
    this.entries ??= this.read(this.file!);
    return this.entries;
  }

  private async read(file: string): Promise<Map<string, CacheEntry<V>>> {
    const entries = new Map<string, CacheEntry<V>>();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return entries; // not written yet
    }
    try {
      const data = JSON.parse(text) as { entries?: unknown };
      for (const item of Array.isArray(data.entries) ? data.entries : []) {
        const [key, entry] = Array.isArray(item) ? (item as unknown[]) : [];
        if (typeof key === 'string' && this.isEntry(entry)) entries.set(key, entry);
      }
    } catch (error) {
      this.fail(`could not read ${file}, starting empty: ${String(error)}`);
    }
    return entries;
  }

  private isEntry(entry: unknown): entry is CacheEntry<V> {
    const e = entry as Partial<CacheEntry<unknown>> | undefined;
    return typeof e?.storedAt === 'number' && this.options.isValue(e.value);
  }

  /** Old entries out, then the oldest beyond the limit (entries are kept in the order they were set). */
  private prune(entries: Map<string, CacheEntry<V>>): void {
    const oldest = this.options.now() - this.options.maxAgeMs;
    for (const [key, entry] of entries) if (entry.storedAt < oldest) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size <= this.options.maxEntries) break;
      entries.delete(key);
    }
  }

  /** One write at a time; changes made while one runs go out in the next, together. */
  private scheduleWrite(entries: Map<string, CacheEntry<V>>): void {
    if (this.queued) return;
    this.queued = true;
    const file = this.file!;
    this.writing = this.writing.then(async () => {
      this.queued = false;
      const text = JSON.stringify({ version: 1, entries: [...entries] });
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(temporary, text);
        await rename(temporary, file);
      } catch (error) {
        this.fail(`could not write ${file}: ${String(error)}`);
      }
    });
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.options.log(`CloudTrail activity cache: ${message}`);
  }
}
