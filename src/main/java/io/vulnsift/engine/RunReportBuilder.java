package io.vulnsift.engine;

import io.vulnsift.engine.RunContext.Decision;
import io.vulnsift.engine.RunContext.DecisionKind;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.Group;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a finished run into its {@link RunReport}, closing the funnel with the delivery stage. */
final class RunReportBuilder {
  private RunReportBuilder() {}

  static RunReport build(
      RunContext run,
      Fetched fetched,
      Map<String, Map<String, DeliveryReport>> deliveries,
      Map<String, Map<String, Integer>> actionCalls,
      long elapsedNanos) {
    int delivered = 0;
    int failed = 0;
    int elsewhere = 0;
    for (Map<String, DeliveryReport> perAction : deliveries.values()) {
      if (perAction.values().stream().anyMatch(r -> r.outcome().equals("failed"))) {
        failed++;
      } else if (perAction.values().stream().anyMatch(RunReportBuilder::sentOrPlanned)) {
        delivered++;
      } else {
        elsewhere++; // a concurrent run delivered it, or holds the claim
      }
    }
    boolean dry = run.options().dryRun();
    List<String> why = new java.util.ArrayList<>();
    if (failed > 0) {
      why.add(failed + " failed");
    }
    if (elsewhere > 0) {
      why.add(elsewhere + " delivered by another run");
    }
    run.groupStage(
        dry ? "planned" : "delivered",
        delivered,
        failed + elsewhere,
        why.isEmpty() ? null : String.join(", ", why));
    if (!dry) {
      run.groupStage("failed", failed, 0, null);
    }
    long renotified =
        run.decisions().values().stream()
            .filter(d -> d.kind() == DecisionKind.RENOTIFY || d.kind() == DecisionKind.REOPEN)
            .count();
    run.groupStage("renotified", (int) renotified, 0, null);
    run.groupStage("resolved", run.resolved().size(), 0, null);
    List<GroupReport> groups = new java.util.ArrayList<>();
    for (Group g : run.groups()) {
      Map<String, DeliveryReport> d = deliveries.get(g.fingerprint());
      Map<String, DeliveryReport> reported = d != null ? d : run.followUps().get(g.fingerprint());
      groups.add(group(g, run, reported != null ? reported : recorded(run, g.fingerprint())));
    }
    for (Group g : run.resolved()) {
      groups.add(
          new GroupReport(
              g.fingerprint(),
              g.key().fields(),
              g.lead().title(),
              g.maxSeverity().name(),
              null,
              g.affectedImages(),
              g.workloads(),
              "resolved",
              "stopped matching for the grace period",
              run.followUps().getOrDefault(g.fingerprint(), Map.of())));
    }
    Map<String, Map<String, Integer>> calls = new LinkedHashMap<>();
    calls.put("findings", fetched.calls());
    calls.putAll(new java.util.TreeMap<>(run.storeCalls()));
    calls.putAll(actionCalls);
    FindingTrace trace = run.trace();
    return new RunReport(
        run.workflow().name(),
        run.options().runId(),
        run.options().now(),
        run.options().dryRun(),
        run.firstRun(),
        List.copyOf(run.funnel()),
        groups,
        List.copyOf(run.plan()),
        calls,
        new java.util.TreeMap<>(run.storeCapacity()),
        fetched.skippedImages(),
        List.copyOf(run.errors()),
        elapsedNanos / 1_000_000,
        run.durations(),
        trace == null ? List.of() : trace.outcomes(run.groups()));
  }

  private static GroupReport group(
      Group g, RunContext run, Map<String, DeliveryReport> deliveries) {
    Decision d = run.decisions().get(g.fingerprint());
    return new GroupReport(
        g.fingerprint(),
        g.key().fields(),
        g.lead().title(),
        g.maxSeverity().name(),
        g.maxCvss(),
        g.affectedImages(),
        g.workloads(),
        d == null ? "undecided" : decisionName(d),
        d == null ? null : d.reason(),
        deliveries == null ? Map.of() : deliveries);
  }

  /**
   * What earlier runs delivered for a group this run left alone (already reported), so the report
   * still says where it went (the Jira key, the Slack message).
   */
  private static Map<String, DeliveryReport> recorded(RunContext run, String fingerprint) {
    StateStore.GroupState state = run.states().get(fingerprint);
    if (state == null) {
      return null;
    }
    Map<String, DeliveryReport> out = new LinkedHashMap<>();
    for (var action : run.workflow().actions()) {
      StateStore.Delivery d = state.deliveries().get(action.id());
      if (d != null && d.status() == StateStore.DeliveryStatus.DELIVERED) {
        out.put(action.id(), new DeliveryReport(null, "already-delivered", d.result(), null));
      }
    }
    return out;
  }

  private static boolean sentOrPlanned(DeliveryReport r) {
    return switch (r.outcome()) {
      case "delivered", "outbox", "planned" -> true;
      default -> false;
    };
  }

  private static String decisionName(Decision d) {
    return switch (d.kind()) {
      case NEW, RETRY -> "alerted";
      case RENOTIFY -> "renotified";
      case REOPEN -> "reopened";
      case REACTIVATE -> "reactivated";
      default -> d.kind().name().toLowerCase(Locale.ROOT);
    };
  }
}
