/**
 * The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`), read as the SDK
 * reads them (@smithy/core config: parseIni): `#` and `;` comments, `[profile x]` and `[default]` in the
 * config file, `[x]` in the credentials file, and indented sub-sections (`sts =` then `  endpoint_url = ...`).
 * Listing profiles must not load the SDK: a config with thousands of profiles lists in milliseconds.
 */

/** Sections by their name as written (`profile dev`, `default`, `services local`, `dev`). */
export type IniSections = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** Parses one file; a key under a sub-section is `sub.key` (`sts.endpoint_url`). */
export function parseAwsIni(text: string): IniSections {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  let sub: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(?:^|\s)[;#]/)[0]!.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1).trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      sub = undefined;
      continue;
    }
    const equals = line.indexOf('=');
    if (!current || equals <= 0) continue;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === '') {
      sub = key;
      continue;
    }
    if (sub !== undefined && raw.trimStart() === raw) sub = undefined; // an unindented key ends the sub-section
    current[sub === undefined ? key : `${sub}.${key}`] = value;
  }
  return sections;
}

/** A profile's name from a config-file section name, or undefined for other sections (sso-session, services). */
function configProfileName(section: string): string | undefined {
  if (section === 'default') return 'default';
  return /^profile ["']?([^"'\s]+)["']?$/.exec(section)?.[1];
}

/** The profiles the two files define, config file first, each once. */
export function profileNames(configText: string, credentialsText: string): string[] {
  const names = new Set<string>();
  for (const section of parseAwsIni(configText).keys()) {
    const name = configProfileName(section);
    if (name !== undefined) names.add(name);
  }
  // In the credentials file a section is the profile's bare name; the SDK reads no other there.
  for (const section of parseAwsIni(credentialsText).keys()) if (!/\s/.test(section)) names.add(section);
  return [...names];
}

/** One profile's settings, the config file's over the credentials file's (as the SDK merges them). */
export function profileSettings(
  profile: string,
  config: IniSections,
  credentials: IniSections,
): Record<string, string> {
  const fromConfig =
    profile === 'default'
      ? { ...config.get('default'), ...config.get('profile default') }
      : config.get(`profile ${profile}`);
  return { ...credentials.get(profile), ...fromConfig };
}

/**
 * The endpoint URL configured for a service when `profile` is used, in the SDK's order: nothing when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's `ignore_configured_endpoint_urls`) is true, else
 * `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `services` section, its `endpoint_url`.
 * `serviceId` is the SDK's (`CloudTrail`, `Secrets Manager`).
 */
export function configuredEndpoint(
  serviceId: string,
  settings: Readonly<Record<string, string>>,
  config: IniSections,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const ignoreEnv = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
  const ignore =
    ignoreEnv !== undefined ? ignoreEnv === 'true' : settings['ignore_configured_endpoint_urls'] === 'true';
  if (ignore) return undefined;
  const words = serviceId.split(' ');
  const fromEnv = env[['AWS_ENDPOINT_URL', ...words.map((w) => w.toUpperCase())].join('_')] || env['AWS_ENDPOINT_URL'];
  if (fromEnv) return fromEnv;
  const services = settings['services'];
  const fromServices =
    services === undefined
      ? undefined
      : config.get(`services ${services}`)?.[`${words.map((w) => w.toLowerCase()).join('_')}.endpoint_url`];
  return fromServices || settings['endpoint_url'] || undefined;
}
