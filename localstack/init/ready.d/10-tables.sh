#!/usr/bin/env bash
# Creates the inventory and state tables exactly as template.yaml declares them (keys, the
# cluster-index GSI, TTL on expiresAt, point-in-time recovery). Idempotent: existing tables are
# left alone. Talks to AWS only through `aws --endpoint-url`.
set -euo pipefail

endpoint="${AWS_ENDPOINT_URL:-http://localhost:4566}"
inventory="${VULNSIFT_INVENTORY_TABLE:-vulnsift-inventory}"
state="${VULNSIFT_STATE_TABLE:-vulnsift-state}"

ddb() {
  aws --endpoint-url "$endpoint" dynamodb "$@"
}

exists() {
  ddb describe-table --table-name "$1" >/dev/null 2>&1
}

if ! exists "$inventory"; then
  ddb create-table --table-name "$inventory" \
    --billing-mode PAY_PER_REQUEST \
    --attribute-definitions \
      AttributeName=imageDigest,AttributeType=S \
      AttributeName=containerId,AttributeType=S \
      AttributeName=cluster,AttributeType=S \
    --key-schema AttributeName=imageDigest,KeyType=HASH AttributeName=containerId,KeyType=RANGE \
    --global-secondary-indexes '[{"IndexName":"cluster-index","KeySchema":[{"AttributeName":"cluster","KeyType":"HASH"},{"AttributeName":"containerId","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["status","source"]}}]' \
    --sse-specification Enabled=true >/dev/null
  echo "created table $inventory"
fi

if ! exists "$state"; then
  ddb create-table --table-name "$state" \
    --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --sse-specification Enabled=true >/dev/null
  echo "created table $state"
fi

for table in "$inventory" "$state"; do
  ddb wait table-exists --table-name "$table"
  ddb update-time-to-live --table-name "$table" \
    --time-to-live-specification Enabled=true,AttributeName=expiresAt >/dev/null 2>&1 || true
  # Point-in-time recovery is a no-op locally; asked for so the tables mirror the template.
  ddb update-continuous-backups --table-name "$table" \
    --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true >/dev/null 2>&1 || true
done
