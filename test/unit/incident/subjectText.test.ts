import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InvestigationSubject } from '../../../src/shared/protocol';
import { subjectOfText, subjectProblem } from '../../../src/shared/investigationSubject';

describe('subjects typed in', () => {
  test('the kind is read from the shape', () => {
    const cases: [string, InvestigationSubject | undefined][] = [
      ['  ', undefined],
      ['AKIAIOSFODNN7EXAMPLE', { kind: 'accessKey', value: 'AKIAIOSFODNN7EXAMPLE' }],
      ['ASIAXAMPLEXAMPLEXAMP', { kind: 'accessKey', value: 'ASIAXAMPLEXAMPLEXAMP' }],
      ['3C5D2A7E-0000-4000-8000-000000000001', { kind: 'event', value: '3c5d2a7e-0000-4000-8000-000000000001' }],
      ['203.0.113.9', { kind: 'ip', value: '203.0.113.9' }],
      ['2001:db8::1', { kind: 'ip', value: '2001:db8::1' }],
      ['arn:aws:iam::111122223333:user/alice', { kind: 'principal', value: 'arn:aws:iam::111122223333:user/alice' }],
      [
        'arn:aws:sts::111122223333:assumed-role/Deploy/s',
        { kind: 'principal', value: 'arn:aws:sts::111122223333:assumed-role/Deploy/s' },
      ],
      ['arn:aws:s3:::reports', { kind: 'resource', value: 'arn:aws:s3:::reports' }],
      ['reports-bucket', { kind: 'resource', value: 'reports-bucket' }],
    ];
    for (const [text, subject] of cases) assert.deepEqual(subjectOfText(text), subject, text);
    assert.deepEqual(subjectOfText(' alice ', 'principal'), { kind: 'principal', value: 'alice' });
  });

  test('a value that cannot be of the kind asked says why', () => {
    assert.match(subjectProblem('AKIA', 'accessKey')!, /starts with AKIA/);
    assert.match(subjectProblem('10.0.0', 'ip')!, /IPv4 or IPv6/);
    assert.match(subjectProblem('not-a-uuid', 'event')!, /UUID/);
    assert.equal(subjectProblem('alice', 'principal'), undefined);
    assert.equal(subjectProblem('', 'resource'), 'Type a value.');
  });
});
