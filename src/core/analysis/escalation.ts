/**
 * Published privilege-escalation combinations: sets of actions that, all granted together, let a
 * principal obtain permissions it was not given. Rhino Security Labs' 21 methods (22 entries: the
 * Lambda + DynamoDB method has a new-table and an existing-table variant), with the `sts:AssumeRole`
 * that Rhino's script and Parliament require for the role-policy methods; then the additions of
 * cloudsplaining's PRIVILEGE_ESCALATION_METHODS (from DataDog's pathfinding.cloud) that are concrete
 * action sets, one entry per alternative. The bedrock-agentcore "CreateCodeInterpreter + ..." entry is
 * left out: its published action set is not complete.
 */
import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';

export interface EscalationMethod {
  /** Stable name (Rhino's script key where there is one). */
  readonly name: string;
  /** Every action that must be granted, `service:Name`. */
  readonly actions: readonly string[];
  /** What the holder does with them, for messages. */
  readonly how: string;
  readonly source: 'Rhino Security Labs' | 'cloudsplaining';
  /** The service principal the passed role goes to, for methods that pass a role. */
  readonly passedTo?: string;
}

const RHINO = 'Rhino Security Labs' as const;
const CS = 'cloudsplaining' as const;

const method = (
  name: string,
  actions: string[],
  how: string,
  source: EscalationMethod['source'],
  passedTo?: string,
): EscalationMethod => (passedTo ? { name, actions, how, source, passedTo } : { name, actions, how, source });

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  method(
    'CreateNewPolicyVersion',
    ['iam:CreatePolicyVersion'],
    'write a new default version of a policy attached to itself',
    RHINO,
  ),
  method(
    'SetExistingDefaultPolicyVersion',
    ['iam:SetDefaultPolicyVersion'],
    'make a more permissive old version of its policy the default',
    RHINO,
  ),
  method(
    'CreateEC2WithExistingIP',
    ['iam:PassRole', 'ec2:RunInstances'],
    'launch an instance with an existing role and use its credentials',
    RHINO,
    'ec2.amazonaws.com',
  ),
  method('CreateAccessKey', ['iam:CreateAccessKey'], 'create access keys for another user', RHINO),
  method('CreateLoginProfile', ['iam:CreateLoginProfile'], 'set a console password for another user', RHINO),
  method('UpdateLoginProfile', ['iam:UpdateLoginProfile'], "change another user's console password", RHINO),
  method('AttachUserPolicy', ['iam:AttachUserPolicy'], 'attach any managed policy to a user', RHINO),
  method('AttachGroupPolicy', ['iam:AttachGroupPolicy'], 'attach any managed policy to a group', RHINO),
  method(
    'AttachRolePolicy',
    ['iam:AttachRolePolicy', 'sts:AssumeRole'],
    'attach any managed policy to a role and assume it',
    RHINO,
  ),
  method('PutUserPolicy', ['iam:PutUserPolicy'], 'write an inline policy on a user', RHINO),
  method('PutGroupPolicy', ['iam:PutGroupPolicy'], 'write an inline policy on a group', RHINO),
  method(
    'PutRolePolicy',
    ['iam:PutRolePolicy', 'sts:AssumeRole'],
    'write an inline policy on a role and assume it',
    RHINO,
  ),
  method('AddUserToGroup', ['iam:AddUserToGroup'], 'add a user to a more privileged group', RHINO),
  method(
    'UpdateRolePolicyToAssumeIt',
    ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
    "rewrite a role's trust policy and assume it",
    RHINO,
  ),
  method(
    'PassExistingRoleToNewLambdaThenInvoke',
    ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    'pass an existing role to a new Lambda function and invoke it',
    RHINO,
    'lambda.amazonaws.com',
  ),
  method(
    'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    [
      'iam:PassRole',
      'lambda:CreateFunction',
      'lambda:CreateEventSourceMapping',
      'dynamodb:CreateTable',
      'dynamodb:PutItem',
    ],
    'pass an existing role to a new Lambda function and trigger it from a new DynamoDB table',
    RHINO,
    'lambda.amazonaws.com',
  ),
  method(
    'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
    ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    'pass an existing role to a new Lambda function and trigger it from an existing stream',
    RHINO,
    'lambda.amazonaws.com',
  ),
  method(
    'EditExistingLambdaFunctionWithRole',
    ['lambda:UpdateFunctionCode'],
    "replace an existing function's code and run it with the function's role",
    RHINO,
  ),
  method(
    'PassExistingRoleToNewGlueDevEndpoint',
    ['iam:PassRole', 'glue:CreateDevEndpoint'],
    'pass an existing role to a new Glue development endpoint and log in to it',
    RHINO,
    'glue.amazonaws.com',
  ),
  method(
    'UpdateExistingGlueDevEndpoint',
    ['glue:UpdateDevEndpoint'],
    'add an SSH key to an existing Glue development endpoint and use its role',
    RHINO,
  ),
  method(
    'PassExistingRoleToCloudFormation',
    ['iam:PassRole', 'cloudformation:CreateStack'],
    'pass an existing role to a new CloudFormation stack that creates anything the role may',
    RHINO,
    'cloudformation.amazonaws.com',
  ),
  method(
    'PassExistingRoleToNewDataPipeline',
    ['iam:PassRole', 'datapipeline:CreatePipeline'],
    'pass an existing role to a new Data Pipeline that runs commands',
    RHINO,
    'datapipeline.amazonaws.com',
  ),
  // cloudsplaining's additions: updating or executing existing resources.
  method(
    'ExecuteChangeSetOfExistingStack',
    ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    "change an existing stack, which acts with the stack's service role",
    CS,
  ),
  method(
    'SwapInstanceUserData',
    ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    "replace an instance's user data and restart it, running code with its role",
    CS,
  ),
  method(
    'NewLaunchTemplateVersion',
    ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    "make a launch template's new default version run code with its instance role",
    CS,
  ),
  method(
    'SendSSHPublicKey',
    ['ec2-instance-connect:SendSSHPublicKey', 'ec2:DescribeInstances'],
    'log in to an instance and use its role',
    CS,
  ),
  method(
    'ECSExecuteCommand',
    ['ecs:ExecuteCommand', 'ecs:DescribeTasks'],
    "open a shell in a running task and use the task's role",
    CS,
  ),
  method(
    'UpdateFunctionCodeThenInvoke',
    ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
    "replace an existing function's code and invoke it",
    CS,
  ),
  method(
    'UpdateFunctionCodeThenAddPermission',
    ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
    "replace an existing function's code and let itself invoke it",
    CS,
  ),
  method(
    'SageMakerPresignedNotebookUrl',
    ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    'open an existing notebook instance and use its role',
    CS,
  ),
  method(
    'SageMakerLifecycleConfigSwap',
    [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    'give a notebook instance a start-up script that runs with its role',
    CS,
  ),
  method(
    'AgentCoreCodeInterpreterSession',
    ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'run code in an existing code interpreter with its role',
    CS,
  ),
  // cloudsplaining's additions: passing a role to new compute.
  method(
    'PassRoleToAppRunner',
    ['iam:PassRole', 'apprunner:CreateService'],
    'pass an existing role to a new App Runner service',
    CS,
    'tasks.apprunner.amazonaws.com',
  ),
  method(
    'PassRoleToCodeBuild',
    ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    'pass an existing role to a new CodeBuild project and run a build',
    CS,
    'codebuild.amazonaws.com',
  ),
  method(
    'PassRoleToCodeBuildBatch',
    ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    'pass an existing role to a new CodeBuild project and run a batch build',
    CS,
    'codebuild.amazonaws.com',
  ),
  method(
    'PassRoleToSpotInstance',
    ['iam:PassRole', 'ec2:RequestSpotInstances'],
    'pass an existing role to a new spot instance',
    CS,
    'ec2.amazonaws.com',
  ),
  method(
    'PassRoleToECSService',
    ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'pass an existing role to a new ECS task definition and run it as a service',
    CS,
    'ecs-tasks.amazonaws.com',
  ),
  method(
    'PassRoleToECSRunTask',
    ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'pass an existing role to a new ECS task definition and run it',
    CS,
    'ecs-tasks.amazonaws.com',
  ),
  method(
    'PassRoleToECSStartTask',
    ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    'pass an existing role to a new ECS task definition and start it',
    CS,
    'ecs-tasks.amazonaws.com',
  ),
  method(
    'PassRoleToNewGlueJob',
    ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'],
    'pass an existing role to a new Glue job and run it',
    CS,
    'glue.amazonaws.com',
  ),
  method(
    'PassRoleToNewGlueJobTrigger',
    ['iam:PassRole', 'glue:CreateJob', 'glue:CreateTrigger'],
    'pass an existing role to a new Glue job and trigger it',
    CS,
    'glue.amazonaws.com',
  ),
  method(
    'PassRoleToExistingGlueJob',
    ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'],
    'give an existing Glue job another role and run it',
    CS,
    'glue.amazonaws.com',
  ),
  method(
    'PassRoleToExistingGlueJobTrigger',
    ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'],
    'give an existing Glue job another role and trigger it',
    CS,
    'glue.amazonaws.com',
  ),
  method(
    'PassRoleToNewLambdaThenAddPermission',
    ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'],
    'pass an existing role to a new Lambda function and let itself invoke it',
    CS,
    'lambda.amazonaws.com',
  ),
  method(
    'PassRoleToSageMakerNotebook',
    ['iam:PassRole', 'sagemaker:CreateNotebookInstance'],
    'pass an existing role to a new SageMaker notebook instance',
    CS,
    'sagemaker.amazonaws.com',
  ),
  method(
    'PassRoleToSageMakerTrainingJob',
    ['iam:PassRole', 'sagemaker:CreateTrainingJob'],
    'pass an existing role to a new SageMaker training job',
    CS,
    'sagemaker.amazonaws.com',
  ),
  method(
    'PassRoleToSageMakerProcessingJob',
    ['iam:PassRole', 'sagemaker:CreateProcessingJob'],
    'pass an existing role to a new SageMaker processing job',
    CS,
    'sagemaker.amazonaws.com',
  ),
  method(
    'PassRoleToNewStackSet',
    ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    'pass an existing role to a new stack set and deploy it',
    CS,
    'cloudformation.amazonaws.com',
  ),
  method(
    'PassRoleToExistingStackSet',
    ['iam:PassRole', 'cloudformation:UpdateStackSet'],
    'give an existing stack set another role and update it',
    CS,
    'cloudformation.amazonaws.com',
  ),
  // cloudsplaining's additions: several IAM steps.
  method(
    'RotateAccessKeyOfUser',
    ['iam:CreateAccessKey', 'iam:DeleteAccessKey'],
    'replace an access key of another user (even one with two keys already)',
    CS,
  ),
  method(
    'AttachUserPolicyThenCreateAccessKey',
    ['iam:AttachUserPolicy', 'iam:CreateAccessKey'],
    'attach a policy to a user and create keys for it',
    CS,
  ),
  method(
    'PutUserPolicyThenCreateAccessKey',
    ['iam:PutUserPolicy', 'iam:CreateAccessKey'],
    'write a policy on a user and create keys for it',
    CS,
  ),
  method(
    'CreatePolicyVersionThenAssumeRole',
    ['iam:CreatePolicyVersion', 'sts:AssumeRole'],
    "rewrite a role's policy and assume the role",
    CS,
  ),
  method(
    'AttachRolePolicyAndUpdateTrust',
    ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    "attach a policy to a role and rewrite the role's trust policy",
    CS,
  ),
  method(
    'CreatePolicyVersionAndUpdateTrust',
    ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'],
    "rewrite a role's policy and its trust policy",
    CS,
  ),
  method(
    'PutRolePolicyAndUpdateTrust',
    ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    "write a policy on a role and rewrite the role's trust policy",
    CS,
  ),
];

