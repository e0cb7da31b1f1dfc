import type { Catalog } from '../../catalog/catalog';
import type { PolicyDocument, Statement } from '../../policy/model';
import { addConditionEntry } from '../insertions';
import { requiresAnyKey } from '../requiredConditions';
import type { Fix, Rule, RuleContext } from '../types';
import { globMatcher, hasWildcard, isAllow, literal, starResource, valuesOf } from '../../policy/values';

export const passRoleStar: Rule = {
  meta: {
    id: 'passrole-star-resource',
    name: 'iam:PassRole on any role',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: {
      accessAnalyzer: ['PASS_ROLE_WITH_STAR_IN_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'],
      checkov: ['CKV_AWS_286'],
    },
    docs: {
      what: 'An Allow statement grants `iam:PassRole` (directly or through a wildcard such as `iam:*` or `*`) on `"Resource": "*"`, with no `iam:PassedToService` condition naming the services the roles may go to. An entry that names nothing (no values) or anything (`StringLike "*"`) does not count either.',
      why: "Passing any role to a service (Lambda, EC2, ECS, CloudFormation...) lets the holder run code with that role's permissions, administrator roles included: a privilege escalation.",
      example: '{ "Effect": "Allow", "Action": ["lambda:CreateFunction", "iam:PassRole"], "Resource": "*" }',
      fix: 'Scope the Resource to the roles the workload passes, and add an `iam:PassedToService` condition naming the service.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement)) continue;
      if (!starResource(statement)) continue;
      const passing = valuesOf(statement.action).find((v) => {
        const text = literal(v);
        return text !== undefined && globMatcher(text)('iam:PassRole');
      });
      if (!passing || limitsPassedToService(statement, ctx.catalog)) continue;
      const via = literal(passing)!.toLowerCase() === 'iam:passrole' ? '' : ` (through '${literal(passing)}')`;
      ctx.report({
        span: passing.span,
        message: `iam:PassRole${via} on "Resource": "*" lets this principal pass any role, administrator roles included, to a service.`,
        fixes: passedToServiceFix(ctx, document, statement),
      });
    }
  },
};

/**
 * True when a condition that restricts names the services roles go to (`iam:PassedToService`) or the
 * resource they are attached to (`iam:AssociatedResourceArn`). `...IfExists` does not count (a request
 * without the key passes it; Access Analyzer draws the same line), nor does an entry that names nothing
 * (`[]`) or everything (`StringLike "*"`).
 */
function limitsPassedToService(statement: Statement, catalog: Catalog): boolean {
  return requiresAnyKey(statement, catalog, ['iam:PassedToService', 'iam:AssociatedResourceArn']);
}

export const passRoleWithoutService: Rule = {
  meta: {
    id: 'passrole-without-service',
    name: 'iam:PassRole without iam:PassedToService',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: {},
    docs: {
      what: 'An Allow statement grants `iam:PassRole` on specific roles, with no `iam:PassedToService` condition naming the service the roles are for (`...IfExists` does not count: a request without the key passes it). An entry that names nothing (no values) or anything (`StringLike "*"`) does not count either.',
      why: 'The roles can then be passed to any service that accepts a role: a role meant for Lambda can run EC2 instances, ECS tasks or Glue jobs with its permissions.',
      example:
        '{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/orders-function" }',
      fix: 'Add `"Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }` naming the service.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement) || statement.unknown || statement.condition?.unknown) continue;
      if (starResource(statement) || !statement.resource || statement.resource.list.unknown) continue; // * is passrole-star-resource's
      const passing = valuesOf(statement.action).find((v) => literal(v)?.toLowerCase() === 'iam:passrole');
      if (!passing || limitsPassedToService(statement, ctx.catalog)) continue;
      ctx.report({
        span: passing.span,
        message:
          'iam:PassRole without an iam:PassedToService condition: these roles can be passed to any service that accepts a role.',
        fixes: passedToServiceFix(ctx, document, statement),
      });
    }
  },
};

/**
 * The actions that hand a role to a service, by the service principal that takes it: a policy that
 * grants `lambda:CreateFunction` beside `iam:PassRole` passes roles to Lambda. Only these count (not
 * any action of the service: `ec2:Describe*` passes nothing).
 */
const ROLE_TAKERS: readonly (readonly [string, readonly string[]])[] = [
  ['lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration']],
  [
    'ec2.amazonaws.com',
    [
      'ec2:RunInstances',
      'ec2:RequestSpotInstances',
      'ec2:AssociateIamInstanceProfile',
      'ec2:ReplaceIamInstanceProfileAssociation',
    ],
  ],
  ['ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:StartTask']],
  ['states.amazonaws.com', ['states:CreateStateMachine', 'states:UpdateStateMachine']],
  [
    'glue.amazonaws.com',
    ['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateDevEndpoint', 'glue:CreateCrawler', 'glue:UpdateCrawler'],
  ],
  [
    'sagemaker.amazonaws.com',
    [
      'sagemaker:CreateNotebookInstance',
      'sagemaker:CreateTrainingJob',
      'sagemaker:CreateProcessingJob',
      'sagemaker:CreateModel',
    ],
  ],
  ['codebuild.amazonaws.com', ['codebuild:CreateProject', 'codebuild:UpdateProject']],
  [
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:CreateStackSet'],
  ],
  ['datapipeline.amazonaws.com', ['datapipeline:CreatePipeline']],
  ['events.amazonaws.com', ['events:PutTargets']],
  ['scheduler.amazonaws.com', ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule']],
  ['elasticmapreduce.amazonaws.com', ['elasticmapreduce:RunJobFlow']],
];

/**
 * "Add an iam:PassedToService condition" naming the services the same policy hands roles to (its
 * role-taking actions, patterns included). No fix when none can be told: a guessed service would be a
 * wrong condition that looks right. Not preferred: the user should confirm the list.
 */
function passedToServiceFix(ctx: RuleContext, document: PolicyDocument, statement: Statement): Fix[] {
  const list = roleTakers(document);
  if (list.length === 0) return [];
  const edit = addConditionEntry(
    ctx.text,
    ctx.source.format,
    statement,
    'StringEquals',
    'iam:PassedToService',
    list.length === 1 ? list[0]! : list,
  );
  return edit ? [{ title: `Allow passing roles only to ${list.join(', ')} (iam:PassedToService)`, edits: [edit] }] : [];
}

const takersByDocument = new WeakMap<PolicyDocument, readonly string[]>();

/**
 * The services the document's Allow statements hand roles to (ROLE_TAKERS), sorted. Found once per
 * document: both rules ask it for every statement they report, and reading the whole document each
 * time grew with the square of its statements.
 */
function roleTakers(document: PolicyDocument): readonly string[] {
  let list = takersByDocument.get(document);
  if (!list) {
    const names = new Set<string>();
    const matchers: ((name: string) => boolean)[] = [];
    for (const s of document.statements) {
      if (!isAllow(s)) continue;
      for (const value of valuesOf(s.action)) {
        const t = literal(value);
        if (t === undefined || /^iam:/i.test(t) || t === '*') continue;
        // A name matches only itself (in any case): a set look-up instead of a matcher per name.
        if (hasWildcard(t)) matchers.push(globMatcher(t));
        else names.add(t.toLowerCase());
      }
    }
    const grants = (action: string) => names.has(action.toLowerCase()) || matchers.some((m) => m(action));
    list = ROLE_TAKERS.filter(([, actions]) => actions.some(grants))
      .map(([service]) => service)
      .sort();
    takersByDocument.set(document, list);
  }
  return list;
}
