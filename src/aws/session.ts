/**
 * Who CloudWarden is towards AWS: a profile (or the SDK's default chain), its credentials and its Region,
 * and the configuration each SDK client is built with. Credentials come only through the SDK's provider
 * chain (`fromNodeProviderChain`: environment, SSO, the shared files with assume-role chains and
 * credential_process, web identity, container and instance metadata); CloudWarden never reads a key
 * itself. The SDK is loaded on first use, never when this module loads.
 */
import type { STSClientConfig } from '@aws-sdk/client-sts';
import { configuredEndpoint, profileSettings } from '../core';
import { transientOnlyRetry } from './retry';
import { readSharedConfig } from './sharedFiles';

type Credentials = NonNullable<STSClientConfig['credentials']>;

/** What every client shares: credentials, profile, Region, endpoint and retry. */
export type ClientConfig = Pick<
  STSClientConfig,
  'credentials' | 'profile' | 'region' | 'endpoint' | 'ignoreConfiguredEndpointUrls' | 'retryStrategy' | 'maxAttempts'
>;

export class AwsSession {
  /** The profile, or undefined for the SDK's default chain (AWS_PROFILE, else `default`, else the environment). */
  readonly profile: string | undefined;
  private credentials: Credentials | undefined;
  private defaultRegion: Promise<string> | undefined;

  constructor(profile?: string) {
    this.profile = profile?.trim() || undefined;
  }

  /**
   * The provider chain, created once: it remembers the credentials until they near expiry, so an SSO or
   * assume-role session is set up once for every client, not once per client.
   */
  private async credentialProvider(): Promise<Credentials> {
    if (!this.credentials) {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      // ignoreCache: read the shared files afresh when credentials are (re)resolved, so a profile the user
      // adds or fixes while the editor runs is seen without a restart.
      this.credentials = fromNodeProviderChain({ ignoreCache: true, ...(this.profile && { profile: this.profile }) });
    }
    return this.credentials;
  }

  /**
   * The Region when none is asked for: the SDK's own resolution (AWS_REGION, then the profile's `region`).
   * Rejects with the SDK's "Region is missing" when there is none; a later call tries again.
   */
  region(): Promise<string> {
    this.defaultRegion ??= this.resolveRegion().catch((error: unknown) => {
      this.defaultRegion = undefined;
      throw error;
    });
    return this.defaultRegion;
  }

  private async resolveRegion(): Promise<string> {
    const { STSClient } = await import('@aws-sdk/client-sts');
    const probe = new STSClient(this.profile ? { profile: this.profile } : {});
    try {
      return await probe.config.region();
    } finally {
      probe.destroy();
    }
  }

  /** The configuration of a client of `serviceId` (the SDK's, e.g. `CloudTrail`) in `region`. */
  async clientConfig(serviceId: string, region: string): Promise<ClientConfig> {
    return {
      region,
      credentials: await this.credentialProvider(),
      retryStrategy: transientOnlyRetry(),
      maxAttempts: 3,
      ...(this.profile && { profile: this.profile }),
      ...(await this.endpoint(serviceId)),
    };
  }

  /**
   * The endpoint override. The SDK honours AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> and `endpoint_url`
   * (and `services` sections) natively, but only for the profile it takes as active (AWS_PROFILE or
   * `default`): the `profile` client option is not passed to its endpoint look-up (@smithy/core endpoints,
   * getEndpointFromConfig calls loadConfig without it; checked against the emulator). So for a profile
   * chosen in the settings the same look-up runs here, in the SDK's order, and the SDK's own is turned
   * off, lest another profile's `endpoint_url` apply to this one's credentials.
   */
  private async endpoint(serviceId: string): Promise<Pick<ClientConfig, 'endpoint' | 'ignoreConfiguredEndpointUrls'>> {
    if (!this.profile) return {};
    const files = await readSharedConfig();
    const settings = profileSettings(this.profile, files.config, files.credentials);
    const url = configuredEndpoint(serviceId, settings, files.config, process.env);
    return url ? { endpoint: url, ignoreConfiguredEndpointUrls: true } : { ignoreConfiguredEndpointUrls: true };
  }
}
