import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildInvestigation,
  DETECTIONS,
  detectionFactsOf,
  eventFilter,
  investigationMarkdown,
  normaliseRecord,
  runDetections,
  subjectQuery,
  subjectTitle,
  type ActivityEvent,
  type DetectionFacts,
  type FindingRow,
  type Subject,
} from '../../../src/core';
import { respondedDetections } from '../../../src/core/incident/response';
import { invictusFiles } from '../activity/invictus';

const facts = new Map<string, DetectionFacts | undefined>();
const ALL: ActivityEvent[] = invictusFiles
  .flatMap(({ file, records }) =>
    records.map((record) => {
      const event = { ...eventOfRecord(record), file };
      facts.set(event.eventId, detectionFactsOf(record));
      return event;
    }),
  )
  .sort((a, b) => a.time - b.time);

function eventOfRecord(record: Record<string, unknown>): ActivityEvent {
  const read = normaliseRecord(record);
  assert.ok(read.ok);
  return read.event;
}

const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
const WINDOW = { since: ALL[0]!.time, until: ALL[ALL.length - 1]!.time };
const NOW = WINDOW.until + 60_000;
const factsOf = (event: ActivityEvent) => facts.get(event.eventId);

function investigate(subject: Subject, extra: Partial<Parameters<typeof buildInvestigation>[0]> = {}) {
  const events = ALL.filter(eventFilter(subjectQuery(subject, WINDOW)));
  return {
    events,
    report: buildInvestigation({ subject, window: WINDOW, now: NOW, events, factsOf, source: 'log files', ...extra }),
  };
}

describe('an investigation of a principal (Invictus: bert-jan, the operator)', () => {
  const { events, report } = investigate({ kind: 'principal', value: BERT });

  test('reads the principal’s events and runs every detection over them', () => {
    assert.ok(events.length > 100);
    assert.equal(report.analysis.profile.events, events.length);
    const expected = runDetections(events, factsOf);
    assert.equal(report.detection.hits.length, expected.length);
    assert.deepEqual(new Set(report.detection.hits.map((h) => h.eventId)), new Set(expected.map((h) => h.eventId)));
    const counted = report.detection.counts.reduce((sum, c) => sum + c.count, 0);
    assert.equal(counted, expected.length);
  });

  test('is classified by its most severe detection, with the reason', () => {
    assert.equal(report.classification.severity, 'HIGH');
    assert.match(report.classification.reason, /\S+: .+/);
    assert.equal(report.detection.counts[0]!.severity, 'HIGH');
  });

  test('suggests restoring CloudTrail and containing the user, commands written out', () => {
    const titles = report.response.map((s) => s.title);
    assert.ok(titles.includes('Restore CloudTrail logging'), titles.join('; '));
    const start = report.response.find((s) => s.reason === 'cloudtrail-logging-weakened')!;
    assert.match(start.command!, /^aws cloudtrail start-logging --name stratus-red-team-\S+$/);
    const contain = report.response.filter((s) => s.reason === 'subject').map((s) => s.command);
    assert.deepEqual(contain, [
      'aws iam list-access-keys --user-name bert-jan',
      'aws iam delete-login-profile --user-name bert-jan',
    ]);
  });

  test('lists policy and permission changes, the timeline newest first, and pivots away from itself', () => {
    assert.ok(report.analysis.permissionChanges.length > 0);
    assert.ok(report.analysis.permissionChanges.every((e) => !/^(Get|List|Describe)/.test(e.eventName)));
    const times = report.analysis.timeline.map((e) => e.eventTime);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal(report.analysis.timelineTotal, events.length);
    assert.ok(report.pivots.some((p) => p.kind === 'resource'));
    assert.ok(!report.pivots.some((p) => p.kind === 'principal' && p.value === BERT));
    assert.ok(report.pivots.every((p) => p.kind !== 'principal' || p.value.startsWith('arn:')));
  });

  test('its Markdown holds every section of the workflow, in order', () => {
    const markdown = investigationMarkdown(report);
    const sections = [
      '## Summary',
      '## Detection',
      '## Analysis',
      '## Classification',
      '## Suggested response',
      '## Pivots',
    ];
    const positions = sections.map((s) => markdown.indexOf(s));
    assert.ok(
      positions.every((p) => p >= 0),
      positions.join(),
    );
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    assert.match(markdown, /\*\*Severity: HIGH\*\*/);
  });
});

