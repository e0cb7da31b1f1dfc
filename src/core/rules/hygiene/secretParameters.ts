import type { TemplateParameter } from '../../policy/model';
import { intrinsicOf } from '../../sources/intrinsics';
import { member, stringOf, type Node } from '../../sources/tree';
import type { Rule, SourceContext } from '../types';

/**
 * Properties that take a secret: `MasterUserPassword`, `Password`, `AuthToken`, `OAuthToken`... Not
 * `SecretString`: a secret built from a parameter is the secret store being filled, a choice of its own.
 */
const SECRET_PROPERTY =
  /(password|passphrase|authtoken|oauthtoken|accesstoken|apikey|secretkey|secretaccesskey|privatekey)$/i;

/** Every `key: value` under `node`, however deep (lists and intrinsics included). */
function visitEntries(node: Node, visit: (key: string, value: Node) => void): void {
  if (node.kind === 'object') {
    for (const entry of node.entries) {
      visit(entry.key.text, entry.value);
      visitEntries(entry.value, visit);
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) visitEntries(item, visit);
  } else if (node.kind === 'tagged') {
    visitEntries(node.value, visit);
  }
}

function report(ctx: SourceContext, value: Node, key: string, parameter: TemplateParameter): void {
  const hasDefault = member(parameter.node, 'Default') !== undefined;
  const problem = hasDefault
    ? 'its Default puts the secret in the template itself'
    : parameter.noEcho
      ? "whoever deploys types or scripts the secret, and it is kept in the stack's history"
      : "without NoEcho it shows in the console, the API and the stack's events";
  ctx.report({
    span: value.span,
    message: `${key} takes the parameter ${parameter.id.text}: ${problem}. Use a dynamic reference such as {{resolve:secretsmanager:...}}.`,
  });
}

export const secretParameterRef: Rule = {
  meta: {
    id: 'secret-parameter-ref',
    name: 'Secret passed as a parameter',
    family: 'hygiene',
    defaultSeverity: 'warning',
    equivalents: { cfnLint: ['W1011'] },
    docs: {
      what: "A property that takes a secret (`MasterUserPassword`, `Password`, `AuthToken`, `OAuthToken`, `ApiKey`...), at any depth of a resource's properties, is `!Ref` to a `String` parameter of the template instead of a dynamic reference (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`). Parameters of SSM types (`AWS::SSM::Parameter::Value<...>`) are not reported, nor is `SecretString`.",
      why: "A parameter's value passes through whoever deploys (shell history, CI variables, parameter files in the repository), stays in the stack's history, and without `NoEcho` shows in the console and `describe-stacks`; a `Default` writes it into the template. A dynamic reference is resolved by CloudFormation at deploy time and never shown.",
      example:
        '"Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "MasterUsername": "app", "MasterUserPassword": { "Ref": "DbPassword" } } }',
      fix: 'Keep the secret in Secrets Manager and write `"{{resolve:secretsmanager:prod/db:SecretString:password}}"`, or let the service manage it (`ManageMasterUserPassword: true` for RDS); then remove the parameter.',
    },
  },
  checkSource(source, ctx) {
    const template = source.template;
    if (!template) return;
    const parameters = new Map(template.parameters.filter((p) => p.type === 'String').map((p) => [p.id.text, p]));
    if (parameters.size === 0) return;
    for (const resource of template.resources) {
      if (!resource.properties) continue;
      visitEntries(resource.properties, (key, value) => {
        if (!SECRET_PROPERTY.test(key)) return;
        const intrinsic = intrinsicOf(value);
        const parameter = intrinsic?.name === 'Ref' ? parameters.get(stringOf(intrinsic.arg) ?? '') : undefined;
        if (parameter) report(ctx, value, key, parameter);
      });
    }
  },
};
