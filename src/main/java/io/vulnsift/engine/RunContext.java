package io.vulnsift.engine;

import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working set of one run, handed from step to step. Not shared between runs or threads; the
 * step beans themselves stay stateless.
 */
public final class RunContext {
  private final Workflow workflow;
  private final RunOptions options;
  private final RunEnvironment env;
  private final List<FunnelStage> funnel = new ArrayList<>();
  private final List<PlanLine> plan = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final Map<String, GroupState> states = new HashMap<>();
  private final Map<String, Decision> decisions = new LinkedHashMap<>();
  private final List<Group> resolved = new ArrayList<>();
  private final Map<String, Map<String, io.vulnsift.engine.report.DeliveryReport>> followUps =
      new LinkedHashMap<>();
  private List<Enriched> findings = List.of();
  private List<Group> groups;
  private String firstRun = "unknown";
  private String inventoryStrategy = "none";
  private final Map<String, Long> durations = new LinkedHashMap<>(); // nanoseconds
  private FindingTrace trace;
  private Collected carried;

  private final Map<String, Integer> inventoryCallsAtStart;
  private final Map<String, Integer> stateCallsAtStart;
  private final Map<String, Double> inventoryCapacityAtStart;
  private final Map<String, Double> stateCapacityAtStart;

  public RunContext(Workflow workflow, RunOptions options, RunEnvironment env) {
    this.workflow = workflow;
    this.options = options;
    this.env = env;
    // The stores count for their whole life; a run reports what it added.
    this.inventoryCallsAtStart = Map.copyOf(env.inventory().requestCounts());
    this.stateCallsAtStart = Map.copyOf(env.state().requestCounts());
    this.inventoryCapacityAtStart = Map.copyOf(env.inventory().consumedCapacity());
    this.stateCapacityAtStart = Map.copyOf(env.state().consumedCapacity());
  }

  /** How the inventory was read ({@code query}, {@code scan}, …), for the report. */
  public void inventoryStrategy(String value) {
    inventoryStrategy = value;
  }

  /**
   * Requests this run made, per store and operation; the inventory's read strategy as {@code
   * strategy:<name> → 1}, the way a findings source names its plan.
   */
  public Map<String, Map<String, Integer>> storeCalls() {
    Map<String, Integer> inventory =
        new java.util.TreeMap<>(Deltas.of(env.inventory().requestCounts(), inventoryCallsAtStart));
    Map<String, Integer> state =
        new java.util.TreeMap<>(Deltas.of(env.state().requestCounts(), stateCallsAtStart));
    if (carried == null) {
      inventory.put("strategy:" + inventoryStrategy, 1);
    } else {
      // The inventory was read by the parts (each names its strategy); add what they counted.
      addCarried(inventory, carried.storeCalls(), "inventory", Integer::sum);
      addCarried(state, carried.storeCalls(), "state", Integer::sum);
    }
    return Map.of("inventory", inventory, "state", state);
  }

  /** Capacity units this run consumed, per store and operation. */
  public Map<String, Map<String, Double>> storeCapacity() {
    Map<String, Double> inventory =
        new java.util.TreeMap<>(
            Deltas.ofDoubles(env.inventory().consumedCapacity(), inventoryCapacityAtStart));
    Map<String, Double> state =
        new java.util.TreeMap<>(
            Deltas.ofDoubles(env.state().consumedCapacity(), stateCapacityAtStart));
    if (carried != null) {
      addCarried(inventory, carried.storeCapacity(), "inventory", Double::sum);
      addCarried(state, carried.storeCapacity(), "state", Double::sum);
    }
    return Map.of("inventory", inventory, "state", state);
  }

  /** Adds to this run's own counts of {@code store} what the collected parts counted for it. */
  private static <V> void addCarried(
      Map<String, V> own,
      Map<String, Map<String, V>> carried,
      String store,
      java.util.function.BinaryOperator<V> plus) {
    carried.getOrDefault(store, Map.of()).forEach((k, v) -> own.merge(k, v, plus));
  }

  /**
   * Continues a run from a collected first half (the union of a sharded run's parts): its finding
   * stages become this run's funnel, its survivors this run's findings, and its request counts are
   * added to this run's.
   */
  public void resume(Collected collected) {
    funnel.clear();
    funnel.addAll(collected.funnel());
    findings = collected.findings();
    carried = collected;
  }

