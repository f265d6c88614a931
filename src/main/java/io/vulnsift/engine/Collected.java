package io.vulnsift.engine;

import io.vulnsift.engine.report.FunnelStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * The first half of a run, which depends on findings one at a time only: fetched, narrowed to the
 * current ones of the listed severities, joined to the inventory and passed through the filters.
 * The shards of a sharded run each collect their part; {@link #merge} puts the parts together, and
 * the second half ({@link Engine#decide}) — grouping, reported state, delivery, resolution — runs
 * once over the union, never over a part.
 *
 * @param findings the survivors of the filters, with their runtime context
 * @param funnel the finding stages so far ({@code fetched} … the last filter)
 * @param skippedImages reason → images the source skipped
 * @param calls source operation → calls
 * @param storeCalls store ({@code inventory}, {@code state}) → operation → requests
 * @param storeCapacity store → operation → capacity units
 */
public record Collected(
    List<Enriched> findings,
    List<FunnelStage> funnel,
    Map<String, Integer> skippedImages,
    Map<String, Integer> calls,
    Map<String, Map<String, Integer>> storeCalls,
    Map<String, Map<String, Double>> storeCapacity) {

  public Collected {
    findings = List.copyOf(findings);
    funnel = List.copyOf(funnel);
    skippedImages = Map.copyOf(skippedImages);
    calls = Map.copyOf(calls);
    storeCalls = Map.copyOf(storeCalls);
    storeCapacity = Map.copyOf(storeCapacity);
  }

  /**
   * The union of the parts of one run, in the given order: findings concatenated, and every count
   * summed — each funnel stage, skip reason, call and capacity unit. The parts must have the same
   * funnel stages (the same workflow); anything else is a bug, not bad input.
   */
  public static Collected merge(List<Collected> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    List<Enriched> findings = new ArrayList<>();
    List<FunnelStage> funnel = new ArrayList<>(parts.get(0).funnel());
    Map<String, Integer> skipped = new TreeMap<>();
    Map<String, Integer> calls = new TreeMap<>();
    Map<String, Map<String, Integer>> storeCalls = new TreeMap<>();
    Map<String, Map<String, Double>> capacity = new TreeMap<>();
    for (int p = 0; p < parts.size(); p++) {
      Collected part = parts.get(p);
      findings.addAll(part.findings());
      if (p > 0) {
        funnel = add(funnel, part.funnel());
      }
      part.skippedImages().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
      part.calls().forEach((k, v) -> calls.merge(k, v, Integer::sum));
      addPerStore(storeCalls, part.storeCalls(), Integer::sum);
      addPerStore(capacity, part.storeCapacity(), Double::sum);
    }
    return new Collected(findings, funnel, skipped, calls, storeCalls, capacity);
  }

  /** Adds {@code part}'s counts to {@code sum}'s, per store and operation. */
  private static <V> void addPerStore(
      Map<String, Map<String, V>> sum, Map<String, Map<String, V>> part, BinaryOperator<V> plus) {
    part.forEach(
        (store, ops) ->
            ops.forEach(
                (op, n) -> sum.computeIfAbsent(store, s -> new TreeMap<>()).merge(op, n, plus)));
  }

  private static List<FunnelStage> add(List<FunnelStage> sum, List<FunnelStage> part) {
    List<String> names = sum.stream().map(FunnelStage::stage).toList();
    if (!names.equals(part.stream().map(FunnelStage::stage).toList())) {
      throw new IllegalStateException(
          "parts of one run have different funnels: "
              + names
              + " and "
              + part.stream().map(FunnelStage::stage).toList());
    }
    List<FunnelStage> out = new ArrayList<>(sum.size());
    for (int i = 0; i < sum.size(); i++) {
      FunnelStage a = sum.get(i);
      FunnelStage b = part.get(i);
      out.add(
          new FunnelStage(
              a.stage(), a.unit(), a.count() + b.count(), a.dropped() + b.dropped(), a.reason()));
    }
    return out;
  }
}
