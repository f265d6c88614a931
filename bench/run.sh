#!/usr/bin/env bash
# vulnsift's benchmarks (docs/benchmarks.md), from the repository root:
#
#   bench/run.sh e2e 10k|100k|1m [EndToEndBench options]   the engine against loopback fakes
#   bench/run.sh inprocess 10k|100k|1m [options]           in-memory source, inventory and state
#   bench/run.sh jmh [JMH options]                         ECR parsing, CEL, the engine in-process
#   bench/run.sh startup [N]                               JVM start to first run: java -jar vs ./vulnsift
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
    mvn test-compile
    state="$(mktemp -d)"
    # DynamoDB Local as a server in another process (started once), for the commands that talk to
    # DynamoDB over HTTP as a deployed service does: no embedded database to start.
    : >"$state/ddb.txt"
    java -cp "$(classpath)" io.vulnsift.bench.DynamoDbLocalMain >"$state/ddb.txt" 2>&1 &
    ddb=$!
    trap 'kill "$ddb" 2>/dev/null; rm -rf "$state"' EXIT
    for _ in $(seq 100); do grep -q '^http' "$state/ddb.txt" && break; sleep 0.2; done
    AWS_ENDPOINT_URL_DYNAMODB="$(grep -m1 '^http' "$state/ddb.txt")"
    export AWS_ENDPOINT_URL_DYNAMODB AWS_REGION=eu-west-1 \
      AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench VULNSIFT_INVENTORY_TABLE=bench-inventory \
      VULNSIFT_STATE_TABLE=bench-state
    demo=(--findings-from examples/findings --inventory-from examples/pods.json)
    wf=workflows/critical-production.yaml
    # The tables exist before the service starts, as in AWS.
    VULNSIFT_CREATE_TABLES=true java -jar target/quarkus-app/quarkus-run.jar run "${demo[@]}" "$wf" \
      >"$state/create.txt" 2>&1 || { cat "$state/create.txt"; exit 1; }
    # How: plain `java -jar`, or the ./vulnsift launcher (start-up archive, later C2).
    launch() {
      if [ "$1" = jar ]; then
        java ${JOPTS:+"$JOPTS"} -jar target/quarkus-app/quarkus-run.jar "${@:2}"
      else
        VULNSIFT_JAVA_OPTS="$JOPTS" ./vulnsift "${@:2}"
      fi
    }
    # One row: N times end to end (a fresh state directory each time, so every --local run is a
    # first run), then N times with the class-load log to read when the first run starts (the JVM's
    # uptime when the engine loads RunContext; the log costs a few percent).
    row() {
      local how="$1" name="$2" ends=() firsts=()
      shift 2
      for _ in $(seq "$n"); do
        rm -rf "$state/s"
        t0=$(date +%s%N)
        JOPTS="" launch "$how" "$@" >"$state/out.txt" 2>&1 || { cat "$state/out.txt"; exit 1; }
        t1=$(date +%s%N)
        ends+=($(((t1 - t0) / 1000000)))
        rm -rf "$state/s"
        JOPTS="-Xlog:class+load:file=$state/classes.txt:uptime" launch "$how" "$@" >/dev/null 2>&1
        firsts+=("$(grep -m1 'io.vulnsift.engine.RunContext ' "$state/classes.txt" | sed -E 's/^\[([0-9.]+)s\].*/\1/')")
      done
      echo "$name | $how | end to end ms: $(printf '%s\n' "${ends[@]}" | sort -n | tr '\n' ' ')| first run starts at s: $(printf '%s\n' "${firsts[@]}" | sort -n | tr '\n' ' ')"
    }
    # serve: the time until it has loaded the workflows, opened the stores and armed the schedules
    # (its "scheduled …" line), i.e. when a tick could start a run.
    serve_row() {
      local how="$1" times=()
      for _ in $(seq "$n"); do
        rm -rf "$state/s"
        t0=$(date +%s%N)
        # Started directly (not through launch(), a function: its background subshell would get
        # the signal instead of the JVM).
        if [ "$how" = jar ]; then
          java -jar target/quarkus-app/quarkus-run.jar serve "${demo[@]:0:2}" >"$state/serve.txt" 2>&1 &
        else
          ./vulnsift serve "${demo[@]:0:2}" >"$state/serve.txt" 2>&1 &
        fi
        pid=$!
        for _ in $(seq 3000); do grep -q '^scheduled' "$state/serve.txt" && break; sleep 0.002; done
        t1=$(date +%s%N)
        grep -q '^scheduled' "$state/serve.txt" || { cat "$state/serve.txt"; exit 1; }
        times+=($(((t1 - t0) / 1000000)))
        kill "$pid"; wait "$pid" 2>/dev/null || true
      done
      echo "serve (DynamoDB over HTTP) | $how | ready ms: $(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
    }
    for how in jar launcher; do
      row "$how" "run --local" run --local --state-dir "$state/s" "${demo[@]}" --now 2026-11-20T12:00:00Z "$wf"
      row "$how" "run (DynamoDB over HTTP)" run "${demo[@]}" "$wf"
      serve_row "$how"
    done
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
