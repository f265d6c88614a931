package io.vulnsift.bench.jmh;

import io.vulnsift.bench.InProcess;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole run of the shipped workflow through the real engine with an in-memory source, inventory
 * and state (SPEC §6: 1,000,000 findings × 100,000 inventory records through enrich → filter →
 * group → state check in under 2 s and 1 GiB of heap on 2 cores). {@code findings} sets the size
 * (inventory records are a tenth); {@code severities}: {@code shipped} keeps CRITICAL as the
 * shipped workflow does, {@code every} keeps every severity, so that every current finding is
 * enriched, filtered and grouped; {@code run}: {@code first} is a workflow's first run (baseline
 * and new alerts, the state emptied before each), {@code next} a later run (everything already
 * reported). Milliseconds per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-XX:ActiveProcessorCount=2"})
public class PipelineBench {

  @Param({"100000", "1000000"})
  public int findings;

  @Param({"shipped", "every"})
  public String severities;

  @Param({"first", "next"})
  public String run;

  private InProcess rig;

  @Setup(Level.Trial)
  public void setUp() {
    rig = new InProcess(findings, findings / 10, severities.equals("every"));
    if (run.equals("next")) {
      rig.run(RunOptions.at(InProcess.NOW)); // the first run: from now on, all is reported
    }
  }

  @Setup(Level.Invocation)
  public void forget() {
    if (run.equals("first")) {
      rig.forgetState();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rig.close();
  }

  @Benchmark
  public RunReport engineRun() {
    return rig.run(RunOptions.at(InProcess.NOW.plus(Duration.ofHours(1))));
  }
}
