/**
 * What a log file's path says of its events, as CloudTrail delivers to S3:
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16>.json.gz`,
 * with `AWSLogs/<o-id>/<account>/...` for an organisation's trail. A part the path does not say is
 * undefined; the folders win over the file name where both say it.
 */
export interface LogLayout {
  readonly account?: string;
  readonly region?: string;
  /** `YYYY-MM-DD`, the UTC day of the file's events. */
  readonly day?: string;
  readonly orgId?: string;
}

const ACCOUNT = /^\d{12}$/;
const ORGANISATION = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const FILE_NAME =
  /^(\d{12})_CloudTrail_([a-z]{2}(?:-[a-z]+)+-\d+)_(\d{4})(\d{2})(\d{2})T\d{4}Z_[A-Za-z0-9]{16}\.json(?:\.gz)?$/;

export function layoutOf(filePath: string): LogLayout {
  const parts = filePath.split(/[\\/]/);
  const named = FILE_NAME.exec(parts[parts.length - 1] ?? '');
  const fromName: LogLayout =
    named === null ? {} : { account: named[1], region: named[2], day: `${named[3]}-${named[4]}-${named[5]}` };
  const fromFolders = foldersLayout(parts);
  return { ...definedOnly(fromName), ...definedOnly(fromFolders) };
}

/** The parts after the last `AWSLogs` folder, when they follow CloudTrail's layout. */
function foldersLayout(parts: readonly string[]): LogLayout {
  const at = parts.lastIndexOf('AWSLogs');
  if (at < 0) return {};
  const orgId = ORGANISATION.test(parts[at + 1] ?? '') ? parts[at + 1] : undefined;
  const first = orgId === undefined ? at + 1 : at + 2;
  const [account, service, region, year, month, day] = parts.slice(first, first + 6);
  if (account === undefined || !ACCOUNT.test(account) || service !== 'CloudTrail') return { orgId };
  if (region === undefined || !REGION.test(region)) return { account, orgId };
  const date = /^\d{4}$/.test(year ?? '') && /^\d{2}$/.test(month ?? '') && /^\d{2}$/.test(day ?? '');
  return { account, region, day: date ? `${year}-${month}-${day}` : undefined, orgId };
}

function definedOnly(layout: LogLayout): LogLayout {
  return Object.fromEntries(Object.entries(layout).filter(([, v]) => v !== undefined));
}
