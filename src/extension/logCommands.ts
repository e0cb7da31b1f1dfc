import * as vscode from 'vscode';
import { AthenaTableRequest, IndexLogFilesRequest } from '../shared/protocol';
import { isAthenaTableArgument, parseTrailLocation } from './athenaTableInput';
import type { ServerHandle } from './serverHandle';

/** "CloudWarden: Index CloudTrail log files": new and changed files of the log folders, now. */
export async function indexLogFiles(server: ServerHandle): Promise<string> {
  const result = await server.request(IndexLogFilesRequest.type, {});
  if (result.ok) void vscode.window.showInformationMessage(`CloudWarden: ${result.message}`);
  else void vscode.window.showWarningMessage(`CloudWarden: ${result.message}`);
  return result.message;
}

/**
 * "CloudWarden: Write the Athena table for a CloudTrail bucket…": asks where the trail writes (bucket and
 * prefix, organisation, accounts, Regions, first day) and opens the `CREATE EXTERNAL TABLE` in an editor,
 * ready to run in Athena. An argument with every answer skips the questions (tests, other extensions).
 */
export async function writeAthenaTable(server: ServerHandle, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const params = isAthenaTableArgument(arg) ? arg : await askTrail();
  if (!params) return undefined;
  const result = await server.request(AthenaTableRequest.type, params);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`CloudWarden: ${result.reason}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'sql', content: result.ddl });
  await vscode.window.showTextDocument(document);
  return document;
}

async function askTrail(): Promise<AthenaTableRequest.Params | undefined> {
  const config = vscode.workspace.getConfiguration('cloudwarden');
  const location = await ask('Where the trail writes its logs', 's3://my-trail-bucket/optional/prefix', (v) =>
    'error' in parseTrailLocation(v) ? (parseTrailLocation(v) as { error: string }).error : undefined,
  );
  if (location === undefined) return undefined;
  const { bucket, prefix } = parseTrailLocation(location) as { bucket: string; prefix?: string };
  const organizationId = await ask(
    'The organisation id of an organisation trail (empty for an account trail)',
    'o-a1b2c3d4e5',
    (v) =>
      v === '' || /^o-[a-z0-9]{10,32}$/.test(v) ? undefined : 'An organisation id: o- and 10 to 32 letters or digits',
    true,
  );
  if (organizationId === undefined) return undefined;
  const accounts = await ask('The account ids whose logs the table reads, separated by commas', '111122223333', (v) =>
    list(v).every((a) => /^\d{12}$/.test(a)) && list(v).length > 0 ? undefined : 'Account ids: 12 digits each',
  );
  if (accounts === undefined) return undefined;
  const configured = config.get<string[]>('aws.regions', []);
  const regions = await ask(
    'The Regions whose logs the table reads, separated by commas',
    'us-east-1, eu-west-1',
    (v) =>
      list(v).length > 0 && list(v).every((r) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(r))
        ? undefined
        : 'Region names: us-east-1, eu-west-1',
    false,
    configured.join(', '),
  );
  if (regions === undefined) return undefined;
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '/');
  const startDate = await ask(
    'The first day the table projects (yyyy/MM/dd)',
    yearAgo,
    (v) => (/^\d{4}\/\d{2}\/\d{2}$/.test(v) ? undefined : 'A day as yyyy/MM/dd'),
    false,
    yearAgo,
  );
  if (startDate === undefined) return undefined;
  return {
    bucket,
    ...(prefix !== undefined && { prefix }),
    ...(organizationId !== '' && { organizationId }),
    accounts: list(accounts),
    regions: list(regions),
    startDate,
    database: config.get<string>('activity.athena.database') || 'default',
    table: config.get<string>('activity.athena.table') || 'cloudtrail_logs',
  };
}

function ask(
  prompt: string,
  placeHolder: string,
  validate: (value: string) => string | undefined,
  optional = false,
  value?: string,
): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: 'CloudWarden: the Athena table for a CloudTrail bucket',
      prompt,
      placeHolder,
      ...(value && { value }),
      ignoreFocusOut: true,
      validateInput: (v) => (optional && v.trim() === '' ? undefined : validate(v.trim())),
    })
    .then((v) => v?.trim());
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
