package io.vulnsift.bench.jmh;

import io.vulnsift.bench.Synthetic;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.workflow.CompiledCondition;
import io.vulnsift.workflow.Conditions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One CEL condition evaluated per finding, with the finding's own runtime context (a fresh view per
 * evaluation, as {@code FilterStepExecutor} evaluates conditions that read the finding): the
 * engine's per-finding cost of a filter step. Findings and contexts come from the synthetic estate;
 * the score is nanoseconds per finding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-XX:ActiveProcessorCount=2"})
public class ConditionBench {

  static final int FINDINGS = 4096;

  @Param({
    "runtime.running",
    "\"production\" in runtime.runningStages",
    "finding.severity == \"CRITICAL\" && finding.cvssScore >= 9.0",
    "finding.lastObservedAt > now - duration(\"24h\")",
    "finding.fixAvailable == \"YES\" && runtime.runningProducts.exists(p, p.startsWith(\"product-1\"))"
  })
  public String condition;

  private CompiledCondition compiled;
  private Finding[] findings;
  private RuntimeContext[] contexts;

  @Setup
  public void setUp() {
    compiled = Conditions.compile(condition);
    Synthetic estate = new Synthetic(Synthetic.Shape.of(20_000, 2_000));
    Map<String, List<InventoryRecord>> byDigest = new HashMap<>();
    estate
        .inventory()
        .forEach(r -> byDigest.computeIfAbsent(r.imageDigest(), d -> new ArrayList<>()).add(r));
    List<Finding> all = estate.parsedFindings();
    findings = new Finding[FINDINGS];
    contexts = new RuntimeContext[FINDINGS];
    for (int i = 0; i < FINDINGS; i++) {
      // Spread over the estate, so that images, severities and stages vary.
      Finding f = all.get((int) ((long) i * all.size() / FINDINGS));
      findings[i] = f;
      contexts[i] = new RuntimeContext(byDigest.getOrDefault(f.imageDigest(), List.of()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(FINDINGS)
  public int evaluate() {
    int kept = 0;
    for (int i = 0; i < FINDINGS; i++) {
      if (compiled.test(findings[i], contexts[i], Synthetic.NOW)) {
        kept++;
      }
    }
    return kept;
  }
}
