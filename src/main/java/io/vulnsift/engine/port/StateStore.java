package io.vulnsift.engine.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reported state: per (workflow, group) what was reported, and per (group, action) the
 * delivery, claimed before the side effect so that each is delivered exactly once (SPEC §3).
 *
 * <p>Every method takes the run's clock; an item whose {@code expiresAt} lies before it is treated
 * as absent even though DynamoDB's TTL deletion has not removed it yet. Adapters keep their SDK
 * exceptions to themselves: contention is a return value, infrastructure failure a {@link
 * StoreException}.
 */
public interface StateStore {

  /**
   * Group states of a workflow for these fingerprints (batched reads); absent groups are left out.
   */
  Map<String, GroupState> load(String workflow, Collection<String> fingerprints, Instant now);

  /** The workflow marker as it stands, without changing it (for dry runs and waiting). */
  MarkerState marker(String workflow, Instant now);

  /**
   * Tries to take the first-run baseline of a workflow: succeeds when no marker exists, or when the
   * run that held it let its lease expire (it crashed).
   */
  MarkerState claimBaseline(String workflow, String runId, Instant now, Duration lease);

  /** Records groups as {@code BASELINE}: known, not alerted. Only for the marker's holder. */
  void recordBaseline(String workflow, List<GroupSnapshot> groups, Instant now);

  /** Marks the baseline done; later runs treat the workflow as having history. */
  void completeBaseline(String workflow, String runId, Instant now);

  /**
   * Claims the delivery of a group to one action with a lease: wins when the delivery has no
   * record, failed before, or is pending under an expired lease. Records the group as reported.
   */
  Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease);

  /** Records the result of a claimed delivery (e.g. the Jira key, the Slack ts). */
  void recordDelivered(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      Map<String, String> result,
      Instant now);

  /** Records a failed delivery; the next run may claim it again. */
  void recordFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      String error,
      Instant now);

  /**
   * The {@code ACTIVE} (reported) groups of a workflow, and any group with a pending follow-up:
   * what a full run checks for resolution and retries. One Query of the workflow's partition,
   * paginated.
   */
  List<GroupState> listActive(String workflow, Instant now);

  /** Keeps a failed follow-up of one action for a later run (replacing an earlier one). */
  void recordFollowUpFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String kind,
      String reason,
      Instant now);

  /** Forgets the pending follow-up of one action once it was sent. */
  void clearFollowUp(String workflow, String fingerprint, String actionId);

  /**
   * Records that a reported group still matches: its snapshot and {@code lastSeenAt}. A heartbeat
   * the engine writes at most every quarter of the resolve grace period, not every run.
   */
  void touch(String workflow, GroupSnapshot snapshot, Instant now);

  /**
   * Moves a group to a new status (and snapshot) if its revision is still {@code expectedRevision}:
   * of concurrent runs seeing the same change, exactly one wins and sends the follow-ups
   * (re-notify, resolve, reopen).
   *
   * @param snapshot the new snapshot, or {@code null} to keep the stored one
   * @return whether this run won
   */
  boolean transition(
      String workflow,
      String fingerprint,
      long expectedRevision,
      GroupStatus status,
      GroupSnapshot snapshot,
      Instant now);

  /** Capacity units consumed per operation since this store was created (empty if unknown). */
  default Map<String, Double> consumedCapacity() {
    return Map.of();
  }

  /** Request counters since this store was created, e.g. {@code BatchGetItem → 2}. */
  Map<String, Integer> requestCounts();

  /** Status of a group for a workflow. */
  enum GroupStatus {
    BASELINE,
    ACTIVE,
    RESOLVED
  }

  /** Status of one (group, action) delivery. */
  enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
  }

  /**
   * What the state says of one group.
   *
   * @param deliveries action id → delivery
   * @param snapshot what was last recorded of the group (images, workloads, max severity)
   * @param resolvedAt when the group was resolved, if it is
   * @param revision bumped by every {@link #transition}: the optimistic lock of lifecycle changes
   * @param pendingFollowUps action id → follow-up that failed and waits for a later run
   */
  record GroupState(
      String fingerprint,
      GroupStatus status,
      Instant firstSeenAt,
      Instant lastSeenAt,
      Map<String, Delivery> deliveries,
      GroupSnapshot snapshot,
      Instant resolvedAt,
      long revision,
      Map<String, PendingFollowUp> pendingFollowUps) {
    public GroupState {
      deliveries = Map.copyOf(deliveries);
      pendingFollowUps = pendingFollowUps == null ? Map.of() : Map.copyOf(pendingFollowUps);
    }
  }

  /**
   * A follow-up (re-notify, resolve, reopen) an action failed to send, kept until a later run sends
   * it.
   *
   * @param kind {@code RENOTIFY}, {@code RESOLVE} or {@code REOPEN}
   */
  record PendingFollowUp(String kind, String reason, int attempts) {}

  /**
   * One (group, action) delivery.
   *
   * @param owner run id that holds or held the claim
   * @param leaseUntil when a pending claim may be taken over
   * @param result what the action returned (Jira key, Slack channel and ts, …)
   */
  record Delivery(
      DeliveryStatus status,
      String owner,
      Instant leaseUntil,
      Map<String, String> result,
      String error,
      int attempts) {
    public Delivery {
      result = result == null ? Map.of() : Map.copyOf(result);
    }
  }

  /**
   * What is written about a group: its key and a snapshot of what was seen.
   *
   * @param key group key fields
   * @param affectedImages sorted digests
   * @param workloads running workloads as {@code cluster/namespace/workload}
   */
  record GroupSnapshot(
      String fingerprint,
      Map<String, String> key,
      List<String> affectedImages,
      List<String> workloads,
      String maxSeverity,
      Instant earliestObservedAt) {
    public GroupSnapshot {
      key = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(key)); // stable order
      affectedImages = List.copyOf(affectedImages);
      workloads = List.copyOf(workloads);
    }
  }

  /** The workflow marker: whether the first-run baseline was taken. */
  enum MarkerStatus {
    /** No marker: the workflow has never completed a first run. */
    ABSENT,
    /** This run holds the baseline. */
    ACQUIRED,
    /** Another run holds the baseline under a live lease. */
    HELD_BY_OTHER,
    /** The baseline is done: the workflow has history. */
    DONE
  }

  /** Marker status with the holder's lease, when one is held. */
  record MarkerState(MarkerStatus status, String owner, Instant leaseUntil) {}

  /** Outcome of a delivery claim. */
  enum ClaimOutcome {
    /** This run won: perform the side effect, then record it. */
    CLAIMED,
    /** Already delivered: nothing to do. */
    ALREADY_DELIVERED,
    /** Another run holds a live claim: skip, it will deliver or its lease will expire. */
    HELD_BY_OTHER
  }

  /**
   * Claim outcome with the previous delivery record (from the failed condition check), so a retried
   * claim knows what the crashed attempt left behind.
   */
  record Claim(ClaimOutcome outcome, Delivery previous) {}
}