/**
 * The methods that reach full administrator access whatever else exists in the account: the holder
 * attaches AdministratorAccess (an AWS managed policy, always there) or writes `*` on `*` into a policy of
 * an identity it is (a user, its group, its own customer managed policy) or can then act as (a role it
 * may assume, or make assumable by rewriting its trust; a user it can create keys for). The others depend
 * on what exists: an administrator user to take keys from, a privileged role to pass or assume, a more
 * permissive old policy version, a function or instance with a strong role.
 */
const REACHING_ADMINISTRATOR: ReadonlySet<string> = new Set([
  'CreateNewPolicyVersion',
  'AttachUserPolicy',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'AttachUserPolicyThenCreateAccessKey',
  'PutUserPolicyThenCreateAccessKey',
  'CreatePolicyVersionThenAssumeRole',
  'AttachRolePolicyAndUpdateTrust',
  'CreatePolicyVersionAndUpdateTrust',
  'PutRolePolicyAndUpdateTrust',
]);

/** True when the method reaches full administrator access (REACHING_ADMINISTRATOR). */
export function reachesAdministrator(method: EscalationMethod): boolean {
  return REACHING_ADMINISTRATOR.has(method.name);
}

const resolvedByCatalog = new WeakMap<Catalog, Map<string, Action | undefined>>();

