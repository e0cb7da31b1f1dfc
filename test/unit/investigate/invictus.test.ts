import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  detectionFactsOf,
  normaliseRecord,
  runDetections,
  type ActivityEvent,
  type DetectionFacts,
} from '../../../src/core';
import { invictusFiles } from '../activity/invictus';

/** The dataset's events in time order, each with the facts of its record. */
function invictusEvents(): { events: ActivityEvent[]; facts: Map<ActivityEvent, DetectionFacts | undefined> } {
  const facts = new Map<ActivityEvent, DetectionFacts | undefined>();
  for (const { file, records } of invictusFiles) {
    for (const record of records) {
      const read = normaliseRecord(record);
      assert.ok(read.ok);
      facts.set({ ...read.event, file }, detectionFactsOf(record));
    }
  }
  const events = [...facts.keys()].sort((a, b) => a.time - b.time);
  return { events, facts };
}

/**
 * The Invictus dataset is Stratus Red Team's techniques run against one account: the hits each one
 * implies, counted. Not expected: root, KMS, public resources, security services, bulk secret retrieval,
 * failed sign-ins (the dataset has none of those calls, or only failed ones: all three StopLogging calls
 * failed with TrailNotFoundException). The bucket policy Stratus backdoors grants another account, not
 * everyone. No reconnaissance burst: Terraform's reads and the console's page loads are left out, and the
 * techniques' own reads (ec2-enumerate-from-instance) stay under 25 different APIs in ten minutes.
 */
const EXPECTED: Readonly<Record<string, number>> = {
  // cloudtrail-delete and the event-selector and lifecycle techniques' clean-up: 2 DeleteTrail, 1 PutEventSelectors excluding management events.
  'cloudtrail-logging-weakened': 3,
  // The VPC flow logs removal technique.
  'security-service-disabled': 1,
  // Every technique's set-up and clean-up attaches, puts, detaches and deletes role policies (28 calls in
  // all), among them AdministratorAccess attached to the backdoor role and user and the role's trust policy.
  'iam-policy-modified': 28,
  // Backdoor access key and the admin user's key.
  'access-key-for-other-user': 2,
  // Two login profiles created for other users.
  'login-profile-for-other-user': 2,
  // The new user signing in with its password alone.
  'console-login-without-mfa': 1,
  // Port 443 and 22 opened to 0.0.0.0/0.
  'network-open-to-world': 2,
  // ec2-get-password-data: 29 denied calls in a minute, one burst.
  'ec2-password-data-burst': 1,
  // ec2-steal-instance-credentials: the instance's session used from the attacker's address.
  'instance-credentials-elsewhere': 1,
  // secretsmanager-retrieve-secrets: 20 secrets.
  'secrets-many-read': 1,
  // Denied bursts: password data, user data download, and the operator's denied AssumeRole calls.
  'access-denied-burst': 3,
};

describe('detections over the Invictus attack simulation', () => {
  const { events, facts } = invictusEvents();
  const hits = runDetections(events, (event) => facts.get(event));

  test('fire as its techniques imply, with plausible counts', () => {
    const counts: Record<string, number> = {};
    for (const hit of hits) counts[hit.detection] = (counts[hit.detection] ?? 0) + 1;
    assert.deepEqual(counts, EXPECTED);
  });

  test('name the event, its file and a sentence', () => {
    const stolen = hits.find((hit) => hit.detection === 'instance-credentials-elsewhere');
    assert.equal(stolen?.principal.endsWith('/i-0dbc91f429e48eeed'), true);
    assert.match(stolen!.sentence, /from 192\.168\.10\.20, first seen at 3\.225\.16\.109/);
    for (const hit of hits) {
      assert.ok(hit.file?.endsWith('.json.gz'), hit.eventId);
      assert.ok(hit.sentence.length > 10);
    }
  });
});
