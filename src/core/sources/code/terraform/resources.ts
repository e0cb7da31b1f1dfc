/**
 * Which attributes of which Terraform resources hold policies, and what those policies are for. The
 * AWS provider's names; the services as the CloudFormation reader names them, so rules agree.
 */
import type { PolicyKind } from '../../../policy/model';

export interface PolicyAttribute {
  readonly attribute: string;
  readonly kind: PolicyKind;
  readonly resourceService?: string;
  /** For inline identity policies: the attribute naming the principal (`role`, `user`, `group`), or `self` for the resource itself. */
  readonly principal?: { readonly attribute: string; readonly type: string } | 'self';
}

const resource = (attribute: string, service: string): PolicyAttribute => ({
  attribute,
  kind: 'resource',
  resourceService: service,
});

export const POLICY_ATTRIBUTES: ReadonlyMap<string, readonly PolicyAttribute[]> = new Map([
  ['aws_iam_policy', [{ attribute: 'policy', kind: 'identity' }]],
  ['aws_iam_role', [{ attribute: 'assume_role_policy', kind: 'trust' }]],
  [
    'aws_iam_role_policy',
    [{ attribute: 'policy', kind: 'identity', principal: { attribute: 'role', type: 'aws_iam_role' } }],
  ],
  [
    'aws_iam_user_policy',
    [{ attribute: 'policy', kind: 'identity', principal: { attribute: 'user', type: 'aws_iam_user' } }],
  ],
  [
    'aws_iam_group_policy',
    [{ attribute: 'policy', kind: 'identity', principal: { attribute: 'group', type: 'aws_iam_group' } }],
  ],
  [
    'aws_ssoadmin_permission_set_inline_policy',
    [
      {
        attribute: 'inline_policy',
        kind: 'identity',
        principal: { attribute: 'permission_set_arn', type: 'aws_ssoadmin_permission_set' },
      },
    ],
  ],
  ['aws_s3_bucket_policy', [resource('policy', 's3')]],
  ['aws_s3_access_point', [resource('policy', 's3')]],
  ['aws_s3control_access_point_policy', [resource('policy', 's3')]],
  ['aws_kms_key', [resource('policy', 'kms')]],
  ['aws_kms_replica_key', [resource('policy', 'kms')]],
  ['aws_kms_key_policy', [resource('policy', 'kms')]],
  ['aws_sqs_queue', [resource('policy', 'sqs')]],
  ['aws_sqs_queue_policy', [resource('policy', 'sqs')]],
  ['aws_sns_topic', [resource('policy', 'sns')]],
  ['aws_sns_topic_policy', [resource('policy', 'sns')]],
  ['aws_secretsmanager_secret', [resource('policy', 'secretsmanager')]],
  ['aws_secretsmanager_secret_policy', [resource('policy', 'secretsmanager')]],
  ['aws_ecr_repository_policy', [resource('policy', 'ecr')]],
  ['aws_ecr_registry_policy', [resource('policy', 'ecr')]],
  ['aws_opensearch_domain', [resource('access_policies', 'es')]],
  ['aws_opensearch_domain_policy', [resource('access_policies', 'es')]],
  ['aws_elasticsearch_domain', [resource('access_policies', 'es')]],
  ['aws_elasticsearch_domain_policy', [resource('access_policies', 'es')]],
  ['aws_efs_file_system_policy', [resource('policy', 'elasticfilesystem')]],
  ['aws_backup_vault_policy', [resource('policy', 'backup')]],
  ['aws_api_gateway_rest_api', [resource('policy', 'execute-api')]],
  ['aws_api_gateway_rest_api_policy', [resource('policy', 'execute-api')]],
  ['aws_codeartifact_domain_permissions_policy', [resource('policy_document', 'codeartifact')]],
  ['aws_codeartifact_repository_permissions_policy', [resource('policy_document', 'codeartifact')]],
  ['aws_cloudwatch_log_resource_policy', [resource('policy_document', 'logs')]],
  ['aws_glacier_vault', [resource('access_policy', 'glacier')]],
  ['aws_vpc_endpoint', [{ attribute: 'policy', kind: 'endpoint' }]],
  ['aws_vpc_endpoint_policy', [{ attribute: 'policy', kind: 'endpoint' }]],
]);

/** Resources that attach a managed policy (`policy_arn`) to principals, and the attributes naming them. */
export const ATTACHMENTS: ReadonlyMap<
  string,
  readonly { readonly attribute: string; readonly type: string; readonly list: boolean }[]
> = new Map([
  ['aws_iam_role_policy_attachment', [{ attribute: 'role', type: 'aws_iam_role', list: false }]],
  ['aws_iam_user_policy_attachment', [{ attribute: 'user', type: 'aws_iam_user', list: false }]],
  ['aws_iam_group_policy_attachment', [{ attribute: 'group', type: 'aws_iam_group', list: false }]],
  [
    'aws_iam_policy_attachment',
    [
      { attribute: 'roles', type: 'aws_iam_role', list: true },
      { attribute: 'users', type: 'aws_iam_user', list: true },
      { attribute: 'groups', type: 'aws_iam_group', list: true },
    ],
  ],
]);

/** The CloudFormation type a managed-policy finding names the principal by ("the role aws_iam_role.x"). */
export const PRINCIPAL_TYPES: ReadonlyMap<string, string> = new Map([
  ['aws_iam_role', 'AWS::IAM::Role'],
  ['aws_iam_user', 'AWS::IAM::User'],
  ['aws_iam_group', 'AWS::IAM::Group'],
]);

/** Organizations policies: only these types are IAM policy documents (the default is an SCP). */
export const ORGANIZATIONS_POLICY_KINDS: ReadonlyMap<string, PolicyKind> = new Map([
  ['SERVICE_CONTROL_POLICY', 'scp'],
  ['RESOURCE_CONTROL_POLICY', 'rcp'],
]);
