/**
 * The `principals` entry the set-principal command writes into `.cloudwarden.yaml`: a new file, a new list,
 * an entry added, an entry of the same scope corrected; comments, other keys and entries kept; a file that
 * does not parse, or a principal that is not an ARN, refused. Each result is read back by the project
 * file's own parser.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseProjectFile, withPrincipalEntry, type PrincipalEntry } from '../../../src/core';

const ROLE = 'arn:aws:iam::111122223333:role/orders';
const OTHER = 'arn:aws:iam::111122223333:role/other';

const cases: [string, string | undefined, PrincipalEntry, string][] = [
  [
    'no project file yet: one is written',
    undefined,
    { files: 'templates/orders.yaml', principal: ROLE },
    `principals:
  - files: templates/orders.yaml
    principal: ${ROLE}
`,
  ],
  [
    'a file without principals: the list is added after the rest, comments kept',
    `# CloudWarden settings for this repository
rules:
  resource-star: info # reviewed in Q3
`,
    { files: 'lib/stack.ts', resource: 'role', principal: ROLE },
    `# CloudWarden settings for this repository
rules:
  resource-star: info # reviewed in Q3
principals:
  - files: lib/stack.ts
    resource: role
    principal: ${ROLE}
`,
  ],
  [
    'an entry of the same files and resource is corrected in place',
    `principals:
  # the orders service
  - files: templates/orders.yaml # its template
    principal: ${OTHER} # set by hand
  - files: 'infra/*.yaml'
    principal: ${OTHER}
`,
    { files: 'templates/orders.yaml', principal: ROLE },
    `principals:
  # the orders service
  - files: templates/orders.yaml # its template
    principal: ${ROLE} # set by hand
  - files: 'infra/*.yaml'
    principal: ${OTHER}
`,
  ],
  [
    'an entry of another resource of the same file is kept, the new one added',
    `principals:
  - files: lib/stack.ts
    resource: reader
    principal: ${OTHER}
stacks:
  - stack: orders-service-dev
`,
    { files: 'lib/stack.ts', resource: 'writer', principal: ROLE },
    `principals:
  - files: lib/stack.ts
    resource: reader
    principal: ${OTHER}
  - files: lib/stack.ts
    resource: writer
    principal: ${ROLE}
stacks:
  - stack: orders-service-dev
`,
  ],
  [
    'an empty principals key gets the list',
    'principals:\n',
    { files: 'a.json', principal: ROLE },
    `principals:
  - files: a.json
    principal: ${ROLE}
`,
  ],
  [
    'a comment-only file',
    '# nothing yet\n',
    { files: 'a.json', principal: ROLE },
    `# nothing yet\n\nprincipals:\n  - files: a.json\n    principal: ${ROLE}\n`,
  ],
];

describe('writing a principals entry', () => {
  for (const [what, before, entry, expected] of cases) {
    test(what, () => {
      const result = withPrincipalEntry(before, entry);
      assert.ok('text' in result, JSON.stringify(result));
      assert.equal(result.text, expected);
      const read = parseProjectFile(result.text);
      assert.deepEqual(read.problems, []);
      const written = read.config.principals.find((p) => p.files === entry.files && p.resource === entry.resource);
      assert.equal(written?.principal, entry.principal);
    });
  }

  const refused: [string, string | undefined, string, RegExp][] = [
    ['a principal that is not an ARN', undefined, 'orders', /orders is not a role's or user's ARN/],
    ['a file that does not parse', 'principals: [\n', ROLE, /^the project file does not parse \(.+\): fix it first$/],
    ['a file that is a list', '- a\n', ROLE, /is not a mapping of keys/],
    ['principals that is not a list', 'principals: {}\n', ROLE, /principals is not a list/],
  ];
  for (const [what, before, principal, error] of refused) {
    test(`refused: ${what}`, () => {
      const result = withPrincipalEntry(before, { files: 'a.json', principal });
      assert.ok('error' in result);
      assert.match(result.error, error);
    });
  }
});
