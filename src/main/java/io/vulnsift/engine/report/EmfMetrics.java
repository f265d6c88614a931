package io.vulnsift.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run report as one CloudWatch Embedded Metric Format log line, with the workflow as the only
 * dimension: each funnel stage becomes a metric {@code funnel.<stage>} (a count), plus {@code
 * deliveries} (alerts and follow-ups sent, to the outbox included), {@code deliveryFailures}, the
 * run's {@code errors} and {@code durationMs}. Printed to standard output in Lambda (and by {@code
 * run --emf}), CloudWatch Logs turns it into metrics for the funnel dashboard without any API call.
 */
public final class EmfMetrics {
  /** The CloudWatch namespace of vulnsift's metrics. */
  public static final String NAMESPACE = "vulnsift";

  /** The one dimension of every metric. */
  public static final String DIMENSION = "workflow";

  /** The specification's limit of metric definitions per directive. */
  static final int MAX_METRICS_PER_DIRECTIVE = 100;

  private EmfMetrics() {}

  /**
   * The EMF document of a report.
   *
   * @param at the log event's time (the wall clock: CloudWatch rejects metrics far in the past, so
   *     not the run's possibly replayed clock)
   */
  public static ObjectNode of(RunReport report, Instant at, ObjectMapper json) {
    Map<String, Metric> metrics = metrics(report);
    ObjectNode root = json.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", at.toEpochMilli());
    ArrayNode directives = aws.putArray("CloudWatchMetrics");
    // A workflow with very many filters would pass the limit of one directive: the metrics are
    // spread over several directives of the same namespace and dimension.
    List<Metric> all = List.copyOf(metrics.values());
    for (int from = 0; from < all.size(); from += MAX_METRICS_PER_DIRECTIVE) {
      ObjectNode directive = directives.addObject();
      directive.put("Namespace", NAMESPACE);
      directive.putArray("Dimensions").addArray().add(DIMENSION);
      ArrayNode definitions = directive.putArray("Metrics");
      for (Metric m : all.subList(from, Math.min(all.size(), from + MAX_METRICS_PER_DIRECTIVE))) {
        definitions.addObject().put("Name", m.name()).put("Unit", m.unit());
      }
    }
    root.put(DIMENSION, report.workflow());
    metrics.values().forEach(m -> root.put(m.name(), m.value()));
    // Context for whoever reads the log line; not metrics.
    root.put("runId", report.runId());
    root.put("dryRun", report.dryRun());
    return root;
  }

  private record Metric(String name, String unit, long value) {}

  private static Map<String, Metric> metrics(RunReport report) {
    Map<String, Metric> out = new LinkedHashMap<>();
    for (FunnelStage stage : report.funnel()) {
      String name = "funnel." + stage.stage();
      out.putIfAbsent(name, new Metric(name, "Count", stage.count()));
    }
    long sent = 0;
    long failed = 0;
    for (GroupReport g : report.groups()) {
      for (DeliveryReport d : g.deliveries().values()) {
        switch (d.outcome()) {
          case "delivered", "outbox" -> sent++;
          case "failed" -> failed++;
          default -> {}
        }
      }
    }
    out.put("deliveries", new Metric("deliveries", "Count", sent));
    out.put("deliveryFailures", new Metric("deliveryFailures", "Count", failed));
    out.put("errors", new Metric("errors", "Count", report.errors().size()));
    out.put("durationMs", new Metric("durationMs", "Milliseconds", report.durationMillis()));
    return out;
  }
}
