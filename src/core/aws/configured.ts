/**
 * Whether this machine has any AWS configuration at all. Without one CloudWarden calls nothing and says
 * nothing: a person who never set up AWS sees no error, no prompt, no failed request. With one, the AWS
 * features ask, and a problem they meet is explained. Decided from the environment and the profile names
 * of the shared files only: no SDK, no file read here.
 */

type Env = Readonly<Record<string, string | undefined>>;

export type AwsConfiguration =
  | {
      readonly configured: true;
      /** What told us (for the output log): `cloudwarden.aws.profile`, `AWS_PROFILE`, ... */
      readonly source: string;
      /** The profile in use, when one is (shown in the status bar). */
      readonly profile?: string;
      /**
       * The profile to hand the gateway: the setting's, or AWS_DEFAULT_PROFILE (which the AWS CLI reads and
       * the JavaScript SDK does not). Absent: the SDK's own chain (AWS_PROFILE, environment, `default`).
       */
      readonly gatewayProfile?: string;
      /** Whose answers these are, for cache keys: the same query of another identity is another answer. */
      readonly scope: string;
    }
  | { readonly configured: false; readonly reason: string };

/** Credentials a container (ECS, EKS Pod Identity) or a web identity (EKS IRSA) hands the process. */
const WORKLOAD_CREDENTIALS = /^AWS_CONTAINER_CREDENTIALS_|^AWS_WEB_IDENTITY_TOKEN_FILE$/;

const OFF_REASON =
  'No AWS configuration found (no `cloudwarden.aws.profile`, no AWS_PROFILE, no default profile, no credentials in the environment): the AWS features are off.';

/**
 * The decision, in the order the SDK's credential chain would find them: the setting, the profile
 * variables, keys in the environment, a container or web identity, the `default` profile.
 */
export function awsConfiguration(env: Env, settingProfile: string, profileNames: readonly string[]): AwsConfiguration {
  const set = (name: string): string | undefined => env[name]?.trim() || undefined;
  const endpoint = set('AWS_ENDPOINT_URL');
  const scoped = (scope: string): string => (endpoint ? `${scope}@${endpoint}` : scope);
  const setting = settingProfile.trim();
  if (setting)
    return {
      configured: true,
      source: 'cloudwarden.aws.profile',
      profile: setting,
      gatewayProfile: setting,
      scope: scoped(`profile:${setting}`),
    };
  const envProfile = set('AWS_PROFILE');
  if (envProfile)
    return { configured: true, source: 'AWS_PROFILE', profile: envProfile, scope: scoped(`profile:${envProfile}`) };
  const cliProfile = set('AWS_DEFAULT_PROFILE');
  if (cliProfile)
    return {
      configured: true,
      source: 'AWS_DEFAULT_PROFILE',
      profile: cliProfile,
      gatewayProfile: cliProfile,
      scope: scoped(`profile:${cliProfile}`),
    };
  const key = set('AWS_ACCESS_KEY_ID');
  // An access key id names a credential without being a secret: it tells two environments apart.
  if (key) return { configured: true, source: 'AWS_ACCESS_KEY_ID', scope: scoped(`key:${key}`) };
  const workload = Object.keys(env).find((name) => WORKLOAD_CREDENTIALS.test(name) && set(name));
  if (workload) return { configured: true, source: workload, scope: scoped(`workload:${set(workload)}`) };
  if (profileNames.includes('default'))
    return { configured: true, source: 'the default profile', profile: 'default', scope: scoped('profile:default') };
  return { configured: false, reason: OFF_REASON };
}
