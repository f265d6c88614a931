package io.vulnsift.model;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the inventory says about one image digest: the live (recently seen, not expired) container
 * records that run it. SPEC §2.3: a finding is running when at least one joined record is running;
 * a missing stage is the stage {@code None}; no record means {@code not running}.
 */
public record RuntimeContext(List<InventoryRecord> records) {

  public static final String NO_STAGE = "None";
  public static final String RUNNING = "running";
  public static final String NOT_RUNNING = "not running";
  public static final RuntimeContext NONE = new RuntimeContext(List.of());

  public RuntimeContext {
    records = List.copyOf(records);
  }

  public boolean running() {
    return records.stream().anyMatch(InventoryRecord::isRunning);
  }

  /** {@code running} or {@code not running}, as the reference dashboards name it. */
  public String status() {
    return running() ? RUNNING : NOT_RUNNING;
  }

  /** Release stages of the running containers; a container without one counts as {@code None}. */
  public List<String> runningStages() {
    return distinct(running(records), r -> stageOf(r));
  }

  /** Release stages of every live container, running or not. */
  public List<String> stages() {
    return distinct(records, RuntimeContext::stageOf);
  }

  public List<String> runningProducts() {
    return distinct(running(records), InventoryRecord::releaseProduct);
  }

  public List<String> owners() {
    return distinct(running(records), InventoryRecord::owner);
  }

  public List<String> clusters() {
    return distinct(running(records), InventoryRecord::cluster);
  }

  public List<String> namespaces() {
    return distinct(running(records), InventoryRecord::namespace);
  }

  public List<String> workloads() {
    return distinct(running(records), InventoryRecord::workload);
  }

  public List<InventoryRecord> runningRecords() {
    return running(records);
  }

  public static String stageOf(InventoryRecord r) {
    return r.releaseStage() == null || r.releaseStage().isBlank() ? NO_STAGE : r.releaseStage();
  }

  private static List<InventoryRecord> running(List<InventoryRecord> all) {
    return all.stream().filter(InventoryRecord::isRunning).toList();
  }

  private static List<String> distinct(
      List<InventoryRecord> list, Function<InventoryRecord, String> field) {
    return List.copyOf(
        list.stream()
            .map(field)
            .filter(Objects::nonNull)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }
}
