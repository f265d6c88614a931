package io.vulnsift.engine;

import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.GroupKey;
import io.vulnsift.model.Workload;

/** What the reported state keeps of a group. */
public final class Snapshots {
  private Snapshots() {}

  public static GroupSnapshot of(Group group) {
    return new GroupSnapshot(
        group.fingerprint(),
        group.key().fields(),
        group.affectedImages(),
        group.workloads().stream().map(Workload::path).distinct().toList(),
        group.maxSeverity().name(),
        group.earliestObservedAt());
  }

  /**
   * A group rebuilt from its last snapshot, for a follow-up about a group this run no longer sees
   * (resolution): one representative finding carries the key fields and the highest severity.
   */
  public static Group toGroup(GroupSnapshot s) {
    java.util.Map<String, String> k = s.key();
    Finding lead =
        new Finding(
            k.getOrDefault("vulnerabilityId", ""),
            k.getOrDefault("vulnerabilityId", "") + " - " + k.getOrDefault("packageName", ""),
            "",
            s.maxSeverity(),
            null,
            null,
            k.getOrDefault("packageName", ""),
            k.getOrDefault("packageVersion", ""),
            null,
            null,
            null,
            null,
            null,
            k.getOrDefault("registry", ""),
            k.getOrDefault("repository", ""),
            s.affectedImages().isEmpty() ? "" : s.affectedImages().get(0),
            java.util.List.of(),
            s.earliestObservedAt(),
            s.earliestObservedAt(),
            null,
            null,
            null);
    return new Group(
        new GroupKey(k), java.util.List.of(lead), s.affectedImages(), java.util.List.of());
  }
}
