/**
 * The CREATE EXTERNAL TABLE for a trail's bucket, following AWS's documented CloudTrail table with
 * partition projection (Athena User Guide, "Create the table for CloudTrail logs in Athena using
 * partition projection"): the same columns and SerDe, a `timestamp` partition projected by day from the
 * start date, and for an organisation trail or several Regions or accounts, `account` and `region`
 * partitions projected from the lists given. Values are checked, never pasted raw.
 */
import { literal, SqlValueError } from './sqlText';

export interface TrailBucket {
  readonly bucket: string;
  /** The trail's S3 key prefix, without slashes at either end. */
  readonly prefix?: string;
  /** An organisation trail's organisation id (`o-...`): its logs sit under AWSLogs/<org id>/<account>/. */
  readonly organizationId?: string;
  /** The accounts whose logs the table reads (at least one). */
  readonly accounts: readonly string[];
  /** The Regions whose logs the table reads (at least one). */
  readonly regions: readonly string[];
  /** The first day projected, `yyyy/MM/dd`. */
  readonly startDate: string;
  readonly database: string;
  readonly table: string;
}

export type TableDdl = { readonly ok: true; readonly ddl: string } | { readonly ok: false; readonly reason: string };

const COLUMNS = `  eventversion STRING,
  useridentity STRUCT<
    type: STRING,
    principalid: STRING,
    arn: STRING,
    accountid: STRING,
    invokedby: STRING,
    accesskeyid: STRING,
    username: STRING,
    onbehalfof: STRUCT<
      userid: STRING,
      identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<
        mfaauthenticated: STRING,
        creationdate: STRING>,
      sessionissuer: STRUCT<
        type: STRING,
        principalid: STRING,
        arn: STRING,
        accountid: STRING,
        username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<
        federatedprovider: STRING,
        attributes: MAP<STRING,STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<
    arn: STRING,
    accountid: STRING,
    type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  addendum STRUCT<
    reason: STRING,
    updatedfields: STRING,
    originalrequestid: STRING,
    originaleventid: STRING>,
  sessioncredentialfromconsole STRING,
  edgedevicedetails STRING,
  tlsdetails STRUCT<
    tlsversion: STRING,
    ciphersuite: STRING,
    clientprovidedhostheader: STRING>`;

/** The DDL, ready to run in Athena, or why the input cannot make one. */
export function cloudTrailTableDdl(trail: TrailBucket): TableDdl {
  try {
    return { ok: true, ddl: ddlOf(checkedTrail(trail)) };
  } catch (error) {
    if (error instanceof SqlValueError) return { ok: false, reason: error.message };
    throw error;
  }
}

function ddlOf(trail: TrailBucket): string {
  // One account and one Region need no partition for them: the location names both, as AWS's example does.
  const byAccount = trail.organizationId !== undefined || trail.accounts.length > 1;
  const byRegion = byAccount || trail.regions.length > 1;
  const root = [`s3://${trail.bucket}`, trail.prefix, 'AWSLogs', trail.organizationId].filter(Boolean).join('/');
  const account = byAccount ? '${account}' : trail.accounts[0]!;
  const region = byRegion ? '${region}' : trail.regions[0]!;
  const location = `${root}/${account}/CloudTrail/${region}`;
  const partitions = [
    ...(byAccount ? ['account STRING'] : []),
    ...(byRegion ? ['region STRING'] : []),
    '`timestamp` STRING',
  ];
  const properties: [string, string][] = [
    ['projection.enabled', 'true'],
    ...(byAccount ? projectedEnum('account', trail.accounts) : []),
    ...(byRegion ? projectedEnum('region', trail.regions) : []),
    ['projection.timestamp.format', 'yyyy/MM/dd'],
    ['projection.timestamp.interval', '1'],
    ['projection.timestamp.interval.unit', 'DAYS'],
    ['projection.timestamp.range', `${trail.startDate},NOW`],
    ['projection.timestamp.type', 'date'],
    ['storage.location.template', `${location}/\${timestamp}`],
  ];
  return [
    // DDL is Hive's: names in backticks (`default` is a reserved word there).
    `CREATE EXTERNAL TABLE \`${trail.database}\`.\`${trail.table}\` (`,
    COLUMNS,
    ')',
    `PARTITIONED BY (${partitions.join(', ')})`,
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION ${literal(`${byAccount || byRegion ? root : location}/`)}`,
    'TBLPROPERTIES (',
    properties.map(([key, value]) => `  ${literal(key)}=${literal(value)}`).join(',\n'),
    ')',
  ].join('\n');
}

function projectedEnum(name: string, values: readonly string[]): [string, string][] {
  return [
    [`projection.${name}.type`, 'enum'],
    [`projection.${name}.values`, values.join(',')],
  ];
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!\-_.*'()/]+$/;
const ORG = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;
/** Athena's names of databases and tables: letters, digits and underscores. */
const NAME = /^[A-Za-z0-9_]{1,255}$/;

/** The trail with its values checked against what S3, Organizations and CloudTrail allow. */
function checkedTrail(trail: TrailBucket): TrailBucket {
  const must = (ok: boolean, what: string): void => {
    if (!ok) throw new SqlValueError(what);
  };
  must(BUCKET.test(trail.bucket), `${JSON.stringify(trail.bucket)} is not an S3 bucket name`);
  const prefix = trail.prefix?.replace(/^\/+|\/+$/g, '');
  must(
    prefix === undefined || prefix === '' || PREFIX.test(prefix),
    `${JSON.stringify(trail.prefix)} is not an S3 key prefix`,
  );
  must(
    trail.organizationId === undefined || ORG.test(trail.organizationId),
    `${JSON.stringify(trail.organizationId)} is not an organisation id (o-...)`,
  );
  must(
    trail.accounts.length > 0 && trail.accounts.every((a) => ACCOUNT.test(a)),
    'the accounts must be one or more 12-digit account ids',
  );
  must(
    trail.regions.length > 0 && trail.regions.every((r) => REGION.test(r)),
    'the Regions must be one or more Region codes (us-east-1)',
  );
  must(
    NAME.test(trail.database) && NAME.test(trail.table),
    'the database and table names may hold only letters, digits and underscores',
  );
  must(DAY.test(trail.startDate), `${JSON.stringify(trail.startDate)} is not a start date (yyyy/MM/dd)`);
  return { ...trail, ...(prefix ? { prefix } : { prefix: undefined }) };
}
