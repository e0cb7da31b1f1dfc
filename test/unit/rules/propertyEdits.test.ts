import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TemplateResource } from '../../../src/core/policy/model';
import { setResourceProperty } from '../../../src/core/rules/hygiene/propertyEdits';
import type { TextEdit } from '../../../src/core/rules/types';
import { readPolicySource } from '../../../src/core/sources';
import { applyEdits } from '../helpers/edits';

function resource(text: string, format: 'json' | 'yaml', id = 'Key'): TemplateResource {
  const found = readPolicySource(text, format).template?.resources.find((r) => r.id.text === id);
  assert.ok(found, `resource ${id}`);
  return found;
}

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit]);
}

const set = (text: string, format: 'json' | 'yaml', key = 'EnableKeyRotation', value = 'true'): string =>
  apply(text, setResourceProperty(text, resource(text, format), key, value));

describe('setResourceProperty', () => {
  test("JSON: replaces a value (quoted or not), inserts a property with the next line's indentation", () => {
    assert.equal(
      set('{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}}}}', 'json'),
      '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}}}',
    );
    assert.equal(
      set('{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": "false"}}}}', 'json'),
      '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}}}',
    );
    const block =
      '{\n  "Resources": {\n    "Key": {\n      "Type": "AWS::KMS::Key",\n      "Properties": {\n        "Description": "d"\n      }\n    }\n  }\n}';
    assert.equal(
      set(block, 'json'),
      '{\n  "Resources": {\n    "Key": {\n      "Type": "AWS::KMS::Key",\n      "Properties": {\n        "EnableKeyRotation": true,\n        "Description": "d"\n      }\n    }\n  }\n}',
    );
  });

  test('JSON: adds Properties to a resource without them', () => {
    const text = '{\n  "Resources": {\n    "Key": {\n      "Type": "AWS::KMS::Key"\n    }\n  }\n}';
    assert.equal(
      set(text, 'json'),
      '{\n  "Resources": {\n    "Key": {\n      "Properties": {"EnableKeyRotation": true},\n      "Type": "AWS::KMS::Key"\n    }\n  }\n}',
    );
  });

  test('YAML: block and flow mappings keep their style; a missing Properties becomes a nested block', () => {
    const block = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: d\n';
    assert.equal(
      set(block, 'yaml'),
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      Description: d\n',
    );
    const flow = 'Resources:\n  Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: no}}\n';
    assert.equal(
      set(flow, 'yaml'),
      'Resources:\n  Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}\n',
    );
    const bare = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n';
    assert.equal(
      set(bare, 'yaml'),
      'Resources:\n  Key:\n    Properties:\n      EnableKeyRotation: true\n    Type: AWS::KMS::Key\n',
    );
    const empty = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation:\n';
    assert.equal(
      set(empty, 'yaml'),
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n',
    );
  });

  test('an object value in YAML, and Properties given by an intrinsic (no edit)', () => {
    const text =
      'Resources:\n  Key:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Principal: s3.amazonaws.com\n';
    assert.equal(
      set(text, 'yaml', 'SourceAccount', '{"Ref": "AWS::AccountId"}'),
      'Resources:\n  Key:\n    Type: AWS::Lambda::Permission\n    Properties:\n      SourceAccount: {"Ref": "AWS::AccountId"}\n      Principal: s3.amazonaws.com\n',
    );
    const intrinsic =
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: !If [C, {EnableKeyRotation: false}, {}]\n';
    assert.equal(setResourceProperty(intrinsic, resource(intrinsic, 'yaml'), 'EnableKeyRotation', 'true'), undefined);
  });
});
