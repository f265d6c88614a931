package io.vulnsift.workflow;

import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import java.time.Duration;
import java.util.List;

/**
 * Throughput of condition evaluation, the engine's per-finding hot path (SPEC §6 measures it by
 * benchmark, not by a timed test). Run it from the IDE, or with the test classpath: {@code java -cp
 * target/classes:target/test-classes:… io.vulnsift.workflow.ConditionsBenchmark}.
 */
public final class ConditionsBenchmark {
  private ConditionsBenchmark() {}

  public static void main(String[] args) {
    Finding finding = ConditionsTest.finding("CRITICAL", 9.8, ConditionsTest.NOW);
    RuntimeContext runtime =
        new RuntimeContext(List.of(ConditionsTest.container("running", "production")));
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    for (String expression :
        List.of(
            "runtime.running",
            "\"production\" in runtime.runningStages",
            "finding.cvssScore >= 9.0",
            "finding.lastObservedAt > now - duration(\"24h\")")) {
      CompiledCondition condition = Conditions.compile(expression);
      for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
        long start = System.nanoTime();
        int hits = 0;
        for (int i = 0; i < n; i++) {
          hits += condition.test(finding, runtime, ConditionsTest.NOW) ? 1 : 0;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
            "%-50s %,d evaluations in %d ms (%d true)%n", expression, n, took.toMillis(), hits);
      }
    }
  }
}
