package io.vulnsift.engine;

import io.vulnsift.engine.FollowUp.Kind;
import io.vulnsift.engine.RunContext.Decision;
import io.vulnsift.engine.RunContext.DecisionKind;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StateStore.Delivery;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import io.vulnsift.workflow.Durations;
import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of groups already reported (SPEC §2.6, issue "reported state"): re-notify and
 * reopen what the rules ask for, keep matching groups alive with a heartbeat, and resolve groups
 * that stopped matching for the grace period. Each status change is a revision-guarded write, so of
 * concurrent runs exactly one sends the follow-ups.
 */
@ApplicationScoped
public class FollowUps {
  private final ActionRegistry actions;

  @Inject
  public FollowUps(ActionRegistry actions) {
    this.actions = actions;
  }

  public void run(RunContext run, Step.SuppressReported step) {
    RunOptions o = run.options();
    StateStore state = run.env().state();
    String workflow = run.workflow().name();
    Duration heartbeat = step.resolveAfter().dividedBy(4);
    for (Group g : run.groups()) {
      Decision d = run.decisions().get(g.fingerprint());
      GroupState st = run.states().get(g.fingerprint());
      if (d == null || st == null) {
        continue;
      }
      switch (d.kind()) {
        case RENOTIFY, REOPEN, REACTIVATE -> {
          boolean won =
              o.dryRun()
                  || state.transition(
                      workflow,
                      g.fingerprint(),
                      st.revision(),
                      GroupStatus.ACTIVE,
                      Snapshots.of(g),
                      o.now());
          if (won && d.kind() != DecisionKind.REACTIVATE) {
            Kind kind = d.kind() == DecisionKind.REOPEN ? Kind.REOPEN : Kind.RENOTIFY;
            send(run, g, st, kind, d.reason());
          }
        }
        case SUPPRESSED -> {
          boolean stale =
              st.lastSeenAt() == null || st.lastSeenAt().isBefore(o.now().minus(heartbeat));
          if (!o.dryRun() && st.status() == GroupStatus.ACTIVE && stale) {
            state.touch(workflow, Snapshots.of(g), o.now());
          }
        }
        default -> {}
      }
    }
    if (o.scope().isEmpty()) {
      resolve(run, step.resolveAfter());
    }
  }

  /** Resolves the active groups this full run no longer sees, once the grace period is over. */
  private void resolve(RunContext run, Duration grace) {
    RunOptions o = run.options();
    StateStore state = run.env().state();
    String workflow = run.workflow().name();
    Set<String> matching = new HashSet<>(run.decisions().keySet());
    Set<String> attempted = new HashSet<>(run.followUps().keySet());
    Instant cutoff = o.now().minus(grace);
    for (GroupState st : state.listActive(workflow, o.now())) {
      if (!st.pendingFollowUps().isEmpty() && !attempted.contains(st.fingerprint())) {
        retry(run, st);
      }
      if (st.status() != GroupStatus.ACTIVE
          || matching.contains(st.fingerprint())
          || st.lastSeenAt() == null
          || !st.lastSeenAt().isBefore(cutoff)) {
        continue;
      }
      boolean won =
          o.dryRun()
              || state.transition(
                  workflow, st.fingerprint(), st.revision(), GroupStatus.RESOLVED, null, o.now());
      if (won) {
        Group last = Snapshots.toGroup(st.snapshot());
        run.resolved().add(last);
        String reason = "no longer matches since " + Durations.format(grace) + " or more";
        send(run, last, st, Kind.RESOLVE, reason);
      }
    }
  }

  /** Sends again the follow-ups an earlier run failed to send; forgets each once it went out. */
  private void retry(RunContext run, GroupState st) {
    Group last = Snapshots.toGroup(st.snapshot());
    Map<String, DeliveryReport> out = new LinkedHashMap<>();
    for (Action action : run.workflow().actions()) {
      var pending = st.pendingFollowUps().get(action.id());
      Delivery delivered = st.deliveries().get(action.id());
      if (pending == null || delivered == null) {
        continue;
      }
      Kind kind = Kind.valueOf(pending.kind());
      DeliveryReport r = sendOne(run, last, kind, pending.reason(), action, delivered.result());
      if (!run.options().dryRun() && !r.outcome().equals("failed")) {
        run.env().state().clearFollowUp(run.workflow().name(), st.fingerprint(), action.id());
      }
      out.put(action.id(), r);
    }
    run.followUps().put(st.fingerprint(), out);
  }

  /** Plans (and, unless dry, sends) one follow-up per action that delivered the group. */
  private void send(RunContext run, Group group, GroupState st, Kind kind, String reason) {
    Map<String, DeliveryReport> out = new LinkedHashMap<>();
    for (Action action : run.workflow().actions()) {
      Delivery delivered = st.deliveries().get(action.id());
      if (delivered != null && delivered.status() == DeliveryStatus.DELIVERED) {
        out.put(action.id(), sendOne(run, group, kind, reason, action, delivered.result()));
      }
    }
    run.followUps().put(group.fingerprint(), out);
  }

  private <A extends Action> DeliveryReport sendOne(
      RunContext run,
      Group group,
      Kind kind,
      String reason,
      A action,
      Map<String, String> delivered) {
    ActionHandler<A> handler = actions.handler(action);
    RunOptions o = run.options();
    String workflow = run.workflow().name();
    FollowUp followUp =
        new FollowUp(kind, new Alert(workflow, group, Map.of(), o.now()), delivered, reason);
    try {
      var planned = handler.planFollowUp(action, followUp);
      if (planned.isEmpty()) {
        return new DeliveryReport(null, "nothing-to-do", Map.of(), null);
      }
      PlannedRequest request = planned.get();
      PlanLine line =
          new PlanLine(
              workflow,
              request.operation(),
              group.key().fields(),
              group.affectedImages(),
              request.payload(),
              new java.util.TreeMap<>(delivered));
      run.plan().add(line);
      if (o.dryRun()) {
        return new DeliveryReport(request.operation(), "planned", Map.of(), null);
      }
      Map<String, String> result =
          handler.configured(action)
              ? handler.deliverFollowUp(action, request, followUp)
              : Deliveries.toOutbox(run, action, line, group.fingerprint(), false);
      return new DeliveryReport(request.operation(), "delivered", result, null);
    } catch (RuntimeException e) {
      // The group's status already changed: keep the follow-up so that a later run sends it.
      String error = kind + " to " + action.id() + " failed: " + e.getMessage();
      run.errors().add(group.fingerprint() + " " + error);
      if (!o.dryRun()) {
        run.env()
            .state()
            .recordFollowUpFailed(
                workflow, group.fingerprint(), action.id(), kind.name(), reason, o.now());
      }
      return new DeliveryReport(null, "failed", Map.of(), error);
    }
  }
}
