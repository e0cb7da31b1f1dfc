/**
 * Security Hub's findings as finding rows, through the gateway and the real SDK against the emulator:
 * the hub, the caller's filters, every page up to `max`, a Region not subscribed said as such, and the
 * gateway's problems.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { securityHubFindings, type SecurityHubFindings, type SecurityHubOptions } from '../../../src/aws';
import { findingFlags } from '../../../src/core';
import { emulatorGateway } from './emulatorGateway';

describe('Security Hub findings against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test("reads the Region's findings as rows, every page", async () => {
    const result = await securityHubFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(result.ok);
    assert.equal(result.value.hubArn, 'arn:aws:securityhub:us-east-1:111122223333:hub/default');
    assert.equal(result.value.findings.length, 9);
    assert.equal(aws.emulator.requests.count('securityhub', 'GetFindings'), 3, 'pages of three');
    assert.deepEqual([...new Set(result.value.findings.map((f) => f.product))].sort(), [
      'Config',
      'GuardDuty',
      'IAM Access Analyzer',
      'Inspector',
      'Macie',
      'Security Hub',
    ]);
  });

  test('maps the ASFF members a row shows', async () => {
    const result = await securityHubFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(result.ok);
    const control = result.value.findings.find((f) => f.control === 'CloudTrail.1');
    assert.deepEqual(
      control && [
        control.source,
        control.severityLabel,
        control.severity,
        control.compliance,
        control.workflow,
        control.archived,
        findingFlags(control),
      ],
      ['Security Hub', 'HIGH', 7, 'FAILED', 'NEW', false, ['unarchivedHighSeverity']],
    );
    const access = result.value.findings.find((f) => f.product === 'IAM Access Analyzer');
    assert.equal(access?.principal, 'arn:aws:iam::123837392027:role/orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD');
    const archived = result.value.findings.find((f) => f.archived);
    assert.deepEqual(archived && [archived.product, archived.workflow, archived.compliance], [
      'Config',
      'RESOLVED',
      'PASSED',
    ]);
    const xss = result.value.findings.find((f) => f.workflow === 'SUPPRESSED');
    assert.equal(xss?.title, '<img src=x onerror=alert(1)> in a package name');
    assert.equal(xss?.resources[0]?.id, 'arn:aws:lambda:us-east-1:123837392027:function:"><script>alert(1)</script>');
  });

  test('passes the filters on', async () => {
    const result = await securityHubFindings(aws.gateway, {
      region: 'us-east-1',
      filters: {
        SeverityLabel: [
          { Value: 'HIGH', Comparison: 'EQUALS' },
          { Value: 'CRITICAL', Comparison: 'EQUALS' },
        ],
        WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }],
      },
    });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.findings.map((f) => f.product),
      ['GuardDuty', 'Inspector', 'Security Hub'],
    );
  });

  test('stops at max and says there were more', async () => {
    const options: SecurityHubOptions = { region: 'us-east-1', max: 4 };
    const result = await securityHubFindings(aws.gateway, options);
    assert.ok(result.ok);
    const answer: SecurityHubFindings = result.value;
    assert.equal(answer.region, 'us-east-1');
    assert.equal(result.value.findings.length, 4);
    assert.equal(result.value.truncated, true);
    assert.equal(aws.emulator.requests.count('securityhub', 'GetFindings'), 2);
  });

  test('says a Region without Security Hub is not subscribed', async () => {
    const result = await securityHubFindings(aws.gateway, { region: 'us-west-2' });
    assert.ok(result.ok);
    assert.equal(
      result.value.notSubscribed,
      'Security Hub is not enabled in us-west-2: the account is not subscribed there.',
    );
    assert.deepEqual(result.value.findings, []);
    assert.equal(aws.emulator.requests.count('securityhub', 'GetFindings'), 0);
  });

  test('answers access denied with the action named', async () => {
    aws.emulator.faults.add({ service: 'securityhub', operation: 'GetFindings', kind: 'accessDenied' });
    const result = await securityHubFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(!result.ok);
    assert.equal(result.problem.kind, 'accessDenied');
    assert.equal(result.problem.action, 'securityhub:GetFindings');
  });
});
