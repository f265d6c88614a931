package io.vulnsift.state;

import static io.vulnsift.state.StateItems.EXPIRES;
import static io.vulnsift.state.StateItems.FIRST_SEEN;
import static io.vulnsift.state.StateItems.LAST_SEEN;
import static io.vulnsift.state.StateItems.LEASE;
import static io.vulnsift.state.StateItems.OWNER;
import static io.vulnsift.state.StateItems.ST;
import static io.vulnsift.state.StateItems.STATUS;
import static io.vulnsift.state.StateItems.millis;
import static io.vulnsift.state.StateItems.s;
import static io.vulnsift.state.StateItems.seconds;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.port.StateStore.Claim;
import io.vulnsift.engine.port.StateStore.ClaimOutcome;
import io.vulnsift.engine.port.StateStore.Delivery;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The (group, action) delivery claim and its result: one conditional UpdateItem each (an expired
 * group item costs a DeleteItem and a second UpdateItem once).
 */
final class Claims {

  private static final System.Logger LOG = System.getLogger(Claims.class.getName());

  /**
   * Claimable when there is no delivery record, it failed, or its pending lease ran out; and the
   * item has not expired. An expired item (TTL deletion lags) counts as absent, but updating it
   * would revive its other actions' stale deliveries, so it is deleted first (see {@link #claim}).
   */
  private static final String CLAIMABLE =
      "(attribute_not_exists(#exp) OR #exp >= :nowS) AND (attribute_not_exists(#d)"
          + " OR #d.#st = :failed OR (#d.#st = :pending AND #d.#lease < :nowMs))";

  private final DynamoDbCalls calls;
  private final String table;

  Claims(DynamoDbCalls calls, String table) {
    this.calls = calls;
    this.table = table;
  }

  Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease) {
    return claim(workflow, group, actionId, runId, now, lease, true);
  }

  private Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease,
      boolean mayDeleteExpired) {
    Map<String, String> names = new HashMap<>(deliveryNames(actionId));
    names.put("#status", STATUS);
    names.put("#first", FIRST_SEEN);
    names.put("#last", LAST_SEEN);
    names.put("#exp", EXPIRES);
    names.put("#lease", LEASE);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":new", AttributeValue.fromM(StateItems.pending(runId, now.plus(lease), now)));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    // Claiming means alerting: a BASELINE (or RESOLVED, on regression) group becomes ACTIVE.
    values.put(":active", s(GroupStatus.ACTIVE.name()));
    values.put(":nowS", seconds(now));
    values.put(":nowMs", millis(now));
    values.put(":failed", s(DeliveryStatus.FAILED.name()));
    values.put(":pending", s(DeliveryStatus.PENDING.name()));
    StringBuilder update =
        new StringBuilder(
            "SET #d = :new, #n = if_not_exists(#n, :zero) + :one, #status = :active,"
                + " #first = if_not_exists(#first, :nowS), #last = :nowS");
    StateItems.setSnapshot(group, names, values, update);
    try {
      UpdateItemResponse response =
          calls.update(
              table,
              b ->
                  b.key(StateItems.groupKey(workflow, group.fingerprint()))
                      .updateExpression(update.toString())
                      .conditionExpression(CLAIMABLE)
                      .expressionAttributeNames(names)
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.UPDATED_OLD)
                      .returnValuesOnConditionCheckFailure(
                          ReturnValuesOnConditionCheckFailure.ALL_OLD));
      // UPDATED_OLD: what the failed or crashed attempt left behind, at no extra request.
      Map<String, AttributeValue> old = response.attributes();
      return new Claim(ClaimOutcome.CLAIMED, previous(old, actionId));
    } catch (ConditionalCheckFailedException e) {
      if (mayDeleteExpired && e.item() != null && StateItems.expired(e.item(), now)) {
        deleteExpired(workflow, group.fingerprint(), e.item().get(EXPIRES));
        return claim(workflow, group, actionId, runId, now, lease, false);
      }
      Delivery previous = previous(e.item(), actionId);
      boolean delivered = previous != null && previous.status() == DeliveryStatus.DELIVERED;
      return new Claim(
          delivered ? ClaimOutcome.ALREADY_DELIVERED : ClaimOutcome.HELD_BY_OTHER, previous);
    }
  }

  /** Deletes an expired group item unless someone revived it meanwhile (its TTL changed). */
  private void deleteExpired(String workflow, String fingerprint, AttributeValue expiresAt) {
    try {
      calls.delete(
          table,
          b ->
              b.key(StateItems.groupKey(workflow, fingerprint))
                  .conditionExpression("#exp = :old")
                  .expressionAttributeNames(Map.of("#exp", EXPIRES))
                  .expressionAttributeValues(Map.of(":old", expiresAt)));
    } catch (ConditionalCheckFailedException e) {
      // Another run deleted or revived it first; the retried claim sees its work.
    }
  }

  /** Replaces the delivery map with its outcome, only while {@code runId} still owns the claim. */
  void finish(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      Map<String, AttributeValue> outcome) {
    Map<String, String> names =
        Map.of("#d", StateItems.DELIVERY_PREFIX + actionId, "#owner", OWNER);
    try {
      calls.update(
          table,
          b ->
              b.key(StateItems.groupKey(workflow, fingerprint))
                  .updateExpression("SET #d = :outcome")
                  .conditionExpression("#d.#owner = :run")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(
                      Map.of(":outcome", AttributeValue.fromM(outcome), ":run", s(runId))));
    } catch (ConditionalCheckFailedException e) {
      // The lease ran out and another run took the claim over: its record is the one that counts.
      LOG.log(
          System.Logger.Level.WARNING,
          "workflow {0}, group {1}, action {2}: run {3} lost its claim; result not recorded",
          workflow,
          fingerprint,
          actionId,
          runId);
    }
  }

  private static Map<String, String> deliveryNames(String actionId) {
    return Map.of(
        "#d", StateItems.DELIVERY_PREFIX + actionId,
        "#n", StateItems.ATTEMPTS_PREFIX + actionId,
        "#st", ST);
  }

  private static Delivery previous(Map<String, AttributeValue> item, String actionId) {
    if (item == null) {
      return null;
    }
    return StateItems.delivery(
        item.get(StateItems.DELIVERY_PREFIX + actionId),
        item.get(StateItems.ATTEMPTS_PREFIX + actionId));
  }
}
