import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ActivityEvent } from '../../../src/core';
import { readLogFile, type LogFileRead } from '../../../src/logs';

/** A fresh folder for one test file's fixtures, removed when the process ends. */
export function scratchFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-logs-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` (gzipped when asked) at `relative` under `root`, folders included; returns its path. */
export function writeLog(root: string, relative: string, content: string | Buffer, gzip = false): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gzip ? gzipSync(content) : content);
  return file;
}

/** readLogFile's answer and every event it passed on. */
export async function readAll(file: string): Promise<LogFileRead & { list: ActivityEvent[] }> {
  const list: ActivityEvent[] = [];
  const read = await readLogFile(file, (event) => list.push(event));
  return { ...read, list };
}
