/** A file's read failure in one sentence, for the list of files that could not be read in full. */
export function fileProblem(error: unknown, bytesRead: number, gzip: boolean): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return 'the file disappeared while it was read';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ABORT_ERR' || (error as Error | undefined)?.name === 'AbortError') return 'the read was cancelled';
  if (gzip && code === 'Z_BUF_ERROR') return `the gzip stream is truncated after ${bytesRead} bytes`;
  if (gzip && typeof code === 'string' && code.startsWith('Z_'))
    return `the gzip stream is corrupt after ${bytesRead} bytes (${message})`;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return `it could not be read: ${message}`;
}
