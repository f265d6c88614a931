package io.vulnsift.state;

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
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
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
 * <p>A claim is one conditional UpdateItem that also writes the group's key and snapshot and sets
 * it ACTIVE (a claimed BASELINE group is being alerted); its failure returns the old item
 * (ALL_OLD), so a lost claim tells DELIVERED from HELD_BY_OTHER without a second read. Results are
 * written only while the run still owns the claim, so a crashed run's late write never overwrites a
 * new owner's.
 */
public final class DynamoDbStateStore implements StateStore {

  private final DynamoDbCalls calls;
  private final String table;
  private final Claims claims;
  private final Markers markers;
  private final Lifecycle lifecycle;

  /**
   * @param table the state table ({@code VULNSIFT_STATE_TABLE}, default {@code vulnsift-state})
   */
  public DynamoDbStateStore(DynamoDbClient client, String table) {
    this.calls = new DynamoDbCalls(client);
    this.table = table;
    this.claims = new Claims(calls, table);
    this.markers = new Markers(calls, table);
    this.lifecycle = new Lifecycle(calls, table);
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
    return markers.get(workflow, now);
  }

  @Override
  public MarkerState claimBaseline(String workflow, String runId, Instant now, Duration lease) {
    return markers.claim(workflow, runId, now, lease);
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
    markers.complete(workflow, runId, now);
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
  public List<GroupState> listActive(String workflow, Instant now) {
    return lifecycle.listActive(workflow, now);
  }

  @Override
  public void recordFollowUpFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String kind,
      String reason,
      Instant now) {
    lifecycle.recordFollowUpFailed(workflow, fingerprint, actionId, kind, reason, now);
  }

  @Override
  public void clearFollowUp(String workflow, String fingerprint, String actionId) {
    lifecycle.clearFollowUp(workflow, fingerprint, actionId);
  }

  @Override
  public void touch(String workflow, GroupSnapshot snapshot, Instant now) {
    lifecycle.touch(workflow, snapshot, now);
  }

  @Override
  public boolean transition(
      String workflow,
      String fingerprint,
      long expectedRevision,
      GroupStatus status,
      GroupSnapshot snapshot,
      Instant now) {
    return lifecycle.transition(workflow, fingerprint, expectedRevision, status, snapshot, now);
  }

  @Override
  public Map<String, Double> consumedCapacity() {
    return calls.capacity();
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return calls.counts();
  }
}
