package io.vulnsift.engine.steps;

import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.model.Group;
import io.vulnsift.model.Severity;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What changed in a reported group since its last snapshot that a re-notify rule reports. The
 * {@code newProductionWorkload} rule also reports new affected images: the group gained a
 * vulnerable image in production (the group's images are those that passed the workflow's filters).
 */
final class Changes {
  static final String PRODUCTION = "production";

  private Changes() {}

  /** The reason to re-notify, or empty when no enabled rule sees a change. */
  static Optional<String> renotifyReason(Group current, GroupSnapshot stored, Step.Renotify rules) {
    List<String> reasons = new ArrayList<>();
    if (rules.severityRaised() && stored.maxSeverity() != null) {
      Severity before = Severity.parse(stored.maxSeverity());
      if (current.maxSeverity().compareTo(before) > 0) {
        reasons.add("severity raised from " + before + " to " + current.maxSeverity());
      }
    }
    if (rules.newProductionWorkload()) {
      Set<String> known = new HashSet<>(stored.workloads());
      List<String> added =
          current.workloads().stream()
              .filter(w -> PRODUCTION.equals(w.stage()))
              .map(Workload::path)
              .filter(p -> !known.contains(p))
              .distinct()
              .toList();
      if (!added.isEmpty()) {
        reasons.add("new production workload " + String.join(", ", added));
      }
      // A new vulnerable image in the same place (e.g. a redeploy that did not fix it) is news too.
      Set<String> knownImages = new HashSet<>(stored.affectedImages());
      List<String> newImages =
          current.affectedImages().stream().filter(d -> !knownImages.contains(d)).toList();
      if (!newImages.isEmpty() && !stored.affectedImages().isEmpty()) {
        reasons.add("new affected image " + String.join(", ", newImages));
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }
}
