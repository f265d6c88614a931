package io.vulnsift.bench;

import io.vulnsift.engine.report.RunReport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@link EndToEndBench} prints for one measured run. */
record Row(
    String name,
    RunReport report,
    long wallMillis,
    HeapMeter.Heap heap,
    long pacedMillis,
    Minimums min,
    Synthetic estate) {

  /** Phases of the pipeline's core: current/severity, enrich, the filters, group, state check. */
  static final List<String> CORE = List.of("select", "enrich", "group", "suppress-reported");

  static void header() {
    System.out.println("runs (counts are the run report's; minimums as in Minimums):");
  }

  static void legend() {
    System.out.println(
        "core = select + enrich + filters + group + suppress-reported (the state check);"
            + " peak = sum of the heap pools' peaks since the baseline (after System.gc());"
            + " live = most heap in use after any GC during the run (old-generation garbage"
            + " included until a mixed or full collection).");
  }

  void print() {
    Map<String, Long> d = report.durations();
    long core =
        d.entrySet().stream()
            .filter(e -> CORE.contains(e.getKey()) || e.getKey().startsWith("filter:"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    int fetched = report.count("fetched");
    System.out.printf(
        "run %s (first run: %s): %,d ms wall (fetch %,d, core %,d, deliver %,d, follow-ups %,d)"
            + " — %,d findings fetched, %,.0f findings/s%n",
        name,
        report.firstRun(),
        wallMillis,
        d.getOrDefault("fetch", 0L),
        core,
        d.getOrDefault("deliver", 0L),
        d.getOrDefault("follow-ups", 0L),
        fetched,
        wallMillis == 0 ? 0.0 : fetched * 1000.0 / wallMillis);
    System.out.printf(
        "  phases (ms): %s%n",
        d.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    System.out.printf(
        "  funnel: %s (alerted %d, baseline %d)%n",
        report.funnel().stream()
            .map(s -> s.stage() + " " + String.format("%,d", s.count()))
            .collect(Collectors.joining(" → ")),
        Minimums.decisions(report, "alerted"),
        Minimums.decisions(report, "baseline"));
    System.out.printf(
        "  heap: baseline %s MiB, peak %s MiB (+%s), %s%n",
        HeapMeter.Heap.mib(heap.baseline()),
        HeapMeter.Heap.mib(heap.peak()),
        HeapMeter.Heap.mib(heap.peakAboveBaseline()),
        heap.gcCount() == 0
            ? "no GC"
            : String.format(
                "live after GC %s MiB, %d GCs %,d ms",
                HeapMeter.Heap.mib(heap.liveAfterGc()), heap.gcCount(), heap.gcMillis()));
    Map<String, Integer> ecr = requests(report.calls().get("findings"));
    int ecrTotal = total(ecr);
    int running = estate.runningImages().size();
    System.out.printf(
        "  ECR: %,d calls %s = %.3f per running image (%,d running, %,d stored); minimum %,d%n",
        ecrTotal, ecr, (double) ecrTotal / running, running, estate.images().size(), min.ecr());
    Map<String, Integer> inventory = requests(report.calls().get("inventory"));
    Map<String, Integer> state = requests(report.calls().get("state"));
    System.out.printf(
        "  DynamoDB: inventory %,d %s, minimum %s; state %,d %s, minimum %,d%n",
        total(inventory),
        inventory,
        min.inventory() < 0 ? "n/a" : String.format("%,d", min.inventory()),
        total(state),
        state,
        min.state());
    Map<String, Integer> jira = requests(report.calls().get("jira"));
    Map<String, Integer> slack = requests(report.calls().get("slack"));
    System.out.printf(
        "  Jira: %,d %s, minimum %,d; Slack: %,d %s, minimum %,d; Slack pacing (not slept) %,d"
            + " ms%n",
        total(jira), jira, min.jira(), total(slack), slack, min.slack(), pacedMillis);
  }

  /** Requests only: the plan and the read strategy are named as counts of 1, not requests. */
  private static Map<String, Integer> requests(Map<String, Integer> calls) {
    if (calls == null) {
      return Map.of();
    }
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().contains(":") || e.getKey().contains(" "))
        .filter(e -> !e.getKey().equals("retries") && !e.getKey().equals("memory"))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
  }

  private static int total(Map<String, Integer> calls) {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }
}
