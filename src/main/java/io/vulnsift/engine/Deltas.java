package io.vulnsift.engine;

import java.util.Map;
import java.util.TreeMap;

/** Differences of cumulative counters: what one run added to a store's lifetime totals. */
final class Deltas {
  private Deltas() {}

  static Map<String, Integer> of(Map<String, Integer> now, Map<String, Integer> start) {
    Map<String, Integer> out = new TreeMap<>();
    now.forEach(
        (k, v) -> {
          int d = v - start.getOrDefault(k, 0);
          if (d != 0) {
            out.put(k, d);
          }
        });
    return out;
  }

  static Map<String, Double> ofDoubles(Map<String, Double> now, Map<String, Double> start) {
    Map<String, Double> out = new TreeMap<>();
    now.forEach(
        (k, v) -> {
          double d = v - start.getOrDefault(k, 0.0);
          if (d != 0) {
            out.put(k, d);
          }
        });
    return out;
  }
}
