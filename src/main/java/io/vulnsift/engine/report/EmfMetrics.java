package io.vulnsift.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A run report as one CloudWatch Embedded Metric Format log line: each funnel stage becomes a
 * metric {@code funnel.<stage>} (a count), plus the run's errors and duration, with the workflow as
 * the dimension. Printed to standard output in Lambda (and by {@code run --emf}), CloudWatch Logs
 * turns it into metrics for the funnel dashboard without any API call.
 */
public final class EmfMetrics {
  /** The CloudWatch namespace of vulnsift's metrics. */
  public static final String NAMESPACE = "vulnsift";

  private EmfMetrics() {}

  /**
   * The EMF document of a report.
   *
   * @param at the log event's time (the wall clock: CloudWatch rejects metrics far in the past, so
   *     not the run's possibly replayed clock)
   */
  public static ObjectNode of(RunReport report, Instant at, ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", at.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    directive.putArray("Dimensions").addArray().add("workflow");
    ArrayNode metrics = directive.putArray("Metrics");
    root.put("workflow", report.workflow());
    for (FunnelStage stage : report.funnel()) {
      String name = "funnel." + stage.stage();
      if (!root.has(name)) {
        metric(metrics, name, "Count");
        root.put(name, stage.count());
      }
    }
    metric(metrics, "errors", "Count");
    root.put("errors", report.errors().size());
    metric(metrics, "durationMs", "Milliseconds");
    root.put("durationMs", report.durationMillis());
    // Context for whoever reads the log line; not metrics.
    root.put("runId", report.runId());
    root.put("dryRun", report.dryRun());
    return root;
  }

  private static void metric(ArrayNode metrics, String name, String unit) {
    metrics.addObject().put("Name", name).put("Unit", unit);
  }
}
