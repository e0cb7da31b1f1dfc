/** Generated CloudFormation templates of the maximum size (1 MB), for the scale test and the benchmarks. */
export const TARGET = 1_000_000;

export function jsonTemplate(): { text: string; roles: number } {
  const resources: Record<string, unknown> = {};
  let roles = 0;
  let size = 0;
  while (size < TARGET) {
    roles++;
    const id = `Role${roles}`;
    resources[id] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'app',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::\${Bucket${roles}}/*` },
                },
                {
                  Effect: 'Allow',
                  Action: 'sqs:SendMessage',
                  Resource: { 'Fn::GetAtt': [`Queue${roles}`, 'Arn'] },
                  Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
                },
              ],
            },
          },
        ],
      },
    };
    size += 1_470;
  }
  const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
  return { text, roles };
}

export function yamlTemplate(target = TARGET): { text: string; roles: number } {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'];
  let size = parts[0].length;
  let roles = 0;
  while (size < target) {
    roles++;
    const role = `  Role${roles}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket${roles}}/*'
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Queue${roles}.Arn
                Condition:
                  StringEquals:
                    aws:RequestedRegion: !Ref AWS::Region
`;
    parts.push(role);
    size += role.length;
  }
  return { text: parts.join(''), roles };
}
