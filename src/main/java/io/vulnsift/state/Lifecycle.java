package io.vulnsift.state;

import static io.vulnsift.state.StateItems.EXPIRES;
import static io.vulnsift.state.StateItems.LAST_SEEN;
import static io.vulnsift.state.StateItems.PK;
import static io.vulnsift.state.StateItems.RESOLVED_AT;
import static io.vulnsift.state.StateItems.REVISION;
import static io.vulnsift.state.StateItems.SK;
import static io.vulnsift.state.StateItems.STATUS;
import static io.vulnsift.state.StateItems.s;
import static io.vulnsift.state.StateItems.seconds;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The lifecycle of reported groups after their first delivery: listing the active ones, the
 * heartbeat of groups that still match, and status changes guarded by a revision number so that one
 * run, not every concurrent one, sends a follow-up.
 */
final class Lifecycle {
  /** How long a resolved group is remembered (a regression within it reopens the same group). */
  static final java.time.Duration RESOLVED_RETENTION = java.time.Duration.ofDays(180);

  private final DynamoDbCalls calls;
  private final String table;

  Lifecycle(DynamoDbCalls calls, String table) {
    this.calls = calls;
    this.table = table;
  }

  List<GroupState> listActive(String workflow, Instant now) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :g)")
            .filterExpression("#status = :active OR attribute_exists(#pending)")
            .expressionAttributeNames(
                Map.of("#pk", PK, "#sk", SK, "#status", STATUS, "#pending", StateItems.PENDING))
            .expressionAttributeValues(
                Map.of(
                    ":pk", s(StateItems.pk(workflow)),
                    ":g", s("g#"),
                    ":active", s(GroupStatus.ACTIVE.name())))
            .build();
    List<GroupState> out = new ArrayList<>();
    calls.queryPages(
        table,
        query,
        item -> {
          if (!StateItems.expired(item, now)) {
            out.add(StateItems.groupState(item));
          }
        });
    return out;
  }

  void touch(String workflow, GroupSnapshot snapshot, Instant now) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#last", LAST_SEEN));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", seconds(now)));
    StringBuilder set = new StringBuilder("SET #last = :now");
    StateItems.setSnapshot(snapshot, names, values, set);
    try {
      update(
          workflow, snapshot.fingerprint(), set.toString(), "attribute_exists(#pk)", names, values);
    } catch (ConditionalCheckFailedException e) {
      // The group is gone (expired and deleted): nothing to keep alive.
    }
  }

  boolean transition(
      String workflow,
      String fingerprint,
      long expectedRevision,
      GroupStatus status,
      GroupSnapshot snapshot,
      Instant now) {
    // DynamoDB rejects attribute names an expression does not use: add #last only when set.
    Map<String, String> names =
        new HashMap<>(
            Map.of(
                "#pk",
                PK,
                "#rev",
                REVISION,
                "#status",
                STATUS,
                "#res",
                RESOLVED_AT,
                "#exp",
                EXPIRES));
    if (status != GroupStatus.RESOLVED) {
      names.put("#last", LAST_SEEN);
    }
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":status", s(status.name()),
                ":expected", AttributeValue.fromN(Long.toString(expectedRevision)),
                ":next", AttributeValue.fromN(Long.toString(expectedRevision + 1)),
                ":now", seconds(now)));
    StringBuilder set = new StringBuilder("SET #status = :status, #rev = :next");
    if (status == GroupStatus.RESOLVED) {
      // A resolved group is forgotten after the retention: if it ever comes back after that, it
      // is a new group and alerted again. DynamoDB's TTL deletes it; until then reads ignore it.
      set.append(", #res = :now, #exp = :exp");
      values.put(":exp", seconds(now.plus(RESOLVED_RETENTION)));
    } else {
      set.append(", #last = :now");
    }
    if (snapshot != null) {
      StateItems.setSnapshot(snapshot, names, values, set);
    }
    String remove = status == GroupStatus.RESOLVED ? "" : " REMOVE #res, #exp";
    String condition =
        expectedRevision == 0
            ? "attribute_exists(#pk) AND (attribute_not_exists(#rev) OR #rev = :expected)"
            : "attribute_exists(#pk) AND #rev = :expected";
    try {
      update(workflow, fingerprint, set + remove, condition, names, values);
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false; // another run made this change first
    }
  }

  void recordFollowUpFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String kind,
      String reason,
      Instant now) {
    String attr = StateItems.FOLLOW_UP_PREFIX + actionId;
    update(
        workflow,
        fingerprint,
        "SET #f = :f, #q = if_not_exists(#q, :zero) + :one ADD #pending :ids",
        null,
        Map.of("#f", attr, "#q", "q_" + actionId, "#pending", StateItems.PENDING),
        Map.of(
            ":f",
                AttributeValue.fromM(
                    Map.of(
                        "kind",
                        s(kind),
                        "reason",
                        s(reason == null ? "" : reason),
                        "at",
                        seconds(now))),
            ":zero", AttributeValue.fromN("0"),
            ":one", AttributeValue.fromN("1"),
            ":ids", AttributeValue.fromSs(List.of(actionId))));
  }

  void clearFollowUp(String workflow, String fingerprint, String actionId) {
    update(
        workflow,
        fingerprint,
        "REMOVE #f, #q DELETE #pending :ids",
        null,
        Map.of(
            "#f", StateItems.FOLLOW_UP_PREFIX + actionId,
            "#q", "q_" + actionId,
            "#pending", StateItems.PENDING),
        Map.of(":ids", AttributeValue.fromSs(List.of(actionId))));
  }

  /** One UpdateItem of a group item, counted; {@code condition} may be null. */
  private void update(
      String workflow,
      String fingerprint,
      String expression,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    calls.update(
        table,
        b ->
            b.key(StateItems.groupKey(workflow, fingerprint))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
  }
}
