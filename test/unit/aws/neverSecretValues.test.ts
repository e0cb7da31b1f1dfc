/**
 * CloudWarden never reads a secret's value: no file under src/ names the Secrets Manager calls that
 * would (GetSecretValue, BatchGetSecretValue: the SDK's commands, a gateway operation, the CLI's or
 * boto's spelling), so neither the extension, the server nor the CLI can ask for one. The one spelling
 * allowed is the IAM action inside policy analysis (`secretsmanager:GetSecretValue`: the linter's rules
 * must name what a policy grants), which calls nothing, and so is the CloudTrail event's source and name
 * (`secretsmanager.amazonaws.com:GetSecretValue`: the detections of src/core/investigate read records
 * of such calls, made by others). The emulator's refusal, under test/, names the
 * calls, and the pattern is checked against it so this scan cannot pass by matching nothing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths';

const VALUE_CALLS = /(Batch)?Get[-_ ]?Secret[-_ ]?Value|batch-get-secret-value|get-secret-value/i;
/** An IAM action in a policy rule or table: data about policies, not a call. */
const IAM_ACTION = /secretsmanager:(Batch)?GetSecretValue\b/g;

/** A CloudTrail event's `eventSource:eventName`: data about records of calls, not a call. */
const EVENT_PAIR = /secretsmanager\.amazonaws\.com:(Batch)?GetSecretValue\b/g;

/** Whether `text` names a value call other than as an IAM action or a CloudTrail event. */
function namesValueCall(text: string): boolean {
  return VALUE_CALLS.test(text.replace(IAM_ACTION, '').replace(EVENT_PAIR, ''));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test('no file under src/ names GetSecretValue or BatchGetSecretValue, except as an IAM action in policy analysis', () => {
  const files = filesUnder(path.join(repoRoot, 'src'));
  assert.ok(files.length > 100, 'the scan sees the sources');
  const naming = files.filter((file) => namesValueCall(readFileSync(file, 'utf8')));
  assert.deepEqual(
    naming.map((file) => path.relative(repoRoot, file)),
    [],
  );
});

test("the pattern finds the emulator's refusal, and every spelling of the calls", () => {
  const refusal = readFileSync(
    path.join(repoRoot, 'test', 'emulator', 'services', 'secretsManager', 'calls.ts'),
    'utf8',
  );
  assert.ok(namesValueCall(refusal));
  const spellings: [string, boolean][] = [
    ['new GetSecretValueCommand({ SecretId })', true],
    ['BatchGetSecretValueCommand', true],
    ["operation: 'GetSecretValue'", true],
    ["{ action: 'secretsmanager:GetSecretValue', why: 'reads any secret' }", false],
    ["eventNames: ['secretsmanager.amazonaws.com:BatchGetSecretValue']", false],
    ["eventNames: ['GetSecretValue']", true],
    ['aws secretsmanager get-secret-value --secret-id x', true],
    ['aws secretsmanager batch-get-secret-value', true],
    ['client.get_secret_value(SecretId=x)', true],
    ['secretsmanager:DescribeSecret', false],
    ['ListSecrets', false],
  ];
  for (const [text, named] of spellings) assert.equal(namesValueCall(text), named, text);
});
