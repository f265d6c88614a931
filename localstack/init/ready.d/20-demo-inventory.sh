#!/usr/bin/env bash
# Loads the demo inventory (the containers of examples/pods.json, as the Kubernetes feed writes
# them) seen "now", so the deployed function finds them running. Talks to AWS only through
# `aws --endpoint-url`.
set -euo pipefail

endpoint="${AWS_ENDPOINT_URL:-http://localhost:4566}"
inventory="${VULNSIFT_INVENTORY_TABLE:-vulnsift-inventory}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
items="${VULNSIFT_DEMO_INVENTORY:-/etc/localstack/demo-inventory.json}"
if [[ ! -f "$items" ]]; then
  items="$here/../../demo-inventory.json"
fi

now="$(date +%s)"
expires="$((now + 2 * 24 * 3600))"
batch="$(mktemp)"
trap 'rm -f "$batch"' EXIT

# demo-inventory.json is a BatchWriteItem request for the table "__TABLE__" (at most 25 items).
sed -e "s/__TABLE__/$inventory/g" -e "s/\"__NOW__\"/\"$now\"/g" -e "s/\"__EXPIRES__\"/\"$expires\"/g" \
  "$items" >"$batch"
aws --endpoint-url "$endpoint" dynamodb batch-write-item --request-items "file://$batch" >/dev/null
echo "loaded demo inventory into $inventory (seen at $now)"
