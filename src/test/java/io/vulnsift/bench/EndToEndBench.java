package io.vulnsift.bench;

import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@link io.vulnsift.engine.Engine} with the shipped workflow over a {@link
 * Synthetic} estate of a given size, and prints what each run cost: wall time, heap, findings per
 * second, ECR calls, DynamoDB requests and Jira/Slack requests (the run report's own counts), each
 * next to the minimum the data allows ({@link Minimums}). Not a test: see docs/benchmarks.md and
 * bench/run.sh.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li>{@code loopback}: ECR is the fake on loopback (the real SDK client, runtime-first),
 *       DynamoDB Local runs as an HTTP server, Jira and Slack are WireMock — everything a deployed
 *       run does but the network's latency, in this JVM (the fakes' work shares the two cores and
 *       the heap).
 *   <li>{@code in-process}: the source holds the parsed findings in memory, the inventory and the
 *       reported state are hash maps (SPEC §6), deliveries go to an outbox file.
 * </ul>
 *
 * Each mode makes {@code --warmups} runs of the same workflow under another name first (its own
 * reported state, so the measured first run is still a first run), then measures the first run
 * (baseline + new alerts) and the next run an hour later (steady state: nothing new).
 *
 * <p>Arguments: {@code --findings N --records N [--mode loopback|in-process] [--warmups N]
 * [--latency-ms N] [--running-share X] [--seed N] [--every-severity]}.
 */
public final class EndToEndBench {

  record Options(
      int findings,
      int records,
      String mode,
      int warmups,
      int latencyMs,
      double runningShare,
      long seed,
      boolean everySeverity) {

    static Options parse(String[] args) {
      Map<String, String> a = new java.util.HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
        String name = args[i].substring(2);
        boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
        a.put(name, flag ? "true" : args[++i]);
      }
      return new Options(
          Integer.parseInt(a.getOrDefault("findings", "10000")),
          Integer.parseInt(a.getOrDefault("records", "1000")),
          a.getOrDefault("mode", "loopback"),
          Integer.parseInt(a.getOrDefault("warmups", "1")),
          Integer.parseInt(a.getOrDefault("latency-ms", "0")),
          Double.parseDouble(a.getOrDefault("running-share", "0.6")),
          Long.parseLong(a.getOrDefault("seed", "42")),
          Boolean.parseBoolean(a.getOrDefault("every-severity", "false")));
    }
  }

  private EndToEndBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    if (!o.mode().equals("loopback") && !o.mode().equals("in-process")) {
      throw new IllegalArgumentException("--mode is loopback or in-process");
    }
    System.out.printf(
        "vulnsift end-to-end bench: mode %s, JDK %s, %d cores, max heap %,d MiB, load %.2f%n",
        o.mode(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Synthetic.Shape shape =
        new Synthetic.Shape(o.findings(), o.records(), o.runningShare(), 2.0, o.seed());
    long t0 = System.nanoTime();
    Synthetic estate = new Synthetic(shape);
    System.out.printf(
        "estate: %s; %,d stored images, %,d running; generated in %d ms%n",
        shape,
        estate.images().size(),
        estate.runningImages().size(),
        (System.nanoTime() - t0) / 1_000_000);
    Workflow measured = BenchEngine.shipped(null, o.everySeverity());
    if (o.mode().equals("loopback")) {
      t0 = System.nanoTime();
      try (LoopbackRig rig = new LoopbackRig(estate, o.latencyMs())) {
        System.out.printf(
            "rig: fake ECR (latency %d ms), DynamoDB Local server, WireMock Jira + Slack;"
                + " inventory imported with %,d requests in %,d ms; set up in %,d ms%n",
            o.latencyMs(),
            rig.importRequests,
            rig.importMillis,
            (System.nanoTime() - t0) / 1_000_000);
        long tableBytes = rig.inventoryTableBytes();
        measure(o, estate, rig.engine, rig.env(), measured, tableBytes);
      }
    } else {
      t0 = System.nanoTime();
      try (InProcess rig = new InProcess(estate, o.everySeverity())) {
        System.out.printf(
            "rig: in-memory source (%,d parsed findings), inventory and state; input retained"
                + " %,d MiB; set up in %,d ms%n",
            rig.findings.size(), rig.inputBytes >> 20, (System.nanoTime() - t0) / 1_000_000);
        measure(o, estate, rig.engine, rig.env(), measured, -1);
      }
    }
  }

  private static void measure(
      Options o,
      Synthetic estate,
      BenchEngine engine,
      RunEnvironment env,
      Workflow measured,
      long tableBytes) {
    for (int w = 1; w <= o.warmups(); w++) {
      Workflow warmup = BenchEngine.shipped("warmup-" + w, o.everySeverity());
      long t = System.nanoTime();
      engine.engine().run(warmup, RunOptions.at(Synthetic.NOW), env);
      engine.pacedMillis();
      System.out.printf("warm-up run %d: %,d ms%n", w, (System.nanoTime() - t) / 1_000_000);
    }
    int ecrPages = Minimums.ecrPages(estate);
    System.out.println();
    Row.header();
    Instant clock = Synthetic.NOW;
    for (String name : List.of("first", "next")) {
      RunReport report;
      HeapMeter.Heap heap;
      long wall;
      try (HeapMeter meter = new HeapMeter()) {
        meter.start();
        long t = System.nanoTime();
        report = engine.engine().run(measured, RunOptions.at(clock), env);
        wall = (System.nanoTime() - t) / 1_000_000;
        heap = meter.stop();
      }
      Minimums min = Minimums.of(report, measured, ecrPages, tableBytes);
      new Row(name, report, wall, heap, engine.pacedMillis(), min, estate).print();
      clock = clock.plus(Duration.ofHours(1));
    }
    System.out.println();
    Row.legend();
  }
}
