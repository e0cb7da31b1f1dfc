/**
 * The SDK clients, one per service and Region, created on first use. A service is one row of SERVICES:
 * its SDK service id (which names its endpoint variables, AWS_ENDPOINT_URL_CLOUDTRAIL) and how to load
 * its client class. The `import()` inside each loader is what keeps the SDK out of the language server's
 * start-up: the bundle evaluates a client's code only when a feature first asks for it.
 */
import type { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsSession, ClientConfig } from './session';

interface ServiceRow<C> {
  /** The SDK's service id. */
  readonly serviceId: string;
  readonly load: () => Promise<new (config: ClientConfig) => C>;
}

const SERVICES = {
  sts: {
    serviceId: 'STS',
    load: async () => (await import('@aws-sdk/client-sts')).STSClient,
  } satisfies ServiceRow<STSClient>,
  cloudtrail: {
    serviceId: 'CloudTrail',
    load: async () => (await import('@aws-sdk/client-cloudtrail')).CloudTrailClient,
  } satisfies ServiceRow<CloudTrailClient>,
  athena: {
    serviceId: 'Athena',
    load: async () => (await import('@aws-sdk/client-athena')).AthenaClient,
  } satisfies ServiceRow<AthenaClient>,
  iam: {
    serviceId: 'IAM',
    load: async () => (await import('@aws-sdk/client-iam')).IAMClient,
  } satisfies ServiceRow<IAMClient>,
  accessanalyzer: {
    serviceId: 'AccessAnalyzer',
    load: async () => (await import('@aws-sdk/client-accessanalyzer')).AccessAnalyzerClient,
  } satisfies ServiceRow<AccessAnalyzerClient>,
  cloudformation: {
    serviceId: 'CloudFormation',
    load: async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient,
  } satisfies ServiceRow<CloudFormationClient>,
  kms: {
    serviceId: 'KMS',
    load: async () => (await import('@aws-sdk/client-kms')).KMSClient,
  } satisfies ServiceRow<KMSClient>,
  secretsmanager: {
    serviceId: 'Secrets Manager',
    load: async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient,
  } satisfies ServiceRow<SecretsManagerClient>,
  guardduty: {
    serviceId: 'GuardDuty',
    load: async () => (await import('@aws-sdk/client-guardduty')).GuardDutyClient,
  } satisfies ServiceRow<GuardDutyClient>,
  securityhub: {
    serviceId: 'SecurityHub',
    load: async () => (await import('@aws-sdk/client-securityhub')).SecurityHubClient,
  } satisfies ServiceRow<SecurityHubClient>,
};

export type ServiceName = keyof typeof SERVICES;
export type ClientOf<S extends ServiceName> = InstanceType<Awaited<ReturnType<(typeof SERVICES)[S]['load']>>>;

/** The SDK's service id of a service (for sentences and endpoint variables). */
export function serviceIdOf(service: ServiceName): string {
  return SERVICES[service].serviceId;
}

/** Clients by service and Region, each created once; `destroy` closes their connections. */
export class Clients {
  private readonly clients = new Map<string, Promise<{ destroy(): void }>>();

  constructor(private readonly session: AwsSession) {}

  get<S extends ServiceName>(service: S, region: string): Promise<ClientOf<S>> {
    const key = `${service}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(service, region);
      // A client that could not be made (the SDK failed to load) is not remembered: the next call retries.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client as Promise<ClientOf<S>>;
  }

  private async create<S extends ServiceName>(service: S, region: string): Promise<ClientOf<S>> {
    const row: ServiceRow<ClientOf<S>> = SERVICES[service] as unknown as ServiceRow<ClientOf<S>>;
    const [Client, config] = await Promise.all([row.load(), this.session.clientConfig(row.serviceId, region)]);
    return new Client(config);
  }

  destroy(): void {
    for (const client of this.clients.values()) client.then((c) => c.destroy()).catch(() => undefined);
    this.clients.clear();
  }
}
