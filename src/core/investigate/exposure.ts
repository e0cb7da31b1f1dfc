import type { ActivityEvent } from '../activity/event';
import { ATTACK, eventDetection, pairs } from './define';
import { succeeded, who } from './detection';

/** What the event names, for a sentence. */
function targetOf(event: ActivityEvent): string {
  const resource = event.resources[0];
  return resource?.name ?? resource?.arn ?? 'a resource';
}

/** The resource-policy and ACL calls whose request facts.ts reads for a public grant. */
const POLICY_CALLS = [
  ...pairs('s3.amazonaws.com', ['PutBucketPolicy', 'PutBucketAcl']),
  ...pairs('ecr.amazonaws.com', ['SetRepositoryPolicy']),
  ...pairs('kms.amazonaws.com', ['PutKeyPolicy', 'CreateKey']),
  ...pairs('es.amazonaws.com', [
    'CreateElasticsearchDomain',
    'UpdateElasticsearchDomainConfig',
    'CreateDomain',
    'UpdateDomainConfig',
  ]),
  ...pairs('secretsmanager.amazonaws.com', ['PutResourcePolicy']),
  ...pairs('sns.amazonaws.com', ['SetTopicAttributes']),
  ...pairs('sqs.amazonaws.com', ['SetQueueAttributes']),
  ...pairs('lambda.amazonaws.com', ['AddPermission', 'AddPermission20150331v2']),
  ...pairs('glacier.amazonaws.com', ['SetVaultAccessPolicy']),
  ...pairs('elasticfilesystem.amazonaws.com', ['PutFileSystemPolicy']),
  ...pairs('iam.amazonaws.com', ['UpdateAssumeRolePolicy']),
];

export const resourceMadePublic = eventDetection(
  {
    id: 'resource-made-public',
    title: 'Resource made public',
    severity: 'HIGH',
    description:
      'A resource policy or S3 ACL now grants access to everyone: a bucket, repository, key, domain, secret, topic, queue, function, vault, file system or role trust policy.',
    mitre: { technique: 'T1537', name: 'Transfer Data to Cloud Account' },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
      `${ATTACK}T1537/`,
    ],
    panther: 'AWS.CloudTrail.ResourceMadePublic',
    eventNames: POLICY_CALLS,
  },
  (event, facts) =>
    succeeded(event) && facts?.publicGrant !== undefined
      ? `${who(event)} opened ${targetOf(event)} to everyone (${facts.publicGrant}) with ${event.eventName}`
      : undefined,
);

export const publicAccessBlockRemoved = eventDetection(
  {
    id: 's3-public-access-block-removed',
    title: 'S3 Block Public Access removed or weakened',
    severity: 'MEDIUM',
    description:
      "A bucket's or the account's S3 Block Public Access configuration was deleted or had a block turned off, so a public policy or ACL would take effect.",
    mitre: { technique: 'T1562.007', name: 'Impair Defenses: Disable or Modify Cloud Firewall' },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      `${ATTACK}T1562/007/`,
    ],
    panther: 'AWS.S3.DeletePublicAccessBlock',
    eventNames: [
      ...pairs('s3.amazonaws.com', ['DeleteBucketPublicAccessBlock', 'PutBucketPublicAccessBlock']),
      ...pairs('s3control.amazonaws.com', ['DeletePublicAccessBlock', 'PutPublicAccessBlock']),
    ],
  },
  (event, facts) => {
    if (!succeeded(event)) return undefined;
    if (event.eventName.startsWith('Delete'))
      return `${who(event)} deleted the public access block of ${targetOf(event)}`;
    return facts?.publicAccessBlockOff === true
      ? `${who(event)} turned off part of the public access block of ${targetOf(event)}`
      : undefined;
  },
);

export const networkOpenToWorld = eventDetection(
  {
    id: 'network-open-to-world',
    title: 'Security group or network ACL opened to the Internet',
    severity: 'MEDIUM',
    description: 'A security group ingress rule or an allowing network ACL ingress entry now admits 0.0.0.0/0 or ::/0.',
    mitre: { technique: 'T1562.007', name: 'Impair Defenses: Disable or Modify Cloud Firewall' },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
      `${ATTACK}T1562/007/`,
    ],
    panther: 'AWS.CloudTrail.NetworkACLPermissiveEntry',
    eventNames: pairs('ec2.amazonaws.com', [
      'AuthorizeSecurityGroupIngress',
      'ModifySecurityGroupRules',
      'CreateNetworkAclEntry',
      'ReplaceNetworkAclEntry',
    ]),
  },
  (event, facts) =>
    succeeded(event) && facts?.worldCidr !== undefined
      ? `${who(event)} allowed ${facts.worldCidr} in with ${event.eventName} on ${targetOf(event)}`
      : undefined,
);

export const kmsKeyLoss = eventDetection(
  {
    id: 'kms-key-disabled-or-deleted',
    title: 'KMS key disabled or scheduled for deletion',
    severity: 'MEDIUM',
    description:
      'A KMS key was disabled or scheduled for deletion: what it encrypts becomes unreadable, for good once the key is deleted.',
    mitre: { technique: 'T1485', name: 'Data Destruction' },
    references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html', `${ATTACK}T1485/`],
    panther: 'AWS.KMS.CustomerManagedKeyLoss',
    eventNames: pairs('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
  },
  (event) => {
    if (!succeeded(event)) return undefined;
    const verb = event.eventName === 'DisableKey' ? 'disabled' : 'scheduled the deletion of';
    return `${who(event)} ${verb} the KMS key ${targetOf(event)}`;
  },
);
