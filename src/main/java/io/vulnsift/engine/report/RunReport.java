package io.vulnsift.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run decided: the funnel, every group with its decision, the plan, the request
 * counts and consumed capacity units per adapter (cumulative for the process's stores), and errors.
 * Written as JSON by {@code --report-out}.
 */
public record RunReport(
    String workflow,
    String runId,
    Instant now,
    boolean dryRun,
    String firstRun,
    List<FunnelStage> funnel,
    List<GroupReport> groups,
    List<PlanLine> plan,
    Map<String, Map<String, Integer>> calls,
    Map<String, Map<String, Double>> capacity,
    Map<String, Integer> skippedImages,
    List<String> errors,
    long durationMillis) {

  /** Count of the named funnel stage, or -1. */
  public int count(String stage) {
    return funnel.stream()
        .filter(s -> s.stage().equals(stage))
        .mapToInt(FunnelStage::count)
        .findFirst()
        .orElse(-1);
  }
}
