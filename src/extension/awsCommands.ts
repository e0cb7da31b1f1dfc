import * as vscode from 'vscode';
import { AwsProfilesRequest } from '../shared/protocol';
import { isShellSafe, profilePicks, regionPicks, type ProfilePick, type RegionPick } from './awsPicks';
import { COMMERCIAL_REGIONS } from './awsRegions';
import type { AwsStatus } from './awsStatus';
import type { ServerHandle } from './serverHandle';

/**
 * "CloudWarden: Select AWS profile": the profiles of the shared config and credentials files (the server
 * lists them with a line scan), the default chain first. Written to the user settings.
 */
export async function selectAwsProfile(server: ServerHandle): Promise<void> {
  const current = vscode.workspace.getConfiguration('cloudwarden').get('aws.profile', '').trim();
  // Shown at once, filled when the server answers: the person sees the picker open, not a pause.
  const pick = vscode.window.createQuickPick<ProfilePick & vscode.QuickPickItem>();
  pick.title = 'CloudWarden: AWS profile';
  pick.placeholder = 'The profile CloudWarden uses for its read-only AWS calls';
  pick.busy = true;
  pick.show();
  const chosen = new Promise<ProfilePick | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (!item) return; // Enter before the list arrived
      resolve(item);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
  });
  try {
    const { profiles } = await server.request(AwsProfilesRequest.type, {});
    pick.items = profilePicks(profiles, current);
  } catch (error) {
    pick.items = profilePicks([], current);
    pick.placeholder = `The profiles could not be listed (${String(error)}); the default chain still works`;
  }
  pick.busy = false;
  const profile = (await chosen)?.profile;
  pick.dispose();
  if (profile === undefined) return;
  await writeUserSetting('aws.profile', profile);
}

/** "CloudWarden: Select AWS Regions": several at once; none means the profile's Region. */
export async function selectAwsRegions(): Promise<void> {
  const selected = vscode.workspace.getConfiguration('cloudwarden').get<string[]>('aws.regions', []);
  const picked = await vscode.window.showQuickPick<RegionPick & vscode.QuickPickItem>(
    regionPicks(COMMERCIAL_REGIONS, selected),
    {
      title: 'CloudWarden: AWS Regions',
      placeHolder: 'The Regions CloudWarden looks at (none: the profile’s Region)',
      canPickMany: true,
      matchOnDescription: true,
    },
  );
  if (!picked) return;
  await writeUserSetting(
    'aws.regions',
    picked.map((p) => p.code),
  );
}

/** Writes a user setting, and says so when a workspace setting overrides it (the write would seem lost). */
async function writeUserSetting(key: 'aws.profile' | 'aws.regions', value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('cloudwarden');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  const inspected = config.inspect(key);
  if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined)
    void vscode.window.showWarningMessage(
      `CloudWarden: saved cloudwarden.${key} in your user settings, but this workspace sets its own value, which wins.`,
    );
}

/**
 * "CloudWarden: Show AWS connection" (and a click on the status bar item in trouble): the connection in
 * one sentence and the next step: sign in again in a terminal, copy the command, pick another profile.
 */
export async function showAwsConnection(status: AwsStatus): Promise<void> {
  const current = await status.refresh(true);
  if (!current) {
    void vscode.window.showErrorMessage('CloudWarden: the language server did not answer; the output has details.');
    return;
  }
  if (current.state === 'off') {
    const choice = await vscode.window.showInformationMessage(
      `CloudWarden calls no AWS API: ${current.reason}`,
      'Select profile',
    );
    if (choice) await vscode.commands.executeCommand('cloudwarden.selectAwsProfile');
    return;
  }
  if (current.state === 'connected') {
    const choice = await vscode.window.showInformationMessage(
      `CloudWarden reads AWS as ${current.arn} (account ${current.account}; Regions: ${current.regions.join(', ') || 'the profile’s'}).`,
      'Select profile',
      'Select Regions',
    );
    if (choice === 'Select profile') await vscode.commands.executeCommand('cloudwarden.selectAwsProfile');
    if (choice === 'Select Regions') await vscode.commands.executeCommand('cloudwarden.selectAwsRegions');
    return;
  }
  await offerFix(current.problem.sentence, current.problem.command);
}

async function offerFix(sentence: string, command: string | undefined): Promise<void> {
  const actions = [
    ...(command && isShellSafe(command) ? ['Run in terminal'] : []),
    ...(command ? ['Copy command'] : []),
    'Select profile',
  ];
  const choice = await vscode.window.showWarningMessage(`CloudWarden: ${sentence}`, ...actions);
  if (choice === 'Run in terminal' && command) {
    const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
    terminal.show();
    terminal.sendText(command);
  } else if (choice === 'Copy command' && command) {
    await vscode.env.clipboard.writeText(command);
    void vscode.window.setStatusBarMessage(`Copied: ${command}`, 4000);
  } else if (choice === 'Select profile') {
    await vscode.commands.executeCommand('cloudwarden.selectAwsProfile');
  }
}
