/**
 * Which project file applies to a file, and the lint configuration it yields. The CLI and the server share
 * this: the nearest `.cloudwarden.yaml` in the file's folder or an ancestor (so a run from the repository
 * root, or an editor opened on a sub-folder, finds the same file). Reading is injected: the CLI reads the
 * disk, the server too but forgets its cache when the client reports a changed project file.
 */
import * as path from 'node:path';
import type { LintConfig } from './types';
import type { Severity } from '../rules/types';
import { compilePathGlob, type PathMatcher } from './pathGlob';
import { parseProjectFile, PROJECT_FILE_NAME } from './projectFile';
import type { ConfigProblem, ExternalSuppression, ProjectConfig } from './types';
import { LineIndex } from '../text/lines';

export interface ProjectFile {
  /** Absolute path of the project file. */
  readonly file: string;
  /** Its folder: globs are relative to it. */
  readonly dir: string;
  readonly text: string;
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
  readonly ignore: readonly PathMatcher[];
  readonly suppressionPaths: readonly PathMatcher[];
}

/** `dir` is the folder globs are relative to: the file's own, unless given (the CLI's --config uses the current one). */
export function loadProjectFile(file: string, text: string, dir = path.dirname(file)): ProjectFile {
  const { config, problems } = parseProjectFile(text);
  return {
    file,
    dir,
    text,
    config,
    problems,
    ignore: config.ignore.map(compilePathGlob),
    suppressionPaths: config.suppressions.map((s) => compilePathGlob(s.path)),
  };
}

/** The text of a file, or undefined when there is none. */
export type ReadText = (file: string) => string | undefined;

/** Finds and caches project files by folder. */
export class ProjectFiles {
  private readonly byDir = new Map<string, ProjectFile | null>();

  constructor(
    private readonly read: ReadText,
    /** Called once per project file read (to show its problems). */
    private readonly onLoad: (project: ProjectFile) => void = () => {},
  ) {}

  /** The nearest project file for `filePath`, looking no higher than `stopAt` when given. */
  nearest(filePath: string, stopAt?: string): ProjectFile | undefined {
    let dir = path.dirname(path.resolve(filePath));
    const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
    for (;;) {
      const found = this.inDir(dir);
      if (found) return found;
      const parent = path.dirname(dir);
      if (parent === dir || (stop !== undefined && (dir === stop || !isInside(dir, stop)))) return undefined;
      dir = parent;
    }
  }

  /** Reads one given file (the CLI's --config), its globs relative to `dir`. */
  load(file: string, text: string, dir: string): ProjectFile {
    const project = loadProjectFile(path.resolve(file), text, path.resolve(dir));
    this.onLoad(project);
    return project;
  }

  clear(): void {
    this.byDir.clear();
  }

  private inDir(dir: string): ProjectFile | undefined {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const file = path.join(dir, PROJECT_FILE_NAME);
    const text = this.read(file);
    const project = text === undefined ? null : loadProjectFile(file, text);
    this.byDir.set(dir, project);
    if (project) this.onLoad(project);
    return project ?? undefined;
  }
}

/** `file` relative to the project file's folder, with `/`; undefined when it is outside that folder. */
function relativeTo(project: ProjectFile, file: string): string | undefined {
  const rel = path.relative(project.dir, path.resolve(file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** True when the project file's `ignore` names this file or a folder above it. */
export function isIgnored(project: ProjectFile | undefined, file: string): boolean {
  const rel = project && relativeTo(project, file);
  return rel !== undefined && project!.ignore.some((m) => m(rel));
}

/**
 * The configuration for one file. Order, later wins: the rules' defaults < `settings` (the editor's
 * `cloudwarden.rules`) < the project file, so that the editor shows what the CLI in CI reports.
 */
export function lintConfigFor(
  project: ProjectFile | undefined,
  file: string,
  settings: Readonly<Record<string, Severity | 'off'>> = {},
): LintConfig {
  if (!project) return { rules: settings };
  const rel = relativeTo(project, file);
  const suppressions: ExternalSuppression[] = [];
  if (rel !== undefined) {
    const index = new LineIndex(project.text);
    const name = path.basename(project.file);
    project.config.suppressions.forEach((s, i) => {
      if (project.suppressionPaths[i]!(rel)) {
        suppressions.push({
          rules: s.rules,
          reason: s.reason,
          match: s.match,
          origin: `${name}:${index.positionAt(s.span.start).line + 1}`,
        });
      }
    });
  }
  return { rules: { ...settings, ...project.config.rules }, suppressions };
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
