package io.vulnsift.state;

import static io.vulnsift.state.StateItems.AT;
import static io.vulnsift.state.StateItems.EXPIRES;
import static io.vulnsift.state.StateItems.LEASE;
import static io.vulnsift.state.StateItems.OWNER;
import static io.vulnsift.state.StateItems.PK;
import static io.vulnsift.state.StateItems.STATUS;
import static io.vulnsift.state.StateItems.millis;
import static io.vulnsift.state.StateItems.s;
import static io.vulnsift.state.StateItems.seconds;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.port.StateStore.MarkerState;
import io.vulnsift.engine.port.StateStore.MarkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The workflow marker item ({@code sk = "marker"}): {@code status} CLAIMED while a first run takes
 * the baseline under a lease, DONE after. Every change is one conditional write; a failed one
 * returns the marker as it stands (ALL_OLD), so no second read is needed.
 */
final class Markers {

  private static final System.Logger LOG = System.getLogger(Markers.class.getName());
  private static final String CLAIMED = "CLAIMED";
  private static final String DONE = "DONE";

  /**
   * Free when absent, expired by TTL, or claimed under a lease that ran out; re-entrant for the run
   * that holds it (a retried call of the same run must not lock itself out).
   */
  private static final String CLAIMABLE =
      "attribute_not_exists(#pk) OR #exp < :nowS"
          + " OR (#status = :claimed AND (#lease < :nowMs OR #owner = :run))";

  private final DynamoDbCalls calls;
  private final String table;

  Markers(DynamoDbCalls calls, String table) {
    this.calls = calls;
    this.table = table;
  }

  MarkerState get(String workflow, Instant now) {
    Map<String, AttributeValue> item =
        calls.get(table, b -> b.key(StateItems.markerKey(workflow)).consistentRead(true)).item();
    if (item != null && StateItems.expired(item, now)) {
      item = null;
    }
    return state(item, now, MarkerStatus.ABSENT);
  }

  MarkerState claim(String workflow, String runId, Instant now, Duration lease) {
    Instant leaseUntil = now.plus(lease);
    Map<String, AttributeValue> item = new HashMap<>(StateItems.markerKey(workflow));
    item.put(STATUS, s(CLAIMED));
    item.put(OWNER, s(runId));
    item.put(LEASE, millis(leaseUntil));
    item.put(AT, millis(now));
    Map<String, String> names =
        Map.of("#pk", PK, "#exp", EXPIRES, "#status", STATUS, "#lease", LEASE, "#owner", OWNER);
    Map<String, AttributeValue> values =
        Map.of(
            ":nowS", seconds(now),
            ":nowMs", millis(now),
            ":claimed", s(CLAIMED),
            ":run", s(runId));
    try {
      calls.put(
          table,
          b ->
              b.item(item)
                  .conditionExpression(CLAIMABLE)
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new MarkerState(MarkerStatus.ACQUIRED, runId, leaseUntil);
    } catch (ConditionalCheckFailedException e) {
      return state(e.item(), now, MarkerStatus.HELD_BY_OTHER);
    }
  }

  void complete(String workflow, String runId, Instant now) {
    Map<String, String> names =
        Map.of("#status", STATUS, "#at", AT, "#lease", LEASE, "#owner", OWNER);
    Map<String, AttributeValue> values =
        Map.of(
            ":done", s(DONE),
            ":claimed", s(CLAIMED),
            ":nowMs", millis(now),
            ":run", s(runId));
    try {
      calls.update(
          table,
          b ->
              b.key(StateItems.markerKey(workflow))
                  .updateExpression("SET #status = :done, #at = :nowMs REMOVE #lease")
                  .conditionExpression("#owner = :run AND #status = :claimed")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException e) {
      MarkerState current = state(e.item(), now, MarkerStatus.ABSENT);
      if (current.status() != MarkerStatus.DONE) {
        // Our lease ran out and another run took the baseline over: that run completes it.
        LOG.log(
            System.Logger.Level.WARNING,
            "baseline of workflow {0}: run {1} no longer holds the marker (now {2} by {3})",
            workflow,
            runId,
            current.status(),
            current.owner());
      }
    }
  }

  /** A marker item as a state; {@code whenFree} stands for "absent, or claimed but expired". */
  private static MarkerState state(
      Map<String, AttributeValue> item, Instant now, MarkerStatus whenFree) {
    if (item == null || item.isEmpty()) {
      return new MarkerState(whenFree, null, null);
    }
    String owner = StateItems.str(item.get(OWNER), null);
    Instant leaseUntil = StateItems.instantMillis(item.get(LEASE));
    if (DONE.equals(StateItems.str(item.get(STATUS), null))) {
      return new MarkerState(MarkerStatus.DONE, owner, null);
    }
    boolean live = leaseUntil != null && !leaseUntil.isBefore(now);
    return new MarkerState(live ? MarkerStatus.HELD_BY_OTHER : whenFree, owner, leaseUntil);
  }
}
