package io.vulnsift.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.StateStore.Claim;
import io.vulnsift.engine.port.StateStore.ClaimOutcome;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import io.vulnsift.engine.port.StateStore.MarkerState;
import io.vulnsift.engine.port.StateStore.MarkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbStateStoreTest {

  static final String TABLE = "state-test";
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);
  static final AtomicInteger WORKFLOWS = new AtomicInteger();

  static LocalDynamoDb db;
  DynamoDbStateStore store;
  String wf;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "inventory-test", TABLE);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void freshStore() {
    store = new DynamoDbStateStore(db.client(), TABLE);
    wf = "wf-" + WORKFLOWS.incrementAndGet();
  }

  static GroupSnapshot group(String fingerprint) {
    return new GroupSnapshot(
        fingerprint,
        Map.of("vulnerabilityId", "CVE-2024-6119", "packageName", "openssl"),
        List.of("sha256:aaa", "sha256:bbb"),
        List.of("prod/shop/api"),
        "CRITICAL",
        T0.minus(Duration.ofDays(3)));
  }

  @Test
  void loadLeavesOutAbsentGroupsAndReadsPresentOnes() {
    store.claim(wf, group("fp1"), "jira", "run1", T0, LEASE);

    Map<String, GroupState> states = store.load(wf, List.of("fp1", "fp2"), T0);

    assertThat(states).containsOnlyKeys("fp1");
    GroupState s = states.get("fp1");
    assertThat(s.status()).isEqualTo(GroupStatus.ACTIVE);
    assertThat(s.firstSeenAt()).isEqualTo(T0);
    assertThat(s.deliveries()).containsOnlyKeys("jira");
    assertThat(s.deliveries().get("jira").status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(s.deliveries().get("jira").owner()).isEqualTo("run1");
    assertThat(s.deliveries().get("jira").leaseUntil()).isEqualTo(T0.plus(LEASE));
    assertThat(s.deliveries().get("jira").attempts()).isEqualTo(1);
  }

  @Test
  void expiredButNotYetDeletedGroupIsAbsent() {
    store.claim(wf, group("fp1"), "jira", "run1", T0, LEASE);
    store.claim(wf, group("fp2"), "jira", "run1", T0, LEASE);
    setExpiresAt("fp1", T0.plusSeconds(60));

    assertThat(store.load(wf, List.of("fp1", "fp2"), T0).keySet()).containsOnly("fp1", "fp2");
    assertThat(store.load(wf, List.of("fp1", "fp2"), T0.plusSeconds(61)).keySet())
        .containsOnly("fp2");
  }

  @Test
  void expiredGroupIsClaimedAfreshWithoutItsStaleDeliveries() {
    store.claim(wf, group("fp1"), "jira", "run1", T0, LEASE);
    store.recordDelivered(wf, "fp1", "jira", "run1", Map.of("key", "SEC-1"), T0);
    store.claim(wf, group("fp1"), "slack", "run1", T0, LEASE);
    store.recordDelivered(wf, "fp1", "slack", "run1", Map.of("ts", "1.2"), T0);
    setExpiresAt("fp1", T0.plusSeconds(60));
    Instant later = T0.plusSeconds(61);

    Claim jira = store.claim(wf, group("fp1"), "jira", "run2", later, LEASE);

    assertThat(jira.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(jira.previous()).isNull();
    GroupState revived = store.load(wf, List.of("fp1"), later).get("fp1");
    assertThat(revived.deliveries()).containsOnlyKeys("jira");
    assertThat(revived.firstSeenAt()).isEqualTo(later);
    assertThat(store.claim(wf, group("fp1"), "slack", "run2", later, LEASE).outcome())
        .isEqualTo(ClaimOutcome.CLAIMED);
  }

  @Test
  void claimDeliverThenAlreadyDelivered() {
    Claim first = store.claim(wf, group("fp1"), "slack", "run1", T0, LEASE);
    assertThat(first.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(first.previous()).isNull();

    store.recordDelivered(wf, "fp1", "slack", "run1", Map.of("ts", "1712.0001"), T0);
    Claim again = store.claim(wf, group("fp1"), "slack", "run2", T0.plusSeconds(1), LEASE);

    assertThat(again.outcome()).isEqualTo(ClaimOutcome.ALREADY_DELIVERED);
    assertThat(again.previous().result()).containsEntry("ts", "1712.0001");
    var d = store.load(wf, List.of("fp1"), T0).get("fp1").deliveries().get("slack");
    assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(d.result()).isEqualTo(Map.of("ts", "1712.0001"));
    assertThat(store.requestCounts())
        .containsEntry("UpdateItem", 3)
        .containsEntry("BatchGetItem", 1);
  }

  @Test
  void liveLeaseIsHeldByOther() {
    store.claim(wf, group("fp1"), "jira", "run1", T0, LEASE);

    Claim lost = store.claim(wf, group("fp1"), "jira", "run2", T0.plusSeconds(10), LEASE);

    assertThat(lost.outcome()).isEqualTo(ClaimOutcome.HELD_BY_OTHER);
    assertThat(lost.previous().owner()).isEqualTo("run1");
    assertThat(lost.previous().status()).isEqualTo(DeliveryStatus.PENDING);
    // Another action of the same group is independent (any action id works as a name).
    assertThat(store.claim(wf, group("fp1"), "slack.post #sec-alerts", "run2", T0, LEASE).outcome())
        .isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(store.load(wf, List.of("fp1"), T0).get("fp1").deliveries())
        .containsOnlyKeys("jira", "slack.post #sec-alerts");
  }

  @Test
  void expiredLeaseIsClaimedAgainAndTheCrashedRunCannotOverwrite() {
    store.claim(wf, group("fp1"), "jira", "crashed", T0, LEASE);
    Instant later = T0.plus(LEASE).plusSeconds(1);

    Claim retry = store.claim(wf, group("fp1"), "jira", "run2", later, LEASE);
    assertThat(retry.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(retry.previous().owner()).isEqualTo("crashed");
    assertThat(retry.previous().status()).isEqualTo(DeliveryStatus.PENDING);

    store.recordDelivered(wf, "fp1", "jira", "run2", Map.of("key", "SEC-2"), later);
    store.recordDelivered(wf, "fp1", "jira", "crashed", Map.of("key", "SEC-1"), later);
    store.recordFailed(wf, "fp1", "jira", "crashed", "late", later);

    var d = store.load(wf, List.of("fp1"), later).get("fp1").deliveries().get("jira");
    assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(d.owner()).isEqualTo("run2");
    assertThat(d.result()).isEqualTo(Map.of("key", "SEC-2"));
    assertThat(d.attempts()).isEqualTo(2);
  }

  @Test
  void failedIsClaimableAgainWithAttemptsIncremented() {
    store.claim(wf, group("fp1"), "jira", "run1", T0, LEASE);
    store.recordFailed(wf, "fp1", "jira", "run1", "HTTP 503", T0);
    var failed = store.load(wf, List.of("fp1"), T0).get("fp1").deliveries().get("jira");
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.error()).isEqualTo("HTTP 503");

    Claim retry = store.claim(wf, group("fp1"), "jira", "run2", T0.plusSeconds(5), LEASE);

    assertThat(retry.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(retry.previous().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(retry.previous().attempts()).isEqualTo(1);
    var pending = store.load(wf, List.of("fp1"), T0).get("fp1").deliveries().get("jira");
    assertThat(pending.attempts()).isEqualTo(2);
    assertThat(pending.owner()).isEqualTo("run2");
  }

  @Test
  void baselineMarkerIsExclusive() {
    assertThat(store.marker(wf, T0).status()).isEqualTo(MarkerStatus.ABSENT);

    MarkerState mine = store.claimBaseline(wf, "run1", T0, LEASE);
    assertThat(mine).isEqualTo(new MarkerState(MarkerStatus.ACQUIRED, "run1", T0.plus(LEASE)));
    MarkerState other = store.claimBaseline(wf, "run2", T0.plusSeconds(1), LEASE);
    assertThat(other)
        .isEqualTo(new MarkerState(MarkerStatus.HELD_BY_OTHER, "run1", T0.plus(LEASE)));
    assertThat(store.marker(wf, T0).status()).isEqualTo(MarkerStatus.HELD_BY_OTHER);

    store.recordBaseline(wf, List.of(group("old1"), group("old2")), T0);
    store.completeBaseline(wf, "run1", T0.plusSeconds(2));

    assertThat(store.marker(wf, T0).status()).isEqualTo(MarkerStatus.DONE);
    assertThat(store.claimBaseline(wf, "run3", T0.plus(Duration.ofDays(1)), LEASE).status())
        .isEqualTo(MarkerStatus.DONE);
    Map<String, GroupState> baseline = store.load(wf, List.of("old1", "old2"), T0);
    assertThat(baseline.values()).extracting(GroupState::status).containsOnly(GroupStatus.BASELINE);
    assertThat(baseline.get("old1").deliveries()).isEmpty();
  }

  @Test
  void crashedBaselineIsReacquiredAfterItsLease() {
    store.claimBaseline(wf, "crashed", T0, LEASE);
    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(store.marker(wf, later).status()).isEqualTo(MarkerStatus.ABSENT);

    assertThat(store.claimBaseline(wf, "run2", later, LEASE).status())
        .isEqualTo(MarkerStatus.ACQUIRED);
    store.completeBaseline(wf, "crashed", later); // too late: not the owner any more
    assertThat(store.marker(wf, later).status()).isEqualTo(MarkerStatus.HELD_BY_OTHER);
    store.completeBaseline(wf, "run2", later);
    assertThat(store.marker(wf, later)).isEqualTo(new MarkerState(MarkerStatus.DONE, "run2", null));
  }

  @Test
  void claimedBaselineGroupBecomesActive() {
    store.recordBaseline(wf, List.of(group("fp1")), T0);

    assertThat(store.claim(wf, group("fp1"), "jira", "run2", T0, LEASE).outcome())
        .isEqualTo(ClaimOutcome.CLAIMED);
    GroupState s = store.load(wf, List.of("fp1"), T0.plusSeconds(9)).get("fp1");
    assertThat(s.status()).isEqualTo(GroupStatus.ACTIVE);
    assertThat(s.firstSeenAt()).isEqualTo(T0);
  }

  @Test
  void loadOf250FingerprintsIsThreeBatchGetsAndDeduplicates() {
    List<GroupSnapshot> groups = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      groups.add(group("fp" + i));
      fingerprints.add("fp" + i);
    }
    store.recordBaseline(wf, groups, T0);
    assertThat(store.requestCounts()).containsEntry("BatchWriteItem", 10);
    fingerprints.addAll(fingerprints.subList(0, 40)); // duplicates must not reach BatchGetItem

    Map<String, GroupState> states = store.load(wf, fingerprints, T0);

    assertThat(states).hasSize(250);
    assertThat(store.requestCounts()).containsEntry("BatchGetItem", 3);
  }

  private void setExpiresAt(String fingerprint, Instant at) {
    db.client()
        .updateItem(
            b ->
                b.tableName(TABLE)
                    .key(StateItems.groupKey(wf, fingerprint))
                    .updateExpression("SET expiresAt = :e")
                    .expressionAttributeValues(
                        Map.of(":e", AttributeValue.fromN(Long.toString(at.getEpochSecond())))));
  }
}
