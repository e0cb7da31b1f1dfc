/**
 * Which Regions an account must enable before use. AWS: "Regions launched before March 20, 2019 are
 * enabled by default ... Regions launched after March 20, 2019 are disabled by default" (Account
 * Management guide, manage-acct-regions). The list of default Regions is therefore closed and never grows,
 * so it is the one kept here: every other Region of the commercial partition is opt-in.
 */
const ENABLED_BY_DEFAULT = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
]);

/** Commercial-partition Region names (China, GovCloud, ISO and sovereign partitions have other shapes). */
const COMMERCIAL_REGION = /^(?:af|ap|ca|eu|il|me|mx|sa|us)-[a-z]+-\d+$/;

/** Whether `region` is an opt-in Region, one an account has to enable (ap-east-1, me-south-1, ...). */
export function isOptInRegion(region: string): boolean {
  return COMMERCIAL_REGION.test(region) && !ENABLED_BY_DEFAULT.has(region);
}
