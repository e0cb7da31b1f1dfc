/** The activity hover's Markdown: counts, the last events, links, loading, problems, and AWS strings escaped. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activityHoverMarkdown } from '../../../src/core';
import { answer, bucket, DAY, event, glance, HOUR, MINUTE, NOW } from './helpers';

/** The Markdown with its code spans taken out: what a renderer would interpret. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[^`]*?\1/g, '');
}

/** The argument of each command link, decoded. */
function linkArguments(markdown: string): [string, unknown][] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => [
    m[1]!,
    JSON.parse(decodeURIComponent(m[2]!)),
  ]);
}

describe('activity hover: Markdown from a glance and a fixed now', () => {
  test('no answer yet: one line that says so, nothing else', () => {
    assert.equal(
      activityHoverMarkdown(glance({ loading: true }), NOW),
      '**CloudTrail activity** for `my-bucket` (AWS::S3::Bucket): loading…',
    );
  });

  test('an answer: the ARN, counts per window, the last five events newest first, the links', () => {
    const events = [
      event(2 * HOUR, { eventName: 'PutBucketPolicy', readOnly: false, sourceIp: '203.0.113.5' }),
      event(30 * MINUTE + 5 * HOUR, { errorCode: 'AccessDenied', principalName: 'intruder', sourceIp: '198.51.100.7' }),
      event(20 * HOUR),
      event(3 * DAY, { readOnly: undefined }),
      event(10 * DAY, { eventName: 'DeleteBucket', readOnly: false }),
      event(40 * DAY),
      event(80 * DAY),
    ];
    const markdown = activityHoverMarkdown(glance({ answer: answer(events) }), NOW);
    const lines = markdown.split('\n');
    assert.equal(lines[0], '**CloudTrail activity** for `my-bucket` (AWS::S3::Bucket)  ');
    assert.equal(lines[1], '`arn:aws:s3:::my-bucket`');
    assert.ok(markdown.includes('Events: **3** in 24 h · **4** in 7 days · **7** in 90 days'), markdown);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('- ')),
      [
        '- 2 h ago · **PutBucketPolicy** (write) by `deploy-role` from `203.0.113.5`',
        '- 5 h ago · **GetBucketPolicy** (read) by `intruder` from `198.51.100.7` · error `AccessDenied`',
        '- 20 h ago · **GetBucketPolicy** (read) by `deploy-role`',
        '- 3 days ago · **GetBucketPolicy** by `deploy-role`',
        '- 10 days ago · **DeleteBucket** (write) by `deploy-role`',
      ],
    );
    assert.doesNotMatch(markdown, /Fetched/, 'a fresh answer does not say its age');
    const args = linkArguments(markdown);
    assert.deepEqual(
      args.map(([command]) => command),
      ['cloudwarden.showActivity', 'cloudwarden.investigate', 'cloudwarden.revealInExplorer'],
    );
    for (const [, arg] of args.slice(0, 2))
      assert.deepEqual(arg, [
        { query: { resource: 'my-bucket', since: NOW - 90 * DAY }, title: 'my-bucket (AWS::S3::Bucket)' },
      ]);
    // A bucket is in no tab of its own: the findings are filtered by its names.
    assert.deepEqual(args[2]![1], [{ tab: 'findings', names: ['arn:aws:s3:::my-bucket', 'my-bucket'] }]);
  });

  test('a scan stopped by its page limit says "200+" for the windows that reach past what it read', () => {
    // 200 events over the last 48 hours, then the page limit: the 24 h count is exact, the others are not.
    const events = Array.from({ length: 200 }, (_, i) => event(i * 14 * MINUTE + MINUTE));
    const markdown = activityHoverMarkdown(glance({ answer: answer(events, { truncated: ['us-east-1'] }) }), NOW);
    const inDay = events.filter((e) => e.time >= NOW - DAY).length;
    assert.ok(markdown.includes(`Events: **${inDay}** in 24 h · **200+** in 7 days · **200+** in 90 days`), markdown);
    // A truncated scan in another Region leaves this Region's counts exact only if it read past the window.
    const other = activityHoverMarkdown(glance({ answer: answer([event(HOUR)], { truncated: ['eu-west-1'] }) }), NOW);
    assert.ok(other.includes('Events: **1+** in 24 h · **1+** in 7 days · **1+** in 90 days'), other);
  });

  test('no events: said plainly, with the links still there', () => {
    const markdown = activityHoverMarkdown(glance({ answer: answer([]) }), NOW);
    assert.ok(markdown.includes('No CloudTrail events in the last 90 days.'), markdown);
    assert.equal(linkArguments(markdown).length, 3);
    const stopped = activityHoverMarkdown(glance({ answer: answer([], { truncated: ['us-east-1'] }) }), NOW);
    assert.ok(stopped.includes('No matching events among the newest events read'), stopped);
  });

  test('events CloudTrail returned but that could not be read are counted, not dropped', () => {
    const one = answer([event(HOUR)], { unreadable: [{ reason: 'its CloudTrailEvent is not JSON' }] });
    const markdown = activityHoverMarkdown(glance({ answer: one }), NOW);
    assert.ok(
      markdown.includes("_1 event of CloudTrail's answer could not be read (the timeline says why)._"),
      markdown,
    );
    const none = activityHoverMarkdown(glance({ answer: answer([event(HOUR)]) }), NOW);
    assert.equal(none.includes('could not be read'), false);
  });

  test('an older answer says when it was fetched, and that a refresh runs', () => {
    const old = answer([event(HOUR)], { fetchedAt: NOW - 12 * MINUTE });
    assert.ok(activityHoverMarkdown(glance({ answer: old }), NOW).includes('_Fetched 12 min ago_'));
    assert.ok(
      activityHoverMarkdown(glance({ answer: old, loading: true }), NOW).includes('_Fetched 12 min ago, refreshing…_'),
    );
  });

  test('a problem: its sentence (code spans kept, the rest escaped) and its command', () => {
    const sentence =
      'AWS denied cloudtrail:LookupEvents to arn:aws:iam::111122223333:user/dev_alice@corp: add cloudtrail:LookupEvents to the IAM policy of that user or role (docs/iam-policy.json lists what CloudWarden needs).';
    const markdown = activityHoverMarkdown(
      glance({
        problems: [
          { kind: 'accessDenied', sentence },
          {
            kind: 'ssoExpired',
            sentence:
              'The SSO session of profile "dev" has expired or is not signed in: run `aws sso login --profile dev`, then try again.',
            command: 'aws sso login --profile dev',
          },
          { kind: 'noCredentials', sentence: 'CloudWarden found no AWS credentials.', command: 'aws configure' },
        ],
      }),
      NOW,
    );
    assert.ok(
      markdown.includes(
        '⚠️ AWS denied cloudtrail:LookupEvents to arn:aws:iam::111122223333:user/dev\\_alice\\@corp: add cloudtrail:LookupEvents',
      ),
      markdown,
    );
    assert.ok(
      markdown.includes('run `aws sso login --profile dev`, then try again.\n'),
      'a command in the sentence is not repeated',
    );
    assert.ok(markdown.includes('⚠️ CloudWarden found no AWS credentials. Run `aws configure`.'), markdown);
    assert.doesNotMatch(markdown, /loading/);
    assert.equal(linkArguments(markdown).length, 3);
  });

  test('a problem beside an older answer shows both', () => {
    const markdown = activityHoverMarkdown(
      glance({
        answer: answer([event(HOUR)], { fetchedAt: NOW - 2 * HOUR }),
        problems: [{ kind: 'throttled', sentence: 'AWS is throttling CloudTrail LookupEvents.' }],
      }),
      NOW,
    );
    assert.ok(markdown.includes('Events: **1** in 24 h'), markdown);
    assert.ok(markdown.includes('⚠️ AWS is throttling CloudTrail LookupEvents.'), markdown);
  });

  test("AWS's strings can make no link, image, HTML or heading, and stay on their line", () => {
    const hostile = [
      event(HOUR, {
        eventName: '<img src=x onerror=alert(1)>',
        principalName: '[click](https://evil.example) **bold**\n# heading',
        sourceIp: '<script>alert(1)</script>',
        errorCode: '![x](https://evil.example/x.png)',
      }),
      event(2 * HOUR, { eventName: 'Get`Thing`', principalName: 'a`b``c', sourceIp: '`edge`' }),
    ];
    const markdown = activityHoverMarkdown(glance({ answer: answer(hostile) }), NOW);
    const interpreted = outsideCode(markdown);
    assert.doesNotMatch(interpreted, /(?<!\\)</, 'no raw < outside code');
    assert.doesNotMatch(interpreted, /(?<!\\)\[[^\]]*\]\((?!command:)/, 'no link but the command links');
    assert.doesNotMatch(interpreted, /https:\/\/evil/, 'the addresses are inside code spans');
    const lines = markdown.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(lines.length, 2, 'each event on one line');
    assert.match(
      lines[0]!,
      /^- 1 h ago · \*\*\\<img src\\=x onerror\\=alert\\\(1\\\)\\>\*\* \(read\) by `\[click\]\(https:\/\/evil\.example\) \*\*bold\*\* # heading`/,
    );
    assert.ok(lines[1]!.includes('by ```a`b``c```'), lines[1]);
    assert.ok(lines[1]!.includes('from `` `edge` ``'), lines[1]);
    assert.ok(lines[1]!.includes('**Get\\`Thing\\`**'), lines[1]);
  });

  test("a name with parentheses or quotes keeps the links whole (a ')' would end a Markdown link)", () => {
    const odd = { ...bucket, text: "it's)odd(*", name: "it's)odd(*" };
    const args = linkArguments(activityHoverMarkdown(glance({ answer: answer([]) }, odd), NOW));
    assert.equal(args.length, 3);
    assert.deepEqual(args[0]![1], [
      { query: { resource: 'my-bucket', since: NOW - 90 * DAY }, title: "it's)odd(* (AWS::S3::Bucket)" },
    ]);
    assert.deepEqual(args[2]![1], [{ tab: 'findings', names: ['arn:aws:s3:::my-bucket', "it's)odd(*"] }]);
  });

  test('a crafted name of 10 KB is cut', () => {
    const markdown = activityHoverMarkdown(
      glance({ answer: answer([event(HOUR, { principalName: 'x'.repeat(10_000), eventName: 'y'.repeat(10_000) })]) }),
      NOW,
    );
    assert.ok(markdown.length < 2_000, `${markdown.length} characters`);
  });

  test('a reference known by its ARN only, and a user looked up as a principal', () => {
    const key = {
      ...bucket,
      text: 'arn:aws:kms:us-east-1:111122223333:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4',
      resourceType: 'AWS::KMS::Key',
      arn: 'arn:aws:kms:us-east-1:111122223333:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4',
      name: undefined,
      lookup: {
        attribute: 'ResourceName' as const,
        value: 'arn:aws:kms:us-east-1:111122223333:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4',
      },
    };
    const markdown = activityHoverMarkdown(glance({ answer: answer([]) }, key), NOW);
    assert.ok(markdown.startsWith(`**CloudTrail activity** for \`${key.arn}\` (AWS::KMS::Key)\n`), markdown);
    const user = {
      ...bucket,
      text: 'ci-user',
      resourceType: 'AWS::IAM::User',
      arn: undefined,
      name: 'ci-user',
      lookup: { attribute: 'Username' as const, value: 'ci-user' },
    };
    const [[, arg]] = linkArguments(activityHoverMarkdown(glance({ answer: answer([]) }, user), NOW));
    assert.deepEqual(arg, [
      { query: { principal: 'ci-user', since: NOW - 90 * DAY }, title: 'ci-user (AWS::IAM::User)' },
    ]);
  });
});
