# The reporting job's infrastructure: a role for the nightly export and the bucket it writes to.

variable "environment" {
  type    = string
  default = "staging"
}

variable "extra_statements" {
  description = "Statements the platform team adds to the export role, per environment."
  type = list(object({
    actions   = list(string)
    resources = list(string)
  }))
}

resource "aws_s3_bucket" "exports" {
  bucket = "example-${var.environment}-exports"
}

data "aws_iam_policy_document" "export_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "export" {
  name               = "${var.environment}-nightly-export"
  assume_role_policy = data.aws_iam_policy_document.export_assume.json
}

data "aws_iam_policy_document" "export" {
  statement {
    sid       = "WriteExports"
    actions   = ["s3:PutObject", "s3:GetObjectAcl"]
    resources = ["${aws_s3_bucket.exports.arn}/*"]
  }

  statement {
    sid       = "ReadWarehouse"
    actions   = ["redshift-data:*", "redshift:GetClusterCredentials"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = var.extra_statements
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "export" {
  name   = "export"
  role   = aws_iam_role.export.id
  policy = data.aws_iam_policy_document.export.json
}

resource "aws_iam_role_policy_attachment" "export_readonly" {
  role       = aws_iam_role.export.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_s3_bucket_policy" "exports" {
  bucket = aws_s3_bucket.exports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnalystsRead"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = [aws_s3_bucket.exports.arn, "${aws_s3_bucket.exports.arn}/*"]
    }]
  })
}
