package io.vulnsift.engine;

import io.vulnsift.engine.RunContext.Decision;
import io.vulnsift.engine.RunContext.DecisionKind;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StateStore.Claim;
import io.vulnsift.engine.port.StateStore.Delivery;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Delivers each new group to every action of the workflow, each (group, action) exactly once (SPEC
 * §3): the delivery is claimed in the state with a lease before the side effect and its result
 * recorded after. A failing action never blocks the others; it is retried next run.
 */
@ApplicationScoped
public class Deliveries {
  private static final Logger LOG = Logger.getLogger(Deliveries.class);
  private final ActionRegistry actions;

  @Inject
  public Deliveries(ActionRegistry actions) {
    this.actions = actions;
  }

  /** HTTP requests the action handlers have sent so far, per action type and operation. */
  public Map<String, Map<String, Integer>> actionRequestCounts() {
    return actions.requestCounts();
  }

  /** Delivers the run's NEW and RETRY groups; returns group → action id → outcome. */
  public Map<String, Map<String, DeliveryReport>> deliver(RunContext run) {
    Map<String, Map<String, DeliveryReport>> reports = new LinkedHashMap<>();
    List<Group> due = new ArrayList<>();
    for (Group group : run.groups()) {
      Decision d = run.decisions().get(group.fingerprint());
      if (d != null && (d.kind() == DecisionKind.NEW || d.kind() == DecisionKind.RETRY)) {
        due.add(group);
      }
    }
    Map<String, Alert.Batch> batches = new HashMap<>();
    for (Action action : run.workflow().actions()) {
      List<Group> forAction =
          due.stream().filter(g -> !delivered(run.states().get(g.fingerprint()), action)).toList();
      batches.put(action.id(), Alert.Batch.of(forAction));
    }
    for (Group group : due) {
      reports.put(group.fingerprint(), deliverGroup(run, group, batches));
    }
    return reports;
  }

  private static boolean delivered(GroupState state, Action action) {
    Delivery d = state == null ? null : state.deliveries().get(action.id());
    return d != null && d.status() == DeliveryStatus.DELIVERED;
  }

  private Map<String, DeliveryReport> deliverGroup(
      RunContext run, Group group, Map<String, Alert.Batch> batches) {
    GroupState state = run.states().get(group.fingerprint());
    Map<String, Map<String, String>> results = new HashMap<>();
    Map<String, DeliveryReport> out = new LinkedHashMap<>();
    GroupSnapshot snapshot = Snapshots.of(group);
    for (Action action : run.workflow().actions()) {
      Delivery previous = state == null ? null : state.deliveries().get(action.id());
      if (previous != null && previous.status() == DeliveryStatus.DELIVERED) {
        results.put(action.id(), previous.result());
        out.put(
            action.id(), new DeliveryReport(null, "already-delivered", previous.result(), null));
        continue;
      }
      out.put(
          action.id(), deliverOne(run, group, snapshot, action, results, batches.get(action.id())));
    }
    return out;
  }

  private <A extends Action> DeliveryReport deliverOne(
      RunContext run,
      Group group,
      GroupSnapshot snapshot,
      A action,
      Map<String, Map<String, String>> results,
      Alert.Batch batch) {
    ActionHandler<A> handler = actions.handler(action);
    RunOptions o = run.options();
    String workflow = run.workflow().name();
    Alert alert = new Alert(workflow, group, results, o.now(), false, batch);
    PlannedRequest request;
    try {
      request = handler.plan(action, alert);
    } catch (RuntimeException e) {
      String error = "cannot build the " + action.type() + " request: " + e.getMessage();
      run.errors().add(group.fingerprint() + " " + action.id() + ": " + error);
      return new DeliveryReport(null, "failed", Map.of(), error);
    }
    PlanLine line =
        new PlanLine(
            workflow,
            request.operation(),
            group.key().fields(),
            group.affectedImages(),
            request.payload());
    run.plan().add(line);
    if (o.dryRun()) {
      return new DeliveryReport(request.operation(), "planned", Map.of(), null);
    }
    StateStore state = run.env().state();
    // Held for the full lease from this moment, however long the run has been going.
    Claim claim =
        state.claim(workflow, snapshot, action.id(), o.runId(), o.now(), o.leaseFromNow());
    switch (claim.outcome()) {
      case ALREADY_DELIVERED:
        results.put(action.id(), claim.previous().result());
        return new DeliveryReport(
            request.operation(), "already-delivered", claim.previous().result(), null);
      case HELD_BY_OTHER:
        return new DeliveryReport(request.operation(), "held-by-other-run", Map.of(), null);
      default:
        break;
    }
    // An earlier attempt that never recorded a success may still have had its effect: it crashed
    // (PENDING), or failed after the request reached the service (a timeout, a lost answer).
    boolean resumed =
        claim.previous() != null && claim.previous().status() != DeliveryStatus.DELIVERED;
    if (resumed) {
      alert = new Alert(workflow, group, results, o.now(), true, batch);
    }
    Map<String, String> result;
    Instant deadline = DeliveryDeadline.of(Instant.now(), o.claimLease());
    try {
      Alert sent = alert;
      result =
          DeliveryDeadline.within(deadline, () -> send(run, handler, action, request, sent, line));
    } catch (RuntimeException e) {
      String error = message(e);
      LOG.warnf("%s: %s to %s failed: %s", workflow, group.fingerprint(), action.id(), error);
      run.errors().add(group.fingerprint() + " " + action.id() + ": " + error);
      state.recordFailed(workflow, group.fingerprint(), action.id(), o.runId(), error, o.now());
      return new DeliveryReport(request.operation(), "failed", Map.of(), error);
    }
    results.put(action.id(), result);
    String outcome = result.containsKey("outbox") ? "outbox" : "delivered";
    try {
      state.recordDelivered(workflow, group.fingerprint(), action.id(), o.runId(), result, o.now());
    } catch (RuntimeException e) {
      // The side effect happened; only its record is missing. Recording it FAILED would have the
      // next run send it again blind. Left claimed, it is taken over once the lease expires and
      // resumed as an unfinished delivery (the Jira duplicate guard, the idempotent outbox).
      String error = "delivered but not recorded (resumed after the claim's lease): " + message(e);
      LOG.errorf("%s: %s to %s %s", workflow, group.fingerprint(), action.id(), error);
      run.errors().add(group.fingerprint() + " " + action.id() + ": " + error);
    }
    return new DeliveryReport(request.operation(), outcome, result, null);
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static <A extends Action> Map<String, String> send(
      RunContext run,
      ActionHandler<A> handler,
      A action,
      PlannedRequest request,
      Alert alert,
      PlanLine line) {
    if (handler.configured(action)) {
      return handler.deliver(action, request, alert);
    }
    return toOutbox(run, action, line, alert.group().fingerprint(), alert.resumesUnfinished());
  }

  /**
   * The local stand-in for an action that has no Jira/Slack configured: the outbox, when the run
   * has one; otherwise the delivery fails (and is retried next run) naming what is missing.
   */
  static Map<String, String> toOutbox(
      RunContext run, Action action, PlanLine line, String fingerprint, boolean resumed) {
    return run.env()
        .outbox()
        .map(o -> o.deliver(line, action.id(), fingerprint, run.options().now(), resumed))
        .orElseThrow(
            () ->
                new DeliveryException(
                    action.type()
                        + " action '"
                        + action.id()
                        + "' is not configured (see README, Configuration)"));
  }
}
