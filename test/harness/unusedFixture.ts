/**
 * The policy and principal the editor tests of unused permissions share (integration and e2e): benjamin, a
 * user of the Invictus dataset, listed the IAM users; the rest of what the policy grants he never used,
 * except s3:GetObject, a data event the dataset's trail does not log (unknown, never unused).
 */
export const INVICTUS_USER = 'arn:aws:iam::123837392027:user/benjamin';

export const UNUSED_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:ListUsers", "iam:DeleteUser", "s3:GetObject"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:TerminateInstances", "ec2:StopInstances"],
      "Resource": "*"
    }
  ]
}
`;
