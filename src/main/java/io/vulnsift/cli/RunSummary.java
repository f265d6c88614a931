package io.vulnsift.cli;

import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** The short human summary printed at the end of {@code run}: the funnel, then what was sent. */
final class RunSummary {
  private RunSummary() {}

  static void print(RunReport r, PrintStream out) {
    out.printf(
        "%s%s — first run: %s — clock %s%n",
        r.workflow(), r.dryRun() ? " (dry run)" : "", r.firstRun(), r.now());
    for (FunnelStage s : r.funnel()) {
      String drop =
          s.dropped() == 0
              ? ""
              : String.format("  -%d %s", s.dropped(), s.reason() == null ? "" : s.reason());
      out.printf("  %-12s %6d %-8s%s%n", s.stage(), s.count(), s.unit(), drop);
    }
    r.skippedImages()
        .forEach((reason, n) -> out.printf("  (skipped %d image(s): %s)%n", n, reason));
    boolean any = false;
    for (GroupReport g : r.groups()) {
      if (!g.decision().equals("alerted")) {
        continue;
      }
      if (!any) {
        out.println(r.dryRun() ? "  would alert:" : "  alerts:");
        any = true;
      }
      out.printf(
          "    %s %s %s in %s (%s%s) → %s%n",
          g.key().getOrDefault("vulnerabilityId", ""),
          g.key().getOrDefault("packageName", ""),
          g.key().getOrDefault("packageVersion", ""),
          g.key().getOrDefault("repository", ""),
          g.maxSeverity(),
          g.maxCvss() == null ? "" : " " + g.maxCvss(),
          deliveries(g.deliveries()));
    }
    if (!any) {
      out.println("  nothing new to alert");
    }
    r.errors().forEach(e -> out.println("  error: " + e));
  }

  private static String deliveries(Map<String, DeliveryReport> d) {
    return d.entrySet().stream()
        .map(e -> e.getKey() + ": " + outcome(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String outcome(DeliveryReport d) {
    if (d.result().containsKey("jiraKey")) {
      return d.result().get("jiraKey");
    }
    return d.outcome();
  }
}
