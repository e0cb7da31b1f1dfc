import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/**
 * The shared data beside the project (../shared/data). The AWS managed policies and their Access
 * Analyzer findings are GPL-3.0: read in place, never copied into the project. Undefined when absent,
 * so corpus tests and benchmarks skip instead of failing.
 */
export const sharedData: string | undefined = (() => {
  const dir = path.join(repoRoot, '..', 'shared', 'data');
  return existsSync(path.join(dir, 'managed-policies')) ? dir : undefined;
})();

export interface AnalyzerFinding {
  issueCode: string;
  findingType: string;
  findingDetails: string;
}

/** Policy file names (NAME.json) of the managed-policy corpus. */
export function managedPolicyFiles(): string[] {
  return sharedData
    ? readdirSync(path.join(sharedData, 'managed-policies'))
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
}

/** Access Analyzer's ValidatePolicy findings, by policy file name, for the policies that have them. */
export function analyzerFindings(): Map<string, AnalyzerFinding[]> {
  const out = new Map<string, AnalyzerFinding[]>();
  if (!sharedData) return out;
  const dir = path.join(sharedData, 'managed-policies-findings');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    out.set(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AnalyzerFinding[]);
  }
  return out;
}
