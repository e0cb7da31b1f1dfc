import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/catalog';
import { completionsAt } from '../../../src/core/complete/completions';
import { actionDocsUrl, describeAction } from '../../../src/core/docs/actionDocs';
import { lintText } from '../../../src/core/lint';
import { searchActions } from '../../../src/core/search/actions';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

/**
 * Prefixes that several pages of the Service Authorization Reference share (the source package keeps
 * one page's name, whichever it read last). The prefix is named after the page that owns it, by the
 * rule of scripts/build-catalog.mjs (ownerOf): the name that spells the prefix, else the name the
 * others extend, else the page with the most actions. Its docs link is that page.
 */
const SHARED: [prefix: string, name: string, page: string, notNamed: string][] = [
  ['cloudformation', 'AWS CloudFormation', 'list_awscloudformation', 'AWS Cloud Control API'],
  ['ses', 'Amazon SES', 'list_amazonses', 'Amazon Pinpoint Email Service'],
  ['lex', 'Amazon Lex', 'list_amazonlex', 'Amazon Lex V2'],
  ['kinesisanalytics', 'Amazon Kinesis Analytics', 'list_amazonkinesisanalytics', 'Amazon Kinesis Analytics V2'],
  [
    'elasticloadbalancing',
    'AWS Elastic Load Balancing',
    'list_awselasticloadbalancing',
    'AWS Elastic Load Balancing V2',
  ],
  ['aws-marketplace', 'AWS Marketplace', 'list_awsmarketplace', 'AWS Marketplace Catalog'],
  ['greengrass', 'AWS IoT Greengrass', 'list_awsiotgreengrass', 'AWS IoT Greengrass V2'],
  [
    'apigateway',
    'Amazon API Gateway Management',
    'list_amazonapigatewaymanagement',
    'Amazon API Gateway Management V2',
  ],
  [
    'sms-voice',
    'AWS End User Messaging SMS and Voice V2',
    'list_awsendusermessagingsmsandvoicev2',
    'Amazon Pinpoint SMS and Voice Service',
  ],
];

describe('service names', () => {
  for (const [prefix, name, page, notNamed] of SHARED) {
    test(`${prefix}:* is ${name}, not ${notNamed}`, () => {
      const service = catalog.service(prefix);
      assert.equal(service?.name, name);
      assert.equal(service.docsUrl, `https://docs.aws.amazon.com/service-authorization/latest/reference/${page}.html`);
    });
  }

  test('the pages of a shared prefix keep their actions under it', () => {
    assert.ok(catalog.action('cloudformation:CreateStack'), 'AWS CloudFormation');
    assert.ok(catalog.action('cloudformation:CreateResource'), 'AWS Cloud Control API');
    assert.ok(
      catalog.action('ses:SendEmail') && catalog.action('ses:CreateAddonInstance'),
      'Amazon SES and its Mail Manager',
    );
  });

  test('no other prefix carries the name of a page that does not own its prefix', () => {
    const notNamed = new Set(SHARED.map(([, , , other]) => other));
    for (const service of catalog.services())
      assert.ok(!notNamed.has(service.name), `${service.prefix} is named ${service.name}`);
    const names = catalog.services().map((s) => s.name);
    assert.equal(new Set(names).size, names.length, 'no two prefixes share a name');
  });

  /**
   * Everything that names a service by its prefix says the catalog's name for that prefix: hover and
   * the browse command's documentation, the browse list's `Read · Amazon S3`, completion of prefixes,
   * and the messages of wildcard-action, unknown-action (a pattern matching nothing) and
   * unknown-condition-key. One policy holds an entry of each kind for every prefix.
   */
  test("every prefix is shown with the catalog's name for it, everywhere", () => {
    const services = catalog.services();
    const statement = {
      Effect: 'Allow',
      Action: services.flatMap((s) => [`${s.prefix}:*`, `${s.prefix}:Zzzzq*`]),
      Resource: '*',
      Condition: { StringEquals: Object.fromEntries(services.map((s) => [`${s.prefix}:zzzzqKey`, 'x'])) },
    };
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 1);
    const findings = lintText(text, 'json', catalog).findings;
    const messageOf = (rule: string, element: string): string | undefined =>
      findings.find((f) => f.ruleId === rule && text.slice(f.span.start, f.span.end).replace(/^"|"$/g, '') === element)
        ?.message;

    const source = readPolicySource('{"Statement": [{"Action": ""}]}', 'json');
    const offset = '{"Statement": [{"Action": "'.length;
    const prefixEntries = completionsAt(source, '{"Statement": [{"Action": ""}]}', offset, catalog).filter(
      (e) => e.kind === 'service',
    );
    const completionDetail = new Map(prefixEntries.map((e) => [e.label, e.detail]));

    const browsed = searchActions(catalog, '', Infinity).actions;
    assert.equal(browsed.length, catalog.allActions().length);
    for (const action of browsed)
      assert.equal(action.service.name, catalog.service(action.service.prefix)!.name, `browse: ${action.fullName}`);

    for (const service of services) {
      const name = catalog.service(service.prefix)!.name;
      assert.equal(service.name, name, service.prefix);
      const actions = catalog.actionsOf(service.prefix);
      for (const action of actions) assert.equal(action.service.name, name, action.fullName);
      const first = actions[0]!;
      assert.ok(
        describeAction(catalog, first).endsWith(
          `[${name} in the Service Authorization Reference](${actionDocsUrl(first)})`,
        ),
        first.fullName,
      );
      assert.ok(actionDocsUrl(first).startsWith(`${service.docsUrl}#`), first.fullName);
      assert.equal(completionDetail.get(service.prefix), name, `completion: ${service.prefix}`);
      assert.match(
        messageOf('wildcard-action', `${service.prefix}:*`) ?? '',
        new RegExp(`grants every ${escape(name)} action`),
        `wildcard-action: ${service.prefix}`,
      );
      assert.match(
        messageOf('unknown-action', `${service.prefix}:Zzzzq*`) ?? '',
        new RegExp(`matches no ${escape(name)} action`),
        `unknown-action: ${service.prefix}`,
      );
      assert.match(
        messageOf('unknown-condition-key', `${service.prefix}:zzzzqKey`) ?? '',
        new RegExp(`Unknown ${escape(name)} condition key`),
        `unknown-condition-key: ${service.prefix}`,
      );
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
