import { AwsGateway, listProfiles } from '../aws';
import { awsConfiguration, type AwsConfiguration, type AwsProblem } from '../core';
import type { AwsStatusRequest, AwsProblemInfo } from '../shared/protocol';
import type { SettingsService } from './settings';

type Configured = Extract<AwsConfiguration, { configured: true }>;

/** What an AWS call needs: the gateway of the current settings and the Regions to look at. */
export interface AwsConnection {
  readonly gateway: AwsGateway;
  /** Empty: the profile's Region. */
  readonly regions: readonly string[];
}

/**
 * A hover asks whether AWS is configured each time it lands on a reference: the shared files are read
 * again at most this often (a profile added while the editor runs is seen a few seconds later).
 */
const RECHECK_MS = 5_000;

/**
 * The server's side of AWS: whether anything is configured, and one gateway for the current profile and
 * time limit, created when a first AWS call needs it (the SDK loads then, never at start) and replaced,
 * the old one closed, when either setting changes. Problems are logged once each, not at every hover.
 */
export class AwsService {
  private current: { key: string; gateway: AwsGateway } | undefined;
  private checked: { at: number; profile: string; answer: Promise<AwsConfiguration> } | undefined;
  private readonly logged = new Set<string>();

  constructor(
    private readonly settings: SettingsService,
    private readonly log: (message: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Whether AWS is configured at all (no AWS call: the environment and the shared files' profile names). */
  async configuration(): Promise<AwsConfiguration> {
    const { profile } = (await this.settings.forWindow()).aws;
    const now = Date.now();
    if (this.checked && this.checked.profile === profile && now - this.checked.at < RECHECK_MS)
      return this.checked.answer;
    const answer = listProfiles(this.env).then((names) => awsConfiguration(this.env, profile, names));
    this.checked = { at: now, profile, answer };
    return answer;
  }

  /** The profiles of the shared files (a line scan, no SDK). */
  profiles(): Promise<string[]> {
    return listProfiles(this.env);
  }

  /** The Regions the settings name (empty: the profile's). */
  async regions(): Promise<readonly string[]> {
    return (await this.settings.forWindow()).aws.regions;
  }

  /** The gateway for `configuration`, created now if the settings changed since the last one. */
  async connect(configuration: Configured): Promise<AwsConnection> {
    const { aws } = await this.settings.forWindow();
    const key = `${configuration.gatewayProfile ?? ''}\n${aws.requestTimeoutMs}`;
    if (this.current?.key !== key) {
      this.current?.gateway.dispose();
      this.current = {
        key,
        gateway: new AwsGateway({
          ...(configuration.gatewayProfile !== undefined && { profile: configuration.gatewayProfile }),
          requestTimeoutMs: aws.requestTimeoutMs,
        }),
      };
      // Another identity: its problems are news again.
      this.logged.clear();
    }
    return { gateway: this.current.gateway, regions: aws.regions };
  }

  /** The status bar's answer: off, connected (STS GetCallerIdentity), or the problem met. */
  async status(): Promise<AwsStatusRequest.Result> {
    const configuration = await this.configuration();
    if (!configuration.configured) return { state: 'off', reason: configuration.reason };
    const { gateway, regions } = await this.connect(configuration);
    const profile = configuration.profile !== undefined ? { profile: configuration.profile } : {};
    const identity = await gateway.callerIdentity();
    if (!identity.ok) {
      this.report(identity.problem);
      return { state: 'problem', ...profile, regions: [...regions], problem: problemInfo(identity.problem) };
    }
    const shown = regions.length > 0 ? [...regions] : await this.defaultRegions(gateway);
    return { state: 'connected', ...profile, account: identity.value.account, arn: identity.value.arn, regions: shown };
  }

  /** Writes a problem to the output, once per kind and sentence for the current gateway. */
  report(problem: AwsProblem): void {
    if (problem.kind === 'cancelled') return;
    const key = `${problem.kind}\n${problem.sentence}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(`AWS: ${problem.sentence}${problem.detail ? ` (${problem.detail})` : ''}`);
  }

  dispose(): void {
    this.current?.gateway.dispose();
    this.current = undefined;
  }

  private async defaultRegions(gateway: AwsGateway): Promise<string[]> {
    const region = await gateway.defaultRegion();
    return region.ok ? [region.value] : [];
  }
}

/** A problem as the protocol carries it. */
export function problemInfo(problem: Pick<AwsProblem, 'kind' | 'sentence' | 'command' | 'region'>): AwsProblemInfo {
  return {
    kind: problem.kind,
    sentence: problem.sentence,
    ...(problem.command !== undefined && { command: problem.command }),
    ...(problem.region !== undefined && { region: problem.region }),
  };
}
