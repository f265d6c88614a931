package io.vulnsift.engine;

import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.model.Group;
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
}
