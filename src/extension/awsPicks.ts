/**
 * What the AWS status bar item and the profile and Region pickers show, as plain data built from the
 * server's answers (no VS Code API here, so the unit tests build them too).
 */
import type { AwsStatusRequest } from '../shared/protocol';
import type { AwsRegion } from './awsRegions';

/** The status bar item's content; undefined hides it. */
export interface AwsStatusView {
  readonly state: 'connected' | 'problem';
  readonly text: string;
  readonly tooltip: string;
  /** The command a click runs. */
  readonly command: string;
}

/**
 * `off` (nothing configured) shows nothing: without AWS, CloudWarden stays quiet. Connected: profile ·
 * account · Region(s). A problem: a warning with its sentence, and a click that offers the fix.
 */
export function awsStatusView(status: AwsStatusRequest.Result): AwsStatusView | undefined {
  if (status.state === 'off') return undefined;
  const profile = status.profile || 'default chain';
  const regions = regionsText(status.regions);
  if (status.state === 'connected') {
    return {
      state: 'connected',
      text: `$(cloud) ${[profile, status.account, regions].filter(Boolean).join(' · ')}`,
      tooltip: `CloudWarden reads AWS as ${status.arn} (profile: ${profile}; Regions: ${status.regions.join(', ') || 'the profile’s'}). Click to switch profile.`,
      command: 'cloudwarden.selectAwsProfile',
    };
  }
  const fix = status.problem.command ? ` Fix: ${status.problem.command}` : '';
  return {
    state: 'problem',
    text: `$(warning) ${[profile, regions].filter(Boolean).join(' · ')}`,
    tooltip: `${status.problem.sentence}${fix} (click for the options)`,
    command: 'cloudwarden.showAwsConnection',
  };
}

/** One Region as is; several as the first and how many more (`us-east-1 +2`). */
function regionsText(regions: readonly string[]): string {
  if (regions.length <= 1) return regions[0] ?? '';
  return `${regions[0]} +${regions.length - 1}`;
}

export interface ProfilePick {
  readonly label: string;
  readonly description?: string;
  /** The value written to `cloudwarden.aws.profile` ('' for the SDK's default chain). */
  readonly profile: string;
}

/**
 * The default chain first, then the profiles in name order, the current one said. Linear plus one sort:
 * thousands of profiles (some organisations generate one per account and role) build at once.
 */
export function profilePicks(profiles: readonly string[], current: string): ProfilePick[] {
  const picks: ProfilePick[] = [
    {
      label: 'Default credential chain',
      description:
        current === ''
          ? 'current · AWS_PROFILE, the default profile, environment'
          : 'AWS_PROFILE, the default profile, environment',
      profile: '',
    },
  ];
  const names = [...new Set(profiles)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names)
    picks.push(
      name === current ? { label: name, description: 'current', profile: name } : { label: name, profile: name },
    );
  return picks;
}

export interface RegionPick {
  readonly label: string;
  readonly description: string;
  readonly picked: boolean;
  readonly code: string;
}

/**
 * Every listed Region, the selected ones checked; a selected Region the list does not know (GovCloud,
 * China, one newer than this list) is kept, first, so that saving the pick never drops it silently.
 */
export function regionPicks(regions: readonly AwsRegion[], selected: readonly string[]): RegionPick[] {
  const known = new Set(regions.map((r) => r.code));
  const chosen = new Set(selected);
  return [
    ...selected
      .filter((code) => !known.has(code))
      .map((code) => ({ label: code, description: 'not in the commercial list', picked: true, code })),
    ...regions.map((r) => ({ label: r.code, description: r.name, picked: chosen.has(r.code), code: r.code })),
  ];
}

/**
 * Whether a fix command may be typed into a terminal for the person: only words, paths and flags (the
 * profile name in `aws sso login --profile X` comes from settings a workspace can set; a `;` or `$(`
 * there must never run).
 */
export function isShellSafe(command: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9 ._@+=:,/-]*$/.test(command) && command.length <= 300;
}
