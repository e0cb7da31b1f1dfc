import type { Tree } from 'web-tree-sitter';
import type { CodeReading } from '../reading';

/** The IAM policies of a Terraform configuration (one `.tf` file). */
export function readTerraform(text: string, tree: Tree): CodeReading {
  void text;
  void tree;
  return { documents: [], problems: [], managedPolicies: [] };
}
