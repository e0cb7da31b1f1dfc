import type { Connection, InitializeParams } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, parseSettings, type CloudWardenSettings } from '../shared/settings';

/**
 * The `cloudwarden` settings per document. A client that can answer `workspace/configuration` (VS Code)
 * is asked per resource, so a folder's own settings apply to its files; others (or a failed request) get
 * the settings sent at start-up and with each change. Answers are kept until the settings change.
 */
export class SettingsService {
  private global: CloudWardenSettings = DEFAULT_SETTINGS;
  private pull = false;
  private readonly asked = new Map<string, Promise<CloudWardenSettings>>();
  private readonly known = new Map<string, CloudWardenSettings>();
  private window: Promise<CloudWardenSettings> | undefined;

  constructor(private readonly connection: Connection) {}

  initialize(params: InitializeParams): void {
    this.pull = params.capabilities.workspace?.configuration === true;
    this.global = parseSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
  }

  /** The settings changed (the client pushes the `cloudwarden` section, or only says that something changed). */
  changed(pushed: unknown): void {
    const section = (pushed as { cloudwarden?: unknown } | undefined)?.cloudwarden;
    if (section !== undefined) this.global = parseSettings(section);
    this.asked.clear();
    this.known.clear();
    this.window = undefined;
  }

  /** The settings of no file in particular: the AWS ones (profile, Regions, time limit) are the window's. */
  forWindow(): Promise<CloudWardenSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    this.window ??= this.connection.workspace.getConfiguration('cloudwarden').then(
      (raw: unknown) => parseSettings(raw),
      () => this.global,
    );
    return this.window;
  }

  /** The settings that apply to the document at `uri`. */
  forResource(uri: string): Promise<CloudWardenSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let answer = this.asked.get(uri);
    if (!answer) {
      answer = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'cloudwarden' }).then(
        (raw: unknown) => parseSettings(raw),
        () => this.global,
      );
      this.asked.set(uri, answer);
      void answer.then((settings) => this.asked.get(uri) === answer && this.known.set(uri, settings));
    }
    return answer;
  }

  /** The settings last known for `uri`, without waiting (for timers that must be set at once). */
  lastKnown(uri: string): CloudWardenSettings {
    return this.known.get(uri) ?? this.global;
  }

  forget(uri: string): void {
    this.asked.delete(uri);
    this.known.delete(uri);
  }
}
