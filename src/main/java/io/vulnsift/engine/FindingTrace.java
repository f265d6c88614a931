package io.vulnsift.engine;

import io.vulnsift.engine.report.FindingOutcome;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.model.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows every current finding through one run — the runtime context it was joined with and the
 * stage that dropped it or the group it reached — for the HTML report's findings table. Findings
 * are tracked by identity: two equal findings from different responses are two rows.
 */
final class FindingTrace {
  private record Drop(String stage, String reason) {}

  private final List<Finding> current;
  private final Map<Finding, Drop> drops = new IdentityHashMap<>();
  private Map<String, RuntimeContext> contexts = Map.of();

  FindingTrace(List<Enriched> current) {
    this.current = current.stream().map(Enriched::finding).toList();
  }

  /** The traced findings, for the enrich step to look up their digests too. */
  List<Finding> current() {
    return current;
  }

  /** Records the findings of {@code before} that {@code survivors} no longer holds. */
  void narrowed(List<Enriched> before, List<Enriched> survivors, String stage, String reason) {
    Set<Finding> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    survivors.forEach(e -> kept.add(e.finding()));
    for (Enriched e : before) {
      if (!kept.contains(e.finding())) {
        drops.putIfAbsent(e.finding(), new Drop(stage, reason));
      }
    }
  }

  /** The runtime context of each digest the enrich step looked up. */
  void contexts(Map<String, RuntimeContext> value) {
    contexts = Map.copyOf(value);
  }

  /** One outcome per current finding, in the order they were fetched. */
  List<FindingOutcome> outcomes(List<Group> groups) {
    Map<Finding, String> groupOf = new IdentityHashMap<>();
    if (groups != null) {
      groups.forEach(g -> g.findings().forEach(f -> groupOf.put(f, g.fingerprint())));
    }
    List<FindingOutcome> out = new ArrayList<>(current.size());
    for (Finding f : current) {
      RuntimeContext rt = contexts.getOrDefault(f.imageDigest(), RuntimeContext.NONE);
      Drop drop = drops.get(f);
      out.add(
          new FindingOutcome(
              f,
              rt.status(),
              rt.runningStages(),
              rt.runningProducts(),
              rt.clusters(),
              rt.runningRecords().stream()
                  .map(r -> Workload.of(r).path())
                  .distinct()
                  .sorted()
                  .toList(),
              drop == null ? null : drop.stage(),
              drop == null ? null : drop.reason(),
              groupOf.get(f)));
    }
    return out;
  }
}
