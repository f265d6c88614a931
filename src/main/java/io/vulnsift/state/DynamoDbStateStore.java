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
import io.vulnsift.engine.port.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The reported state in one DynamoDB table ({@code VULNSIFT_STATE_TABLE}), single-table design:
 *
 * <ul>
 *   <li><b>Group item</b> {@code pk = "wf#" + workflow}, {@code sk = "g#" + fingerprint}: {@code
 *       status} (BASELINE|ACTIVE|RESOLVED), {@code key} (map of key fields), the snapshot ({@code
 *       images}, {@code workloads} lists, {@code maxSeverity}, {@code earliestObservedAt}), {@code
 *       firstSeenAt}/{@code lastSeenAt} (epoch seconds), optional {@code expiresAt} (TTL, epoch
 *       seconds). Each action's delivery is one top-level map {@code d_<actionId>} = {@code {st,
 *       owner, lease, result, error, at}} ({@code lease}, {@code at}: epoch millis) plus its
 *       attempt counter {@code n_<actionId>} (a separate number so that a claim can increment it
 *       and replace the map in the same single update). One BatchGetItem of group items therefore
 *       returns every delivery.
 *   <li><b>Marker item</b> {@code pk = "wf#" + workflow}, {@code sk = "marker"}: {@code status}
 *       (CLAIMED|DONE), {@code owner}, {@code lease} (epoch millis), {@code at}.
 * </ul>
 *
 * <p>A claim is one conditional UpdateItem; its failure returns the old item (ALL_OLD), so a lost
 * claim tells DELIVERED from HELD_BY_OTHER without a second read. Results are written only while
 * the run still owns the claim, so a crashed run's late write never overwrites a new owner's.
 */
public final class DynamoDbStateStore implements StateStore {

  private static final System.Logger LOG = System.getLogger(DynamoDbStateStore.class.getName());
  private static final String CLAIMED = "CLAIMED";
  private static final String DONE = "DONE";

  private final DynamoDbCalls calls;
  private final String table;
  private final Claims claims;

  /**
   * @param table the state table ({@code VULNSIFT_STATE_TABLE}, default {@code vulnsift-state})
   */
  public DynamoDbStateStore(DynamoDbClient client, String table) {
    this.calls = new DynamoDbCalls(client);
    this.table = table;
    this.claims = new Claims(calls, table);
  }

  @Override
  public Map<String, GroupState> load(
      String workflow, Collection<String> fingerprints, Instant now) {
    // BatchGetItem rejects duplicate keys, so de-duplicate first.
    List<Map<String, AttributeValue>> keys =
        new LinkedHashSet<>(fingerprints)
            .stream().map(fp -> StateItems.groupKey(workflow, fp)).toList();
    Map<String, GroupState> states = new HashMap<>();
    for (Map<String, AttributeValue> item : calls.getAll(table, keys)) {
      if (!StateItems.expired(item, now)) {
        GroupState state = StateItems.groupState(item);
        states.put(state.fingerprint(), state);
      }
    }
    return states;
  }

  @Override
  public MarkerState marker(String workflow, Instant now) {
    Map<String, AttributeValue> item =
        calls
            .call(
                "GetItem",
                table,
                () ->
                    calls
                        .client()
                        .getItem(
                            b ->
                                b.tableName(table)
                                    .key(StateItems.markerKey(workflow))
                                    .consistentRead(true)))
            .item();
    if (item == null || item.isEmpty() || StateItems.expired(item, now)) {
      return new MarkerState(MarkerStatus.ABSENT, null, null);
    }
    return markerState(item, now, MarkerStatus.ABSENT);
  }

  @Override
  public MarkerState claimBaseline(String workflow, String runId, Instant now, Duration lease) {
    Instant leaseUntil = now.plus(lease);
    Map<String, AttributeValue> item = new HashMap<>(StateItems.markerKey(workflow));
    item.put(STATUS, s(CLAIMED));
    item.put(OWNER, s(runId));
    item.put(LEASE, millis(leaseUntil));
    item.put(AT, millis(now));
    try {
      calls.call(
          "PutItem",
          table,
          () ->
              calls
                  .client()
                  .putItem(
                      b ->
                          b.tableName(table)
                              .item(item)
                              .conditionExpression(
                                  "attribute_not_exists(#pk) OR #exp < :nowS OR (#status = :claimed"
                                      + " AND (#lease < :nowMs OR #owner = :run))")
                              .expressionAttributeNames(
                                  Map.of(
                                      "#pk", PK, "#exp", EXPIRES, "#status", STATUS, "#lease",
                                      LEASE, "#owner", OWNER))
                              .expressionAttributeValues(
                                  Map.of(
                                      ":nowS", seconds(now),
                                      ":nowMs", millis(now),
                                      ":claimed", s(CLAIMED),
                                      ":run", s(runId)))
                              .returnValuesOnConditionCheckFailure(
                                  ReturnValuesOnConditionCheckFailure.ALL_OLD)));
      return new MarkerState(MarkerStatus.ACQUIRED, runId, leaseUntil);
    } catch (ConditionalCheckFailedException e) {
      return markerState(e.item(), now, MarkerStatus.HELD_BY_OTHER);
    }
  }

  @Override
  public void recordBaseline(String workflow, List<GroupSnapshot> groups, Instant now) {
    // One put per fingerprint: BatchWriteItem rejects two writes to the same key in a request.
    Map<String, WriteRequest> puts = new LinkedHashMap<>();
    for (GroupSnapshot g : groups) {
      PutRequest put = PutRequest.builder().item(StateItems.baselineItem(workflow, g, now)).build();
      puts.put(g.fingerprint(), WriteRequest.builder().putRequest(put).build());
    }
    calls.writeAll(table, new ArrayList<>(puts.values()));
  }

  @Override
  public void completeBaseline(String workflow, String runId, Instant now) {
    try {
      calls.call(
          "UpdateItem",
          table,
          () ->
              calls
                  .client()
                  .updateItem(
                      b ->
                          b.tableName(table)
                              .key(StateItems.markerKey(workflow))
                              .updateExpression("SET #status = :done, #at = :nowMs REMOVE #lease")
                              .conditionExpression("#owner = :run AND #status = :claimed")
                              .expressionAttributeNames(
                                  Map.of(
                                      "#status", STATUS, "#at", AT, "#lease", LEASE, "#owner",
                                      OWNER))
                              .expressionAttributeValues(
                                  Map.of(
                                      ":done", s(DONE),
                                      ":claimed", s(CLAIMED),
                                      ":nowMs", millis(now),
                                      ":run", s(runId)))
                              .returnValuesOnConditionCheckFailure(
                                  ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    } catch (ConditionalCheckFailedException e) {
      MarkerState current = markerState(e.item(), now, MarkerStatus.ABSENT);
      if (current.status() != MarkerStatus.DONE) {
        // Our lease ran out and another run took the baseline over: it will complete it.
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

  @Override
  public Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease) {
    return claims.claim(workflow, group, actionId, runId, now, lease);
  }

  @Override
  public void recordDelivered(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      Map<String, String> result,
      Instant now) {
    claims.finish(
        workflow,
        fingerprint,
        actionId,
        runId,
        StateItems.delivered(runId, result == null ? Map.of() : result, now));
  }

  @Override
  public void recordFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      String error,
      Instant now) {
    claims.finish(workflow, fingerprint, actionId, runId, StateItems.failed(runId, error, now));
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return calls.counts();
  }

  /** A marker item as a state; {@code whenFree} is returned for a claim whose lease expired. */
  private static MarkerState markerState(
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
