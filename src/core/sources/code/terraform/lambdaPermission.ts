/**
 * `aws_lambda_permission` as the template rules know it: an `AWS::Lambda::Permission` resource whose
 * properties carry CloudFormation's names (`principal` → `Principal`, `source_arn` → `SourceArn`...), so
 * lambda-permission-public and lambda-permission-without-source judge it as they judge a template's.
 * Values keep their spans (findings land on the HCL value); their fixes, which write CloudFormation, are
 * dropped for Terraform (lint.ts).
 */
import type { TemplateResource } from '../../../policy/model';
import type { Entry, ObjectNode } from '../../tree';
import { toNode, type Block } from './hcl';

const PROPERTIES: Readonly<Record<string, string>> = {
  action: 'Action',
  function_name: 'FunctionName',
  principal: 'Principal',
  source_arn: 'SourceArn',
  source_account: 'SourceAccount',
  principal_org_id: 'PrincipalOrgID',
  function_url_auth_type: 'FunctionUrlAuthType',
  event_source_token: 'EventSourceToken',
};

export function lambdaPermissionResource(address: string, block: Block, text: string): TemplateResource {
  const entries: Entry[] = [];
  for (const [name, attribute] of block.attributes) {
    const key = PROPERTIES[name];
    if (key && attribute.value)
      entries.push({ key: { text: key, span: attribute.name.span }, value: toNode(attribute.value, text) });
  }
  const properties: ObjectNode = { kind: 'object', span: block.span, entries };
  const node: ObjectNode = {
    kind: 'object',
    span: block.span,
    entries: [{ key: { text: 'Properties', span: block.typeSpan }, value: properties }],
  };
  return {
    id: { text: address, span: block.typeSpan },
    type: { text: 'AWS::Lambda::Permission', span: block.typeSpan },
    node,
    properties,
  };
}
