/** The hover and CodeLens of answers from log files (a history), Athena and CloudTrail Lake (a cost). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityHoverMarkdown, activityLensTitle } from '../../../src/core';
import { answer, DAY, event, glance, HOUR, NOW } from './helpers';

const YEARS = 3 * 365 * DAY;

test('log files: how many events they hold and over which days, not the last 90 days', () => {
  const events = [
    event(YEARS, { eventName: 'DeleteBucket', principalName: 'bert-jan' }),
    event(YEARS + 2 * DAY, { eventName: 'CreateBucket' }),
  ];
  const md = activityHoverMarkdown(glance({ answer: answer(events, { source: 'logFiles', total: 57 }) }), NOW);
  const [newest, oldest] = events.map((e) => e.eventTime.slice(0, 10));
  assert.match(
    md,
    new RegExp(`Events: \\*\\*57\\*\\* in the log files, from ${oldest} to ${newest} \\(the newest 2 read\\)`),
  );
  assert.doesNotMatch(md, /Recent:|last 90 days/);
  assert.match(md, new RegExp(`on ${newest} · \\*\\*DeleteBucket\\*\\* \\(read\\) by \`bert-jan\``));
  assert.doesNotMatch(md, /Fetched/);
});

test('log files: recent events add the windows; an indexing run and unreadable files are said', () => {
  const events = [event(2 * HOUR), event(3 * DAY)];
  const md = activityHoverMarkdown(
    glance({
      answer: answer(events, {
        source: 'logFiles',
        total: 2,
        unreadable: [{ reason: 'the gzip stream is truncated' }],
      }),
      loading: true,
    }),
    NOW,
  );
  assert.match(md, /Recent: \*\*1\*\* in 24 h · \*\*2\*\* in 7 days · \*\*2\*\* in 90 days/);
  assert.match(md, /1 log file could not be read in full/);
  assert.match(md, /Indexing the log files/);
  assert.match(
    activityHoverMarkdown(glance({ answer: answer([], { source: 'logFiles', total: 0 }) }), NOW),
    /No events in the log files\./,
  );
});

test('Athena and Lake answers say what they scanned', () => {
  const athena = activityHoverMarkdown(
    glance({ answer: answer([event(HOUR)], { source: 'athena', bytesScanned: 1_500_000 }) }),
    NOW,
  );
  assert.match(athena, /_Athena scanned 1\.4 MB_/);
  const lake = activityHoverMarkdown(
    glance({
      answer: answer([event(HOUR)], { source: 'lake', bytesScanned: 20 * 1024 ** 3, fetchedAt: NOW - 10 * 60_000 }),
    }),
    NOW,
  );
  assert.match(lake, /_Fetched 10 min ago · CloudTrail Lake scanned 20 GB_/);
});

test('the CodeLens of log files counts them all', () => {
  const events = [event(YEARS, { eventName: 'PutBucketPolicy', principalName: 'deployer' })];
  assert.equal(
    activityLensTitle(glance({ answer: answer(events, { source: 'logFiles', total: 12 }) }), NOW),
    `12 events in the log files · last: PutBucketPolicy by deployer, on ${events[0]!.eventTime.slice(0, 10)}`,
  );
  assert.equal(
    activityLensTitle(glance({ answer: answer([], { source: 'logFiles', total: 0 }) }), NOW),
    'CloudTrail: no events in the log files',
  );
});
