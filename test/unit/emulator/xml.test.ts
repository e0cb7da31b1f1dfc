import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, xmlMembers } from '../../emulator/protocols/xml';

describe('awsQuery XML writer', () => {
  it('writes members in order, lists as <member> items, timestamps without milliseconds', () => {
    const xml = xmlMembers(
      {
        Roles: [{ RoleName: 'Admin', CreateDate: new Date('2024-05-01T10:20:30.000Z'), Tags: [] }],
        IsTruncated: false,
        Marker: undefined,
        MaxItems: 100,
      },
      '  ',
    );
    assert.equal(
      xml,
      '  <Roles>\n' +
        '    <member>\n' +
        '      <RoleName>Admin</RoleName>\n' +
        '      <CreateDate>2024-05-01T10:20:30Z</CreateDate>\n' +
        '      <Tags/>\n' +
        '    </member>\n' +
        '  </Roles>\n' +
        '  <IsTruncated>false</IsTruncated>\n' +
        '  <MaxItems>100</MaxItems>\n',
    );
  });

  it('escapes text', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.equal(
      xmlMembers({ Document: '{"Statement":"<&>"}' }, ''),
      '<Document>{&quot;Statement&quot;:&quot;&lt;&amp;&gt;&quot;}</Document>\n',
    );
  });
});
