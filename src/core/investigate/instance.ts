import type { ActivityEvent } from '../activity/event';
import { ATTACK } from './define';
import { hitOf, type Scanner, type StreamDetection } from './detection';
import { isAddress } from './network';

/** EC2 names an instance profile's sessions after the instance. */
const INSTANCE_SESSION = /^i-[0-9a-f]{8,17}$/;

/** The SSM agent's own calls with the instance's credentials: they show where the instance is. */
const AGENT_SOURCES = new Set(['ssm.amazonaws.com', 'ec2messages.amazonaws.com', 'ssmmessages.amazonaws.com']);

function instanceSession(event: ActivityEvent): boolean {
  const session = event.principal.sessionName;
  return (
    event.principal.type === 'AssumedRole' &&
    session !== undefined &&
    INSTANCE_SESSION.test(session) &&
    isAddress(event.sourceIp)
  );
}

function agentCall(event: ActivityEvent): boolean {
  return AGENT_SOURCES.has(event.eventSource) || event.eventName === 'RegisterManagedInstance';
}

const meta = {
  id: 'instance-credentials-elsewhere',
  title: 'Instance credentials used from a second address',
  severity: 'HIGH' as const,
  description:
    "An EC2 instance role's session (named after the instance) made calls from an address other than the one it was first seen at: credentials taken from the instance metadata service and used elsewhere. Without AWS's published address ranges this cannot tell a second address inside AWS (an instance whose public address changed) from one outside.",
  mitre: { technique: 'T1552.005', name: 'Unsecured Credentials: Cloud Instance Metadata API' },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#unauthorizedaccess-iam-instancecredentialexfiltrationoutsideaws',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    `${ATTACK}T1552/005/`,
  ],
  panther: 'AWS.CloudTrail.IMDSCredentialExfiltration',
  eventNames: 'any' as const,
};

export const instanceCredentialsElsewhere: StreamDetection = {
  ...meta,
  kind: 'stream',
  // The calls that can be the hit; the agent's own calls only record where the instance is.
  counts: (event) => instanceSession(event) && !agentCall(event),
  scan: (): Scanner => {
    const seen = new Map<string, Set<string>>();
    return (event) => {
      if (!instanceSession(event)) return undefined;
      const session = event.principal.arn ?? event.principal.name;
      const address = event.sourceIp!;
      const addresses = seen.get(session);
      if (addresses === undefined) {
        seen.set(session, new Set([address]));
        return undefined;
      }
      if (addresses.has(address)) return undefined;
      addresses.add(address);
      if (agentCall(event)) return undefined;
      const first = [...addresses][0];
      return hitOf(
        meta,
        event,
        `${event.principal.name} (an instance's credentials) called ${event.eventName} from ${address}, first seen at ${first}`,
      );
    };
  },
};
