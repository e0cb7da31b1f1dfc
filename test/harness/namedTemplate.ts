/** The CloudFormation maximum template size. */
const TARGET = 1_000_000;

/**
 * A CloudFormation template of at least 1 MB (the CloudFormation maximum) whose resources reference
 * each other: per unit, a named bucket and a named role reading it through its ARN, `Fn::GetAtt` and
 * `Ref`. For the references' scale test and benchmark.
 */
export function namedTemplate(syntax: 'json' | 'yaml'): { text: string; units: number } {
  const render = (units: number): string => {
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: resources(units) };
    return syntax === 'json' ? JSON.stringify(template, null, 2) : toYaml(template, '');
  };
  // Every unit has the same length but for its number's digits: one unit tells how many make the target.
  const one = render(2).length - render(1).length;
  const units = Math.ceil(TARGET / one) + 1;
  return { text: render(units), units };
}

function resources(units: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let unit = 1; unit <= units; unit++) {
    out[`Bucket${unit}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `acme-bucket-${unit}` } };
    out[`Role${unit}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: `acme-role-${unit}`,
        Policies: [
          {
            PolicyName: 'read',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::acme-bucket-${unit}/*` },
                { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [`Bucket${unit}`, 'Arn'] } },
              ],
            },
          },
        ],
        Tags: [{ Key: 'bucket', Value: { Ref: `Bucket${unit}` } }],
      },
    };
  }
  return out;
}

/** Block YAML of plain data (the generator's only: strings without special characters, objects, arrays). */
function toYaml(value: unknown, indent: string): string {
  if (Array.isArray(value))
    return value.map((item) => `${indent}- ${toYaml(item, `${indent}  `).trimStart()}`).join('');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, item]) =>
        typeof item === 'object'
          ? `${indent}${key}:\n${toYaml(item, `${indent}  `)}`
          : `${indent}${key}: ${String(item)}\n`,
      )
      .join('');
  }
  return `${String(value)}\n`;
}
