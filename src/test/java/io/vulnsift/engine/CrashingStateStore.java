package io.vulnsift.engine;

import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The real state store, except that the process "dies" once at a chosen boundary of a delivery: an
 * {@link Error} that nothing in the engine catches, the way a killed process leaves no chance to
 * clean up. What the database holds at that moment is exactly what a crash would leave.
 */
final class CrashingStateStore implements StateStore {

  /** Where the crash happens. */
  enum Boundary {
    AFTER_CLAIM,
    AFTER_SIDE_EFFECT,
    AFTER_RECORD,
    /** Not a crash: the store refuses the record of a delivery that happened (it stays claimed). */
    RECORD_REFUSED
  }

  /** The simulated death of the process. */
  static final class Crash extends Error {
    Crash(Boundary at) {
      super("simulated crash " + at);
    }
  }

  private final StateStore delegate;
  private final Boundary boundary;
  private int deliveriesBeforeCrash;

  /** Crashes at {@code boundary} of the delivery after {@code deliveriesBeforeCrash} others. */
  CrashingStateStore(StateStore delegate, Boundary boundary, int deliveriesBeforeCrash) {
    this.delegate = delegate;
    this.boundary = boundary;
    this.deliveriesBeforeCrash = deliveriesBeforeCrash;
  }

  @Override
  public Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease) {
    Claim claim = delegate.claim(workflow, group, actionId, runId, now, lease);
    if (claim.outcome() == ClaimOutcome.CLAIMED && boundary == Boundary.AFTER_CLAIM && due()) {
      throw new Crash(boundary);
    }
    return claim;
  }

  @Override
  public void recordDelivered(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      Map<String, String> result,
      Instant now) {
    // The side effect has happened when the engine records it.
    if (boundary == Boundary.AFTER_SIDE_EFFECT && due()) {
      throw new Crash(boundary);
    }
    if (boundary == Boundary.RECORD_REFUSED && due()) {
      throw new StoreException("ProvisionedThroughputExceeded after retries (simulated)", null);
    }
    delegate.recordDelivered(workflow, fingerprint, actionId, runId, result, now);
    if (boundary == Boundary.AFTER_RECORD && due()) {
      throw new Crash(boundary);
    }
  }

  private boolean due() {
    return deliveriesBeforeCrash-- == 0;
  }

  @Override
  public Map<String, GroupState> load(String workflow, Collection<String> fps, Instant now) {
    return delegate.load(workflow, fps, now);
  }

  @Override
  public MarkerState marker(String workflow, Instant now) {
    return delegate.marker(workflow, now);
  }

  @Override
  public MarkerState claimBaseline(String workflow, String runId, Instant now, Duration lease) {
    return delegate.claimBaseline(workflow, runId, now, lease);
  }

  @Override
  public void recordBaseline(String workflow, List<GroupSnapshot> groups, Instant now) {
    delegate.recordBaseline(workflow, groups, now);
  }

  @Override
  public void completeBaseline(String workflow, String runId, Instant now) {
    delegate.completeBaseline(workflow, runId, now);
  }

  @Override
  public void recordFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      String error,
      Instant now) {
    delegate.recordFailed(workflow, fingerprint, actionId, runId, error, now);
  }

  @Override
  public List<GroupState> listActive(String workflow, Instant now) {
    return delegate.listActive(workflow, now);
  }

  @Override
  public void recordFollowUpFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String kind,
      String reason,
      Instant now) {
    delegate.recordFollowUpFailed(workflow, fingerprint, actionId, kind, reason, now);
  }

  @Override
  public void clearFollowUp(String workflow, String fingerprint, String actionId) {
    delegate.clearFollowUp(workflow, fingerprint, actionId);
  }

  @Override
  public void touch(String workflow, GroupSnapshot snapshot, Instant now) {
    delegate.touch(workflow, snapshot, now);
  }

  @Override
  public boolean transition(
      String workflow,
      String fingerprint,
      long expectedRevision,
      GroupStatus status,
      GroupSnapshot snapshot,
      Instant now) {
    return delegate.transition(workflow, fingerprint, expectedRevision, status, snapshot, now);
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return delegate.requestCounts();
  }
}
