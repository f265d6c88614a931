package io.vulnsift.engine.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run decided: the funnel, every group with its decision, the plan, the request
 * counts per adapter and operation ({@code findings}: ECR; {@code inventory}, {@code state}:
 * DynamoDB; {@code jira}, {@code slack}: HTTP requests, retries included) and the consumed capacity
 * units, and errors. Counts are what the process's adapters added during the run, so runs that
 * overlap in one process (the service) may see each other's requests. Written as JSON by {@code
 * --report-out}.
 *
 * @param durations milliseconds per phase of the run, in order: {@code fetch}, {@code select}
 *     (lookback, repositories, severity), {@code enrich}, one per step ({@code filter:<name>},
 *     {@code group}, {@code suppress-reported}), {@code deliver}, {@code follow-ups}
 * @param findings every current finding with its runtime context and fate, when the run traced them
 *     (the HTML report); not part of the JSON report, which stays small
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
    long durationMillis,
    Map<String, Long> durations,
    @JsonIgnore List<FindingOutcome> findings) {

  /** Count of the named funnel stage, or -1. */
  public int count(String stage) {
    return funnel.stream()
        .filter(s -> s.stage().equals(stage))
        .mapToInt(FunnelStage::count)
        .findFirst()
        .orElse(-1);
  }
}
