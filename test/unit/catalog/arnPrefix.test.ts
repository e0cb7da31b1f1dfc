/**
 * matchArn skips the search when the literal starts of the format's and the ARN's resource parts differ
 * (`instance/` against `volume/...`). The skip must never hide a match: every format, filled in, matches
 * itself, with or without wildcards and unknown parts; and ARNs of one type are told from the others.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog, matchArn } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const formats = [
  ...new Set(catalog.services().flatMap((s) => catalog.resourceTypesOf(s.prefix).map((rt) => rt.arnFormat))),
];

describe('ARN matching with the resource prefix check', () => {
  test('every format, filled in, matches itself', () => {
    for (const format of formats) {
      for (const alternative of format.split(/,\s+/)) {
        const filled = alternative
          .replace(/\$\{Partition\}/g, 'aws')
          .replace(/\$?\{[^}]+\}/g, 'x1')
          .replace(/\*/g, 'x1');
        assert.equal(matchArn(format, filled), 'match', `${filled} against ${format}`);
        const wild = alternative.replace(/\$?\{[^}]+\}/g, '*');
        assert.equal(matchArn(format, wild), 'match', `${wild} against ${format}`);
        const fields = filled.split(':');
        if (fields.length >= 6) {
          // An unknown account: the prefix check must not be the one to decide.
          const unknown = [
            fields.slice(0, 4).join(':') + ':',
            { unknown: 'AWS::AccountId' },
            ':' + fields.slice(5).join(':'),
          ];
          assert.notEqual(matchArn(format, unknown), 'no-match', `${JSON.stringify(unknown)} against ${format}`);
        }
      }
    }
  });

  test('resource parts that start differently do not match', () => {
    assert.equal(
      matchArn(
        'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
        'arn:aws:ec2:us-east-1:111122223333:volume/vol-1',
      ),
      'no-match',
    );
    assert.equal(
      matchArn(
        'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
        'arn:aws:ec2:us-east-1:111122223333:inst*',
      ),
      'match',
    );
    // A wildcard before the resource part may span colons: where the resource part starts is not known,
    // and the search decides (here `*` can take `r:a:instance/x` and the instance id the rest).
    assert.equal(
      matchArn(
        'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
        'arn:aws:ec2:*:111122223333:volume/*',
      ),
      'match',
    );
    assert.equal(matchArn('arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::b/k'), 'match');
  });
});
