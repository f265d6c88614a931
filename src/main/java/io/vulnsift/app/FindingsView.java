package io.vulnsift.app;

import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current findings with their runtime context, for a person who wants to look before
 * automating: what the reference dashboards call the findings view, filterable by runtime status
 * and product stage. No workflow, no state: nothing is written.
 */
public final class FindingsView {

  /**
   * One row.
   *
   * @param runtimeStatus {@code running} or {@code not running}
   * @param stages release stages of the running containers ({@code None} when unset)
   * @param products release products of the running containers
   * @param clusters clusters of the running containers
   * @param workloads {@code cluster/namespace/workload} of the running containers
   */
  public record Row(
      Finding finding,
      String runtimeStatus,
      List<String> stages,
      List<String> products,
      List<String> clusters,
      List<String> workloads) {}

  /**
   * Filters of the view; each is optional.
   *
   * @param runtimeStatus keep {@code running} or {@code not running} findings
   * @param stage keep findings running in this stage
   * @param minSeverity keep findings at or above this severity
   */
  public record Filter(
      Optional<String> runtimeStatus, Optional<String> stage, Optional<Severity> minSeverity) {}

  private FindingsView() {}

  public static List<Row> rows(
      RunEnvironment env, Instant now, Duration lookback, Duration maxAge, Filter filter) {
    List<Finding> findings =
        env.findings().fetch(new FetchRequest(now, lookback, Optional.empty())).findings();
    Set<String> digests = new TreeSet<>();
    findings.forEach(f -> digests.add(f.imageDigest()));
    Map<String, RuntimeContext> contexts = new HashMap<>();
    if (!digests.isEmpty()) {
      env.inventory()
          .findLive(digests, now.minus(maxAge), now)
          .records()
          .forEach((d, records) -> contexts.put(d, new RuntimeContext(records)));
    }
    Instant since = now.minus(lookback);
    return findings.stream()
        .filter(f -> f.lastObservedAt() != null && !f.lastObservedAt().isBefore(since))
        .map(f -> row(f, contexts.getOrDefault(f.imageDigest(), RuntimeContext.NONE)))
        .filter(r -> keep(r, filter))
        .sorted(
            Comparator.comparing((Row r) -> Severity.parse(r.finding().severity()))
                .reversed()
                .thenComparing(r -> r.finding().vulnerabilityId())
                .thenComparing(r -> r.finding().repository())
                .thenComparing(r -> r.finding().imageDigest()))
        .toList();
  }

  private static Row row(Finding f, RuntimeContext rt) {
    List<String> workloads =
        rt.runningRecords().stream()
            .map(r -> io.vulnsift.model.Workload.of(r).path())
            .distinct()
            .sorted()
            .toList();
    return new Row(
        f, rt.status(), rt.runningStages(), rt.runningProducts(), rt.clusters(), workloads);
  }

  private static boolean keep(Row r, Filter filter) {
    return filter.runtimeStatus().map(s -> s.equalsIgnoreCase(r.runtimeStatus())).orElse(true)
        && filter.stage().map(s -> r.stages().contains(s)).orElse(true)
        && filter
            .minSeverity()
            .map(min -> Severity.parse(r.finding().severity()).compareTo(min) >= 0)
            .orElse(true);
  }
}
