package io.vulnsift.model;

/** A running workload that runs an affected image: what an alert shows as runtime context. */
public record Workload(
    String cluster,
    String namespace,
    String workload,
    String stage,
    String product,
    String owner,
    String imageDigest) {

  public static Workload of(InventoryRecord r) {
    return new Workload(
        r.cluster(),
        r.namespace(),
        r.workload(),
        RuntimeContext.stageOf(r),
        r.releaseProduct(),
        r.owner(),
        r.imageDigest());
  }

  /** {@code cluster/namespace/workload}, the way people name a workload. */
  public String path() {
    return String.join(
        "/",
        cluster == null ? "?" : cluster,
        namespace == null ? "?" : namespace,
        workload == null ? "?" : workload);
  }
}
