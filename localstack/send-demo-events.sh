#!/usr/bin/env bash
# Puts an ECR "scan complete" event on LocalStack's default bus after `samlocal deploy`: the
# stack's own rule routes it to the function, which runs the scan workflows for that image. Read
# what it did with `awslocal logs tail /aws/lambda/vulnsift`. (Real EventBridge refuses events
# with an aws.* source from clients; LocalStack takes them, which is what a demo needs.)
# Uses only `aws --endpoint-url`.
set -euo pipefail

endpoint="${AWS_ENDPOINT_URL:-http://localhost:4566}"
repository="${1:-payments/api}"
digest="${2:-sha256:b1bf30b0557320909868489297a1e73e6121c4175bdd9daddfd8fe7fa917e72f}"
entries="$(mktemp)"
trap 'rm -f "$entries"' EXIT

cat >"$entries" <<JSON
[{"Source": "aws.ecr", "DetailType": "ECR Image Scan",
  "Detail": "{\"scan-status\":\"COMPLETE\",\"repository-name\":\"$repository\",\"image-digest\":\"$digest\",\"image-tags\":[]}"}]
JSON
aws --endpoint-url "$endpoint" events put-events --entries "file://$entries"