  public Workflow workflow() {
    return workflow;
  }

  public RunOptions options() {
    return options;
  }

  public RunEnvironment env() {
    return env;
  }

  public List<Enriched> findings() {
    return findings;
  }

  /** Replaces the surviving findings and records the funnel stage that removed the rest. */
  public void narrow(String stage, List<Enriched> survivors, String reason) {
    if (trace != null) {
      trace.narrowed(findings, survivors, stage, reason);
    }
    int dropped = findings.size() - survivors.size();
    findings = List.copyOf(survivors);
    funnel.add(new FunnelStage(stage, "findings", findings.size(), dropped, reason));
  }

  /** Replaces the findings with their enriched form, without a funnel stage. */
  public void enriched(List<Enriched> joined) {
    findings = List.copyOf(joined);
  }

  /** Sets the initial findings of the run (the {@code fetched} stage). */
  public void start(List<Enriched> fetched) {
    findings = List.copyOf(fetched);
    funnel.add(new FunnelStage("fetched", "findings", findings.size(), 0, null));
  }

  /**
   * From here on, follows every surviving finding to its fate (the run's current findings, when the
   * options ask for a trace).
   */
  void traceFromHere() {
    trace = new FindingTrace(findings);
  }

  /** The trace of the current findings, or {@code null} when the run keeps none. */
  FindingTrace trace() {
    return trace;
  }

  /**
   * Records how long a phase took, from {@code since} ({@link System#nanoTime()}) to now.
   *
   * @return now, the start of the next phase
   */
  long took(String phase, long since) {
    long now = System.nanoTime();
    durations.merge(phase, now - since, Long::sum);
    return now;
  }

  /** Milliseconds per phase, in the order they ran. */
  public Map<String, Long> durations() {
    Map<String, Long> millis = new LinkedHashMap<>();
    durations.forEach((phase, nanos) -> millis.put(phase, nanos / 1_000_000));
    return millis;
  }

  /** The alert groups, or {@code null} before the group step ran. */
  public List<Group> groups() {
    return groups;
  }

  public void groups(List<Group> value) {
    groups = List.copyOf(value);
    funnel.add(new FunnelStage("groups", "groups", groups.size(), 0, null));
  }

  public void groupStage(String stage, int count, int dropped, String reason) {
    funnel.add(new FunnelStage(stage, "groups", count, dropped, reason));
  }

  public Map<String, GroupState> states() {
    return states;
  }

  /** Fingerprint → what the run decided; insertion order follows the groups. */
  public Map<String, Decision> decisions() {
    return decisions;
  }

  /** Groups this run resolved (rebuilt from their last snapshot). */
  public List<Group> resolved() {
    return resolved;
  }

  /** Fingerprint → action id → outcome of the follow-up sent for that group. */
  public Map<String, Map<String, io.vulnsift.engine.report.DeliveryReport>> followUps() {
    return followUps;
  }

  public List<FunnelStage> funnel() {
    return funnel;
  }

  public List<PlanLine> plan() {
    return plan;
  }

  public List<String> errors() {
    return errors;
  }

  public String firstRun() {
    return firstRun;
  }

  public void firstRun(String value) {
    firstRun = value;
  }

  /** What a run decides for a group. */
  public enum DecisionKind {
    /** Never reported: deliver to every action. */
    NEW,
    /** Reported before, but some action has not delivered yet: deliver to those. */
    RETRY,
    /** First run, observed before the report window: recorded silently. */
    BASELINE,
    /** Already reported and nothing to re-notify. */
    SUPPRESSED,
    /** Another run is taking the first-run baseline; left for the next run. */
    DEFERRED,
    /** Reported, and changed in a way a re-notify rule reports (severity, new workload). */
    RENOTIFY,
    /** Resolved before and matching again, with the regression rule on: re-notified. */
    REOPEN,
    /** Resolved before and matching again, regression rule off: active again, silently. */
    REACTIVATE
  }

  /** A decision with the reason a person reads in the report. */
  public record Decision(DecisionKind kind, String reason) {}
}
