/**
 * Which shape a file's tree is (a bare policy, CLI output, a CloudFormation/SAM template, or nothing
 * we know) and the policy documents in it.
 */
import type { PolicyDocument, PolicySource, Template } from '../policy/model';
import { readCliOutput } from './cli';
import { isTemplate, readTemplate } from './cloudformation';
import { readDocument, type ReadContext } from './document';
import { NO_LIST_PARAMETERS } from './intrinsics';
import { inferKind } from './kind';
import { readTemplateModel } from './template';
import { isTerraformPlan, readTerraformPlan } from './terraformPlan';
import { member, stringOf, type Node, type ObjectNode } from './tree';

export interface Detected {
  readonly shape: PolicySource['shape'];
  readonly documents: readonly PolicyDocument[];
  readonly template?: Template;
}

const NONE: Detected = { shape: 'none', documents: [] };

/** Detects by content, never by file name. Problems found while reading go to `base.problems`. */
export function detect(root: Node, base: Omit<ReadContext, 'listParameters'>): Detected {
  if (root.kind !== 'object') return NONE;
  if (isTemplate(root))
    return { shape: 'cloudformation', documents: readTemplate(root, base), template: readTemplateModel(root) };
  const context: ReadContext = { ...base, ...NO_LIST_PARAMETERS };
  if (isTerraformPlan(root)) {
    const plan = readTerraformPlan(root, context);
    return { shape: 'terraform-plan', documents: plan.documents, template: plan.template };
  }
  const cli = readCliOutput(root, context);
  if (cli) return { shape: 'cli-output', documents: cli };
  if (!looksLikePolicy(root)) return NONE;
  const document = readDocument(root, { kind: 'identity', path: '' }, context);
  if (!document) return NONE;
  return { shape: 'policy', documents: [{ ...document, ...inferKind(document.statements) }] };
}

/**
 * A `Statement` that holds statements (or nothing yet, while typing), or any `Statement` beside a policy
 * `Version`: `{"Statement": "quarterly"}` alone is somebody else's JSON.
 */
function looksLikePolicy(root: ObjectNode): boolean {
  const statement = member(root, 'Statement');
  if (!statement) return false;
  if (statement.kind !== 'scalar' || statement.value === null) return true;
  const version = stringOf(member(root, 'Version'));
  return version === '2012-10-17' || version === '2008-10-17';
}
