/**
 * Which deployed principal each identity policy of an open file belongs to, by the order of evidence
 * (core `choosePrincipal`): an explicit `principals` entry, a literal name in the source with the account
 * of the AWS profile, the stack the template is deployed as (a `stacks` entry, samconfig.toml), the CDK
 * cloud assembly. Called on every lint, it answers from its caches only: what is missing (the profile's
 * account, a stack's resources) is asked once in the background, kept an hour (a failure five minutes),
 * and the open files are judged again when it comes. Never an AWS call per keystroke.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import {
  type AccountAnswer,
  choosePrincipal,
  clueOutcome,
  cloudAssemblyDirOf,
  type CloudAssembly,
  type CodeTrees,
  filePrincipals,
  type MappingRule,
  type PolicyDocument,
  type PolicySource,
  principalClues,
  principalOf,
  type PrincipalClue,
  type PrincipalMapping,
  type ProjectFile,
  projectStackRefs,
  readCloudAssembly,
  readIfPresent,
  samStackOf,
  type StackAnswer,
} from '../core';

/** What the resolver asks AWS; undefined answers mean AWS is not configured. */
export interface DeployedAws {
  /** The account names are deployed in (STS GetCallerIdentity of the profile), or why not. */
  account(): Promise<AccountAnswer>;
  /** A stack's resources (DescribeStackResources), in `region` or the profile's. */
  stack(stack: string, region: string | undefined): Promise<StackAnswer>;
}

/** One file as the resolver reads it. */
export interface PrincipalContext {
  readonly uri: string;
  readonly version: number;
  /** The file's path on disk. */
  readonly file: string;
  readonly text: string;
  readonly source: PolicySource;
  readonly project: ProjectFile | undefined;
  /** The file relative to the project file's folder, `/`-separated (what `files` globs match). */
  readonly relative: string;
  readonly rules: readonly MappingRule[];
}

interface Cached<T> {
  readonly at: number;
  readonly value?: T;
  readonly pending?: Promise<void>;
}

interface FileClues {
  readonly key: string;
  readonly at: number;
  readonly clues: (document: PolicyDocument) => PrincipalClue[];
}

const TTL_MS = 60 * 60_000;
const FAILURE_TTL_MS = 5 * 60_000;
/** A file's deployment (samconfig, cdk.out) is read again after this long, or when the file changes. */
const FILES_TTL_MS = 30_000;

export class PrincipalResolver {
  private account: Cached<AccountAnswer> | undefined;
  private readonly stacks = new Map<string, Cached<StackAnswer>>();
  private readonly files = new Map<string, FileClues>();
  private readonly assemblies = new Map<string, { readonly mtimeMs: number; readonly assembly?: CloudAssembly }>();

  constructor(
    private readonly o: {
      readonly aws: DeployedAws;
      /** An answer came that may change a principal: the open files are judged again. */
      readonly onChange: () => void;
      readonly log: (message: string) => void;
      /** The document's syntax trees (the linter's), so CDK and Terraform are not parsed again. */
      readonly trees?: (uri: string) => CodeTrees | undefined;
      readonly now?: () => number;
    },
  ) {}

