/**
 * A generated Terraform module of a given number of lines, for the scale test and the benchmark: per
 * unit a bucket and an instance (which hold no policy), a role with a trust document block, a role
 * policy in jsonencode and a managed policy in heredoc JSON: three documents per unit.
 */
export function terraformModule(minLines: number): { text: string; units: number } {
  const chunks: string[] = [];
  let lines = 0;
  let units = 0;
  while (lines < minLines) {
    units++;
    const n = units;
    const chunk = `
resource "aws_s3_bucket" "data_${n}" {
  bucket        = "\${var.prefix}-data-${n}"
  force_destroy = false
  tags = {
    Name  = "data-${n}"
    Owner = var.owner
  }
}

resource "aws_instance" "worker_${n}" {
  ami                  = data.aws_ami.base.id
  instance_type        = "t3.micro"
  subnet_id            = var.subnet_ids[${n % 3}]
  iam_instance_profile = aws_iam_instance_profile.worker.name
  user_data            = templatefile("\${path.module}/init.sh", { bucket = aws_s3_bucket.data_${n}.id })
  root_block_device {
    volume_size = 20
    encrypted   = true
  }
}

data "aws_iam_policy_document" "trust_${n}" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app_${n}" {
  name               = "app-${n}"
  assume_role_policy = data.aws_iam_policy_document.trust_${n}.json
}

resource "aws_iam_role_policy" "app_${n}" {
  role = aws_iam_role.app_${n}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "\${aws_s3_bucket.data_${n}.arn}/*"
      },
      {
        Effect    = "Allow"
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { StringEquals = { "aws:RequestedRegion" = var.region } }
      },
    ]
  })
}

resource "aws_iam_policy" "read_${n}" {
  name   = "read-${n}"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:*:*:table/t-${n}"}]
    }
  EOF
}
`;
    chunks.push(chunk);
    lines += chunk.split('\n').length - 1;
  }
  return { text: chunks.join(''), units };
}
