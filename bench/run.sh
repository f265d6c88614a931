#!/usr/bin/env bash
# vulnsift's benchmarks (docs/benchmarks.md), from the repository root:
#
#   bench/run.sh e2e 10k|100k|1m [EndToEndBench options]   the engine against loopback fakes
#   bench/run.sh inprocess 10k|100k|1m [options]           in-memory source, inventory and state
#   bench/run.sh jmh [JMH options]                         ECR parsing, CEL, the engine in-process
#   bench/run.sh startup [N]                               JVM start to first run of the CLI
#   bench/run.sh classic                                   EcrPlanBench, InventoryBench, InventoryRequestsBench
#
# MVN_ARGS (e.g. -o) is passed to the Maven wrapper. Take measurements on a quiet machine: the
# script prints the load average first.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn() { ./mvnw -B -q "${mvn_args[@]}" "$@"; }

classpath() {
  if [ ! -f target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
    mvn dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  fi
  echo "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
}

# Sets SIZE to the EndToEndBench options of a size.
size() {
  case "$1" in
    10k) SIZE=(--findings 10000 --records 1000) ;;
    100k) SIZE=(--findings 100000 --records 10000) ;;
    1m) SIZE=(--findings 1000000 --records 100000) ;;
    *) echo "unknown size '$1' (10k, 100k, 1m)" >&2; exit 2 ;;
  esac
}

JVM=(-XX:ActiveProcessorCount=2 -Djava.util.logging.manager=org.jboss.logmanager.LogManager)

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1)"
what="${1:-}"
shift || true
case "$what" in
  e2e)
    size "${1:?size}"; shift
    mvn test-compile
    # The fakes share the JVM: 1m needs room for DynamoDB Local and the ECR fake's traffic.
    heap="${BENCH_HEAP:-2g}"
    java -Xmx"$heap" "${JVM[@]}" -cp "$(classpath)" io.vulnsift.bench.EndToEndBench \
      --mode loopback "${SIZE[@]}" "$@"
    ;;
  inprocess)
    size "${1:?size}"; shift
    mvn test-compile
    # SPEC §6: under 1 GiB of heap.
    java -Xmx1g "${JVM[@]}" -cp "$(classpath)" io.vulnsift.bench.EndToEndBench \
      --mode in-process "${SIZE[@]}" "$@"
    ;;
  jmh)
    mvn test-compile
    java -cp "$(classpath)" org.openjdk.jmh.Main "${@:-io.vulnsift.bench.jmh}"
    ;;
  startup)
    n="${1:-10}"
    [ -f target/quarkus-app/quarkus-run.jar ] || mvn package -DskipTests
    state="$(mktemp -d)"
    trap 'rm -rf "$state"' EXIT
    cmd=(java -jar target/quarkus-app/quarkus-run.jar run --local --state-dir "$state/s"
      --findings-from examples/findings --inventory-from examples/pods.json
      --now 2026-11-20T12:00:00Z workflows/critical-production.yaml)
    echo "${cmd[*]}  (a fresh state directory each time: every run is a first run)"
    for i in $(seq "$n"); do
      rm -rf "$state/s"
      t0=$(date +%s%N)
      "${cmd[@]}" >"$state/out.txt" 2>&1
      t1=$(date +%s%N)
      # When the first run starts: the JVM's uptime when it loads the engine's RunContext.
      rm -rf "$state/s"
      java -Xlog:class+load:file="$state/classes.txt":uptime "${cmd[@]:1}" >/dev/null 2>&1
      first=$(grep -m1 'io.vulnsift.engine.RunContext ' "$state/classes.txt" | sed -E 's/^\[([0-9.]+)s\].*/\1/')
      echo "run $i: $(( (t1 - t0) / 1000000 )) ms end to end; first run started at ${first} s (class-load log on)"
    done
    grep -q "outbox:" "$state/out.txt" || { cat "$state/out.txt"; exit 1; }
    # As a deployed service runs: DynamoDB over HTTP (DynamoDB Local as a server in another
    # process, started once), no embedded database to start. Fresh tables each time; actions
    # without Jira/Slack settings fail (and would be retried), which does not change the timing.
    mvn test-compile
    : >"$state/ddb.txt"
    java -cp "$(classpath)" io.vulnsift.bench.DynamoDbLocalMain >"$state/ddb.txt" 2>&1 &
    ddb=$!
    trap 'kill "$ddb" 2>/dev/null; rm -rf "$state"' EXIT
    for _ in $(seq 100); do grep -q '^http' "$state/ddb.txt" && break; sleep 0.2; done
    endpoint="$(grep -m1 '^http' "$state/ddb.txt")"
    aws=(java -jar target/quarkus-app/quarkus-run.jar run --findings-from examples/findings
      --inventory-from examples/pods.json --now 2026-11-20T12:00:00Z
      workflows/critical-production.yaml)
    echo "${aws[*]}  (DynamoDB at $endpoint, fresh tables)"
    for i in $(seq "$n"); do
      export AWS_ENDPOINT_URL_DYNAMODB="$endpoint" AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=bench \
        AWS_SECRET_ACCESS_KEY=bench VULNSIFT_CREATE_TABLES=true \
        VULNSIFT_INVENTORY_TABLE="inv-$i" VULNSIFT_STATE_TABLE="state-$i"
      t0=$(date +%s%N)
      "${aws[@]}" >"$state/out.txt" 2>&1 || true
      t1=$(date +%s%N)
      export VULNSIFT_INVENTORY_TABLE="inv-$i-log" VULNSIFT_STATE_TABLE="state-$i-log"
      java -Xlog:class+load:file="$state/classes.txt":uptime "${aws[@]:1}" >/dev/null 2>&1 || true
      first=$(grep -m1 'io.vulnsift.engine.RunContext ' "$state/classes.txt" | sed -E 's/^\[([0-9.]+)s\].*/\1/')
      echo "run $i: $(( (t1 - t0) / 1000000 )) ms end to end; first run started at ${first} s (class-load log on)"
    done
    grep -q "fetched" "$state/out.txt" || { cat "$state/out.txt"; exit 1; }
    ;;
  classic)
    mvn test-compile
    cp="$(classpath)"
    java "${JVM[@]}" -cp "$cp" io.vulnsift.bench.EcrPlanBench
    java -Xmx1g "${JVM[@]}" -cp "$cp" io.vulnsift.bench.InventoryBench
    java -Xmx1g "${JVM[@]}" -cp "$cp" io.vulnsift.bench.InventoryRequestsBench
    ;;
  *)
    sed -n '2,11p' "$0"
    exit 2
    ;;
esac
