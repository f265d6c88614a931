package io.vulnsift.engine.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.RunContext;
import io.vulnsift.engine.RunContext.Decision;
import io.vulnsift.engine.RunContext.DecisionKind;
import io.vulnsift.engine.Snapshots;
import io.vulnsift.engine.StepExecutor;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Drops groups that were already reported (SPEC §2.6). On a workflow's first run — decided by the
 * workflow marker, claimed exclusively — groups first observed before the report window are
 * recorded as {@code BASELINE} instead of alerted, unless the workflow asks for a backfill. Later
 * runs alert every group the state has no record of, however old.
 */
@ApplicationScoped
public class SuppressReportedExecutor implements StepExecutor<Step.SuppressReported> {
  private final BaselineGate gate;
  private final ObjectMapper json;

  @Inject
  public SuppressReportedExecutor(BaselineGate gate, ObjectMapper json) {
    this.gate = gate;
    this.json = json;
  }

  @Override
  public Class<Step.SuppressReported> stepClass() {
    return Step.SuppressReported.class;
  }

  @Override
  public void apply(Step.SuppressReported step, RunContext run) {
    String workflow = run.workflow().name();
    Instant now = run.options().now();
    StateStore state = run.env().state();
    List<Group> groups = run.groups();
    // The marker first, the state after: a run that finds the marker DONE must read the state the
    // first run wrote before releasing it, or it would alert the baseline groups as new.
    BaselineGate.Mode mode = gate.enter(run);
    run.states()
        .putAll(state.load(workflow, groups.stream().map(Group::fingerprint).toList(), now));
    Instant windowStart = now.minus(step.reportWindow());
    List<GroupSnapshot> baseline = new ArrayList<>();
    for (Group g : groups) {
      Decision d = decide(g, run, mode, step, windowStart);
      run.decisions().put(g.fingerprint(), d);
      if (d.kind() == DecisionKind.BASELINE) {
        GroupSnapshot snapshot = Snapshots.of(g);
        baseline.add(snapshot);
        run.plan()
            .add(
                new PlanLine(
                    workflow,
                    "state.baseline",
                    g.key().fields(),
                    g.affectedImages(),
                    json.valueToTree(snapshot)));
      }
    }
    if (mode == BaselineGate.Mode.FIRST_RUN) {
      gate.recordAndRelease(run, baseline);
    }
    summarize(run);
  }

  private static Decision decide(
      Group g,
      RunContext run,
      BaselineGate.Mode mode,
      Step.SuppressReported step,
      Instant windowStart) {
    boolean backfill = step.backfill();
    GroupState st = run.states().get(g.fingerprint());
    if (st == null) {
      if (mode == BaselineGate.Mode.DEFERRED) {
        return new Decision(DecisionKind.DEFERRED, "waiting for the workflow's first-run baseline");
      }
      if (mode == BaselineGate.Mode.FIRST_RUN && !backfill) {
        Instant first = g.earliestObservedAt();
        if (first == null || first.isBefore(windowStart)) {
          return new Decision(
              DecisionKind.BASELINE,
              "first run: first observed " + first + ", before the report window");
        }
        return new Decision(DecisionKind.NEW, "first run: first observed within the report window");
      }
      return new Decision(DecisionKind.NEW, "never reported");
    }
    if (st.status() == GroupStatus.BASELINE) {
      return new Decision(DecisionKind.SUPPRESSED, "recorded as baseline on the first run");
    }
    List<String> pending = new ArrayList<>();
    for (Action a : run.workflow().actions()) {
      var delivery = st.deliveries().get(a.id());
      if (delivery == null || delivery.status() != DeliveryStatus.DELIVERED) {
        pending.add(a.id());
      }
    }
    if (!pending.isEmpty() && st.status() != GroupStatus.RESOLVED) {
      return new Decision(DecisionKind.RETRY, "reported, not yet delivered to " + pending);
    }
    if (st.status() == GroupStatus.RESOLVED) {
      return step.renotify().regression()
          ? new Decision(DecisionKind.REOPEN, "regression: matches again after it was resolved")
          : new Decision(
              DecisionKind.REACTIVATE, "matches again after it was resolved (regression rule off)");
    }
    return Changes.renotifyReason(g, st.snapshot(), step.renotify())
        .map(reason -> new Decision(DecisionKind.RENOTIFY, reason))
        .orElseGet(
            () ->
                new Decision(
                    DecisionKind.SUPPRESSED,
                    "already reported (first seen " + st.firstSeenAt() + ")"));
  }

  private static void summarize(RunContext run) {
    Map<DecisionKind, Integer> counts = new EnumMap<>(DecisionKind.class);
    run.decisions().values().forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
    int kept =
        counts.getOrDefault(DecisionKind.NEW, 0) + counts.getOrDefault(DecisionKind.RETRY, 0);
    int dropped = run.decisions().size() - kept;
    List<String> why = new ArrayList<>();
    counts.forEach(
        (k, n) -> {
          if (k != DecisionKind.NEW && k != DecisionKind.RETRY) {
            why.add(n + " " + k.name().toLowerCase(java.util.Locale.ROOT));
          }
        });
    run.groupStage("new", kept, dropped, why.isEmpty() ? null : String.join(", ", why));
  }
}