describe('security events in a window (Invictus)', () => {
  const { report } = investigate({ kind: 'window' });

  test('has every hit of the dataset and lists only the events they fired on', () => {
    const expected = runDetections(ALL, factsOf);
    assert.equal(report.detection.hits.length, expected.length);
    assert.equal(report.detection.hits.length, 45);
    const fired = new Set(expected.map((h) => h.eventId));
    assert.ok(report.analysis.timeline.every((e) => fired.has(e.eventId) && e.detections.length > 0));
    assert.equal(report.analysis.timelineTotal, fired.size);
  });

  test('groups hits by severity, most severe first', () => {
    const ranks = report.detection.counts.map((c) => ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].indexOf(c.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
  });

  test('takes hits already found instead of running the detections again', () => {
    const hits = runDetections(ALL, factsOf).slice(0, 3);
    const given = buildInvestigation({
      subject: { kind: 'window' },
      window: WINDOW,
      now: NOW,
      events: ALL,
      hits,
      source: 'x',
    });
    assert.equal(given.detection.hits.length, 3);
  });
});

describe('an investigation of one event', () => {
  const focus = ALL.find((e) => e.eventName === 'DeleteTrail' && e.errorCode === undefined)!;
  const around = ALL.filter(
    (e) => Math.abs(e.time - focus.time) <= 15 * 60_000 && e.principal.arn === focus.principal.arn,
  );
  const report = buildInvestigation({
    subject: { kind: 'event', value: focus.eventId },
    window: WINDOW,
    now: NOW,
    events: around,
    factsOf,
    source: 'log files',
  });

  test('shows the event itself and the events around it', () => {
    assert.equal(report.analysis.focus?.eventId, focus.eventId);
    assert.deepEqual(report.analysis.focus?.detections, ['cloudtrail-logging-weakened']);
    assert.equal(report.analysis.profile.events, around.length);
    assert.equal(report.title, `Event ${focus.eventId}`);
  });
});

describe('what is unusual', () => {
  const base = ALL.find((e) => e.principal.type === 'IAMUser')!;
  const at = (i: number, fields: Partial<ActivityEvent> = {}): ActivityEvent => ({
    ...base,
    eventId: `e-${i}`,
    time: Date.UTC(2024, 0, 1) + i * 60 * 60_000,
    eventTime: new Date(Date.UTC(2024, 0, 1) + i * 60 * 60_000).toISOString(),
    sourceIp: '198.51.100.1',
    region: 'us-east-1',
    userAgent: 'aws-cli/2',
    ...fields,
  });

  test('a new address and Region in the last quarter, after enough baseline', () => {
    const events = [
      ...Array.from({ length: 40 }, (_, i) => at(i)),
      at(50, { sourceIp: '203.0.113.9', region: 'ap-south-1' }),
    ];
    const report = buildInvestigation({
      subject: { kind: 'principal', value: base.principal.arn! },
      window: { since: 0 },
      now: NOW,
      events,
      source: 's',
    });
    const unusual = report.analysis.unusual.map((u) => `${u.kind}=${u.value}`);
    assert.deepEqual(unusual, ['region=ap-south-1', 'sourceIp=203.0.113.9']);
    assert.equal(report.classification.severity, 'LOW');
  });

  test('nothing is new without a baseline', () => {
    const events = [at(0), at(10, { sourceIp: '203.0.113.9' })];
    const report = buildInvestigation({
      subject: { kind: 'window' },
      window: { since: 0 },
      now: NOW,
      events,
      source: 's',
    });
    assert.deepEqual(report.analysis.unusual, []);
    assert.equal(report.classification.severity, 'INFO');
  });

  test('a burst: far more calls in ten minutes than usual', () => {
    const quiet = Array.from({ length: 30 }, (_, i) => at(i));
    const burst = Array.from({ length: 120 }, (_, i) => at(100, { eventId: `b-${i}`, time: at(100).time + i * 1000 }));
    const report = buildInvestigation({
      subject: { kind: 'window' },
      window: { since: 0 },
      now: NOW,
      events: [...quiet, ...burst],
      source: 's',
    });
    const bursts = report.analysis.unusual.filter((u) => u.kind === 'burst');
    assert.equal(bursts.length, 1);
    assert.match(bursts[0]!.detail, /^120 calls/);
  });
});

describe('related GuardDuty and Security Hub findings', () => {
  const finding = (id: string, fields: Partial<FindingRow> = {}): FindingRow => ({
    id,
    source: 'GuardDuty',
    product: 'GuardDuty',
    severityLabel: 'HIGH',
    severity: 8,
    type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    title: 'Credentials used outside AWS',
    description: '',
    resources: [{ type: 'AccessKey', id: 'unrelated' }],
    account: '123837392027',
    region: 'us-east-1',
    updatedAt: WINDOW.until,
    lastSeen: WINDOW.until,
    count: 1,
    archived: false,
    activity: [],
    ...fields,
  });

  test('a finding naming the principal, its key or its address is related; archived ones are not', () => {
    const { events } = investigate({ kind: 'principal', value: BERT });
    const key = events.find((e) => e.accessKeyId !== undefined)!.accessKeyId!;
    const ip = events.find((e) => e.sourceIp !== undefined)!.sourceIp!;
    const findings = [
      finding('by-name', { principal: 'bert-jan' }),
      finding('by-key', { resources: [{ type: 'AccessKey', id: key }] }),
      finding('by-ip', { activity: [{ kind: 'apiCall', api: 'ListBuckets', remoteIp: ip }] }),
      finding('archived', { principal: 'bert-jan', archived: true }),
      finding('other', { principal: 'someone-else' }),
    ];
    const { report } = investigate({ kind: 'principal', value: BERT }, { findings });
    assert.deepEqual(report.analysis.findings.map((f) => f.id).sort(), ['by-ip', 'by-key', 'by-name']);
    assert.equal(report.analysis.findings.find((f) => f.id === 'by-key')!.shares, key);
  });

  test('a finding alone classifies a quiet subject', () => {
    const { report } = investigate(
      { kind: 'ip', value: '203.0.113.250' },
      {
        findings: [
          finding('f', {
            severityLabel: 'MEDIUM',
            activity: [{ kind: 'apiCall', api: 'X', remoteIp: '203.0.113.250' }],
          }),
        ],
      },
    );
    assert.equal(report.analysis.profile.events, 0);
    assert.equal(report.classification.severity, 'MEDIUM');
    assert.match(report.classification.reason, /^GuardDuty finding UnauthorizedAccess/);
  });
});

describe('response steps', () => {
  test('every detection has one', () => {
    const responded = new Set(respondedDetections());
    assert.deepEqual(
      DETECTIONS.map((d) => d.id).filter((id) => !responded.has(id)),
      [],
    );
  });

  test('names from events are quoted, so a pasted command runs nothing else', async () => {
    const { shellWord } = await import('../../../src/core/incident/response');
    const cases: [string, string][] = [
      ['plain-name_1.2', 'plain-name_1.2'],
      ['arn:aws:s3:::b/k', 'arn:aws:s3:::b/k'],
      ['x; rm -rf ~', `'x; rm -rf ~'`],
      ["it's", `'it'\\''s'`],
      ['$(id)', `'$(id)'`],
      ['a\nb', `$'a\\x0ab'`],
    ];
    for (const [value, word] of cases) assert.equal(shellWord(value), word, value);
  });
});

describe('Markdown', () => {
  test('event fields cannot break out of their cells, make links or end a code block', () => {
    const base = ALL.find((e) => e.eventName === 'DeleteTrail' && e.errorCode === undefined)!;
    const evil: ActivityEvent = {
      ...base,
      principal: { ...base.principal, name: 'x | y](javascript:alert(1)) <img src=x>' },
      resources: [
        { name: 'trail`\n```\n# injected', from: 'requestParameters' },
        { name: 'a|b', from: 'requestParameters' },
      ],
      sourceIp: 'https://evil.example/x',
    };
    const report = buildInvestigation({
      subject: { kind: 'window' },
      window: WINDOW,
      now: NOW,
      events: [evil],
      factsOf,
      source: 'log files',
    });
    const markdown = investigationMarkdown(report);
    assert.ok(!/(?<!\\)\]\(/.test(markdown), 'a link');
    assert.ok(!/(?<!\\)<img/.test(markdown), 'raw HTML');
    assert.ok(!/^# injected/m.test(markdown), 'a heading smuggled in');
    assert.ok(!/https:\/\/evil/.test(markdown.replace(/`[^`]*`/g, '')), 'a bare URL outside code');
    assert.ok(!/^```\s*$/m.test(markdown.replace(/^ {3}`{3,}(sh)?$/gm, '')), 'a bare fence');
    // Every row of every table has its header's number of cells (escaped pipes do not split).
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    let header = 0;
    let checked = 0;
    for (const line of markdown.split('\n')) {
      if (!line.startsWith('| ')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else {
        assert.equal(cells(line), header, line);
        checked++;
      }
    }
    assert.ok(checked >= 3, 'the detection counts, the hit and the timeline');
  });
});

describe('subject titles', () => {
  test('titles name the subject', () => {
    assert.equal(subjectTitle({ kind: 'ip', value: '203.0.113.9' }), 'Source address 203.0.113.9');
    assert.equal(subjectTitle({ kind: 'window' }), 'Security events');
  });
});

describe('response steps of a detection with many targets', () => {
  test('the first three are written out, the rest said in one line after them', async () => {
    const { detectionSteps } = await import('../../../src/core/incident/response');
    const changes = ALL.filter(
      (e) => /^(Put|Attach|Detach|Delete)RolePolicy$/.test(e.eventName) && e.errorCode === undefined,
    );
    const targets = new Set(changes.map((e) => e.resources.find((r) => r.name !== undefined)?.name));
    assert.ok(targets.size > 4);
    const steps = detectionSteps(changes.map((event) => ({ detection: 'iam-policy-modified', event })));
    assert.equal(steps.length, 4);
    assert.ok(steps.slice(0, 3).every((s) => s.title.startsWith('Review the ')));
    assert.match(steps[3]!.title, /^\d+ more like the steps above$/);
    assert.equal(steps[3]!.command, undefined);
  });
});
