import type { ActivityEvent } from '../activity/event';
import { ATTACK, CLOUDTRAIL_DOCS, eventDetection, pairs } from './define';
import { succeeded, who } from './detection';

/** The trail's name or ARN as the request gives it. */
function trailOf(event: ActivityEvent): string {
  return event.resources[0]?.name ?? event.resources[0]?.arn ?? 'a trail';
}

export const cloudTrailWeakened = eventDetection(
  {
    id: 'cloudtrail-logging-weakened',
    title: 'CloudTrail logging stopped, deleted or narrowed',
    severity: 'HIGH',
    description:
      'A trail was stopped or deleted, or updated to record less: management events excluded or limited to reads or writes, multi-Region or global service events or log file validation turned off.',
    mitre: { technique: 'T1562.008', name: 'Impair Defenses: Disable or Modify Cloud Logs' },
    references: [
      `${CLOUDTRAIL_DOCS}best-practices-security.html`,
      'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html',
      `${ATTACK}T1562/008/`,
    ],
    panther: 'AWS.CloudTrail.Stopped',
    pantherAlso: ['AWS.CloudTrail.EventSelectorsDisabled', 'AWS.CloudTrail.SecurityConfigurationChange'],
    eventNames: pairs('cloudtrail.amazonaws.com', ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']),
  },
  (event, facts) => {
    if (!succeeded(event)) return undefined;
    const trail = trailOf(event);
    if (event.eventName === 'StopLogging') return `${who(event)} stopped logging of ${trail}`;
    if (event.eventName === 'DeleteTrail') return `${who(event)} deleted ${trail}`;
    const how = facts?.loggingWeakened;
    return how === undefined ? undefined : `${who(event)} narrowed ${trail}: ${how}`;
  },
);

/** The calls that turn a security service off or cut an account out of it, by service. */
const SECURITY_OFF: readonly [source: string, names: readonly string[]][] = [
  [
    'guardduty.amazonaws.com',
    [
      'DeleteDetector',
      'DisassociateFromMasterAccount',
      'DisassociateFromAdministratorAccount',
      'StopMonitoringMembers',
    ],
  ],
  [
    'securityhub.amazonaws.com',
    ['DisableSecurityHub', 'BatchDisableStandards', 'DisassociateFromAdministratorAccount'],
  ],
  ['config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel']],
  ['macie2.amazonaws.com', ['DisableMacie', 'DisassociateFromAdministratorAccount']],
  ['access-analyzer.amazonaws.com', ['DeleteAnalyzer']],
  ['inspector2.amazonaws.com', ['Disable']],
  ['detective.amazonaws.com', ['DeleteGraph']],
  ['ec2.amazonaws.com', ['DeleteFlowLogs']],
];

export const securityServiceDisabled = eventDetection(
  {
    id: 'security-service-disabled',
    title: 'Security service disabled or detached',
    severity: 'HIGH',
    description:
      'A GuardDuty detector deleted or disabled, Security Hub, Config, Macie, Inspector, Detective or Access Analyzer turned off, an account detached from its administrator, or VPC flow logs deleted.',
    mitre: { technique: 'T1562.001', name: 'Impair Defenses: Disable or Modify Tools' },
    references: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-disable.html',
      `${ATTACK}T1562/001/`,
    ],
    panther: 'AWS.ConfigService.DisabledDeleted',
    eventNames: [
      ...SECURITY_OFF.flatMap(([source, names]) => pairs(source, names)),
      'guardduty.amazonaws.com:UpdateDetector',
    ],
  },
  (event, facts) => {
    if (!succeeded(event)) return undefined;
    if (event.eventName === 'UpdateDetector') {
      return facts?.detectorDisabled === true ? `${who(event)} disabled a GuardDuty detector` : undefined;
    }
    return `${who(event)} called ${event.eventName} (${event.eventSource})`;
  },
);