  /** The profile or Regions changed: the account and the stacks are asked again. */
  settingsChanged(): void {
    this.account = undefined;
    this.stacks.clear();
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  /** Resolves when the account and the stacks being asked have answered (the workspace report waits). */
  async settled(): Promise<void> {
    await Promise.all([this.account?.pending, ...[...this.stacks.values()].map((s) => s.pending)]);
  }

  /** The principal of an identity policy now, from the caches; undefined until its evidence is known. */
  resolve(document: PolicyDocument, context: PrincipalContext): PrincipalMapping | undefined {
    const choice = choosePrincipal({
      explicit: principalOf(document, context.relative, context.rules),
      clues: this.cluesOf(context)(document),
      account: () => this.cachedAccount(),
      stack: (stack, region) => this.cachedStack(stack, region),
      now: this.now(),
    });
    return choice.mapping;
  }

  /**
   * What the command offers for a policy: its principal now, and each principal its evidence gives (the
   * answers awaited), with why the others gave none.
   */
  async candidates(
    document: PolicyDocument,
    context: PrincipalContext,
  ): Promise<{ current?: PrincipalMapping; candidates: PrincipalMapping[]; passed: string[] }> {
    const clues = this.cluesOf(context)(document);
    const account = clues.some((c) => c.kind === 'name') ? await this.awaitAccount() : undefined;
    const stacks = new Map<string, StackAnswer>();
    for (const clue of clues)
      if (clue.kind === 'stack') {
        const key = stackKey(clue.stack, clue.region);
        if (!stacks.has(key)) stacks.set(key, await this.awaitStack(clue.stack, clue.region));
      }
    const input = {
      account: () => account,
      stack: (s: string, r: string | undefined) => stacks.get(stackKey(s, r)),
      now: this.now(),
    };
    const candidates: PrincipalMapping[] = [];
    const passed: string[] = [];
    for (const clue of clues) {
      const outcome = clueOutcome(clue, input);
      if (outcome.kind === 'principal') {
        if (!candidates.some((c) => c.principal === outcome.mapping.principal)) candidates.push(outcome.mapping);
      } else if (outcome.kind === 'passed') {
        passed.push(outcome.reason);
      }
    }
    const current = choosePrincipal({
      explicit: principalOf(document, context.relative, context.rules),
      clues,
      ...input,
    });
    return { ...(current.mapping && { current: current.mapping }), candidates, passed };
  }

  /** The clues of the file's documents, read once per version (and again after FILES_TTL_MS). */
  private cluesOf(context: PrincipalContext): (document: PolicyDocument) => PrincipalClue[] {
    // A file read from disk (the report: version -1) has no version: its length stands in, with the TTL.
    const key = `${context.version}\0${context.text.length}\0${context.project?.file ?? ''}\0${context.project?.text.length ?? 0}`;
    const cached = this.files.get(context.uri);
    const now = this.now();
    if (cached?.key === key && now - cached.at < FILES_TTL_MS) return cached.clues;
    const principals = filePrincipals(context.text, context.source, this.o.trees?.(context.uri));
    const shape = context.source.shape;
    const stacks =
      shape === 'cloudformation'
        ? [
            ...projectStackRefs(context.project, context.relative),
            ...[samStackOf(context.file, readIfPresent)].filter((s) => s !== undefined),
          ]
        : [];
    const assembly = shape === 'cdk' ? this.assemblyOf(context) : undefined;
    const sources = {
      file: path.basename(context.file),
      principals,
      stacks,
      ...(assembly && { assembly }),
    };
    const clues = (document: PolicyDocument) => principalClues(document, sources);
    this.files.set(context.uri, { key, at: now, clues });
    return clues;
  }

  /** The cloud assembly of the file's CDK app, read again when its manifest changes (a new `cdk synth`). */
  private assemblyOf(context: PrincipalContext): CloudAssembly | undefined {
    const dir = cloudAssemblyDirOf(context.file, readIfPresent, context.project?.dir);
    if (dir === undefined) return undefined;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path.join(dir, 'manifest.json')).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.assemblies.get(dir);
    if (cached?.mtimeMs === mtimeMs) return cached.assembly;
    const assembly = readCloudAssembly(dir, readIfPresent);
    for (const problem of assembly?.problems ?? []) this.o.log(`Unused permissions: ${dir}: ${problem}`);
    this.assemblies.set(dir, { mtimeMs, ...(assembly && { assembly }) });
    return assembly;
  }

  private cachedAccount(): AccountAnswer | undefined {
    const now = this.now();
    const cached = this.account;
    if (cached && (cached.pending || now - cached.at < ttlOf(cached.value))) return cached.value;
    const pending = this.o.aws
      .account()
      .catch((error: unknown): AccountAnswer => ({ problem: String(error) }))
      .then((value) => {
        const before = this.account?.value;
        this.account = { at: this.now(), value };
        // The same answer again changes nothing: said once, and the files are not judged again.
        if (JSON.stringify(before) === JSON.stringify(value)) return;
        if ('problem' in value)
          this.o.log(`Unused permissions: no account for the principals' names in the source: ${value.problem}`);
        this.o.onChange();
      });
    this.account = { at: now, pending, ...(cached?.value && { value: cached.value }) };
    return cached?.value;
  }

  private async awaitAccount(): Promise<AccountAnswer | undefined> {
    this.cachedAccount();
    await this.account?.pending;
    return this.account?.value;
  }

  private cachedStack(stack: string, region: string | undefined): StackAnswer | undefined {
    const key = stackKey(stack, region);
    const now = this.now();
    const cached = this.stacks.get(key);
    if (cached && (cached.pending || now - cached.at < ttlOf(cached.value))) return cached.value;
    const pending = this.o.aws
      .stack(stack, region)
      .catch((error: unknown): StackAnswer => ({ ok: false, reason: String(error), fetchedAt: this.now() }))
      .then((value) => {
        const before = this.stacks.get(key)?.value;
        this.stacks.set(key, { at: this.now(), value });
        // A failure said before, again: nothing changes (an answer's time does: its evidence says it).
        if (!value.ok && before && !before.ok && before.reason === value.reason) return;
        if (!value.ok) this.o.log(`Unused permissions: stack ${stack}: ${value.reason}`);
        this.o.onChange();
      });
    this.stacks.set(key, { at: now, pending, ...(cached?.value && { value: cached.value }) });
    return cached?.value;
  }

  private async awaitStack(stack: string, region: string | undefined): Promise<StackAnswer> {
    this.cachedStack(stack, region);
    const key = stackKey(stack, region);
    await this.stacks.get(key)?.pending;
    return this.stacks.get(key)?.value ?? { ok: false, reason: 'the stack could not be asked', fetchedAt: this.now() };
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}

function stackKey(stack: string, region: string | undefined): string {
  return `${stack}\0${region ?? ''}`;
}

/** An answer is kept an hour; a failure (no stack yet, access denied) five minutes. */
function ttlOf(value: AccountAnswer | StackAnswer | undefined): number {
  if (value === undefined) return 0;
  return 'problem' in value || ('ok' in value && !value.ok) ? FAILURE_TTL_MS : TTL_MS;
}
