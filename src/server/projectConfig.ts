import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineIndex, PROJECT_FILE_NAME, type ProjectFile, ProjectFiles, readIfPresent } from '../core';

/**
 * The `.cloudwarden.yaml` files of the workspace, read from disk: the nearest one above each document,
 * looking no higher than the document's workspace folder. The cache is dropped when the client reports a
 * changed project file (its file watcher) or the workspace folders change; problems are logged when read.
 */
export class ProjectConfigService {
  private folders: string[] = [];
  private readonly files: ProjectFiles;

  constructor(log: (message: string) => void) {
    this.files = new ProjectFiles(readIfPresent, (project) => {
      const index = new LineIndex(project.text);
      for (const p of project.problems) {
        const at = index.positionAt(p.span.start);
        log(`${project.file}:${at.line + 1}:${at.character + 1}: ${p.severity}: ${p.message}`);
      }
    });
  }

  /** The workspace folders on disk (file: URIs only), in the client's order. */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => fsPathOf(uri) ?? []);
    this.files.clear();
  }

  addWorkspaceFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.flatMap((uri) => fsPathOf(uri) ?? []));
    this.setWorkspaceFolders([
      ...this.folders.filter((f) => !gone.has(f)).map((f) => pathToFileURL(f).toString()),
      ...added,
    ]);
  }

  /** A project file was created, changed or deleted. */
  changed(): void {
    this.files.clear();
  }

  /** The project file that applies to a document; undefined for untitled documents and when there is none. */
  projectFor(uri: string): ProjectFile | undefined {
    const file = fsPathOf(uri);
    return file === undefined ? undefined : this.files.nearest(file, this.folderOf(file));
  }

  /** Where a suppression for this document goes: the project file that applies, else a new one at its workspace folder's root. */
  projectFileFor(uri: string): { file: string; exists: boolean } | undefined {
    const file = fsPathOf(uri);
    if (file === undefined) return undefined;
    const project = this.projectFor(uri);
    if (project) return { file: project.file, exists: true };
    return { file: path.join(this.folderOf(file) ?? path.dirname(file), PROJECT_FILE_NAME), exists: false };
  }

  /** The innermost workspace folder holding the file. */
  private folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) {
      const rel = path.relative(folder, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}

export function isProjectFileUri(uri: string): boolean {
  return uri.startsWith('file:') && uri.endsWith(`/${PROJECT_FILE_NAME}`);
}

/** The file system path of a `file:` URI; undefined for other schemes (untitled documents). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