/** The methods' action names resolved once per catalog: asked for every principal of every file. */
function resolvedActions(catalog: Catalog): ReadonlyMap<string, Action | undefined> {
  let resolved = resolvedByCatalog.get(catalog);
  if (!resolved) {
    resolved = new Map(ESCALATION_METHODS.flatMap((m) => m.actions).map((name) => [name, catalog.action(name)]));
    resolvedByCatalog.set(catalog, resolved);
  }
  return resolved;
}

/** A method found in a grant, with the sites granting each of its actions (in the method's order). */
export interface EscalationFound<S> {
  readonly method: EscalationMethod;
  readonly sites: readonly (readonly S[])[];
}

/**
 * The methods whose every action `sitesOf` returns a site for, leaving out those that only add actions
 * to another method found (PutRolePolicy + UpdateAssumeRolePolicy when PutRolePolicy + AssumeRole is
 * there: the smaller set already says it). `sitesOf` answers for a catalog action; an action missing from
 * the catalog is never granted. `sitesOf` also gets the method, so that a grant limited by a condition
 * (iam:PassedToService) counts only for the methods it allows.
 */
export function findEscalations<S>(
  catalog: Catalog,
  sitesOf: (action: Action, method: EscalationMethod) => readonly S[] | undefined,
  methods = ESCALATION_METHODS,
): EscalationFound<S>[] {
  const found: EscalationFound<S>[] = [];
  const resolved = resolvedActions(catalog);
  for (const m of methods) {
    const sites: (readonly S[])[] = [];
    for (const name of m.actions) {
      const action = resolved.has(name) ? resolved.get(name) : catalog.action(name);
      const granted = action ? sitesOf(action, m) : undefined;
      if (!granted || granted.length === 0) break;
      sites.push(granted);
    }
    if (sites.length === m.actions.length) found.push({ method: m, sites });
  }
  const lower = (m: EscalationMethod) => new Set(m.actions.map((a) => a.toLowerCase()));
  return found.filter(({ method: m }) => {
    const mine = lower(m);
    return !found.some(
      ({ method: other }) =>
        other !== m && other.actions.length < m.actions.length && [...lower(other)].every((a) => mine.has(a)),
    );
  });
}
