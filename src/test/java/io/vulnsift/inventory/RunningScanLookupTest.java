package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore.Lookup;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runtime-first run reads the inventory once: the Scan for the running images keeps their
 * records, and the run's lookup of those digests at the same clock costs no request. Counts, not
 * times.
 */
class RunningScanLookupTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Instant SINCE = NOW.minus(Duration.ofHours(3));
  static final Instant LATER = NOW.plus(Duration.ofDays(2));

  LocalDynamoDb db;
  DynamoDbInventoryStore store;

  @BeforeEach
  void fill() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "scan-inv", "scan-state", false);
    store = new DynamoDbInventoryStore(db.client(), "scan-inv");
    store.upsert(
        List.of(
            record("sha256:a", "pod-a1", "running"),
            record("sha256:a", "pod-a2", "terminated"),
            record("sha256:b", "pod-b1", "terminated"),
            record("sha256:c", "pod-c1", "running")));
  }

  @AfterEach
  void stop() {
    db.close();
  }

  static InventoryRecord record(String digest, String pod, String status) {
    InventoryRecord r = DynamoDbInventoryStoreTest.record(digest, "eks/shop/" + pod, NOW, LATER);
    return new InventoryRecord(
        r.imageDigest(),
        r.containerId(),
        r.registry(),
        r.repository(),
        r.imageName(),
        r.cluster(),
        r.namespace(),
        r.workload(),
        r.container(),
        status,
        r.releaseStage(),
        r.releaseProduct(),
        r.releaseVersion(),
        r.owner(),
        r.lastSeenAt(),
        r.expiresAt(),
        r.source());
  }

  @Test
  void theLookupOfTheRunningDigestsIsAnsweredByTheScan() {
    List<ImageRef> running = store.runningImages(SINCE, NOW);
    Map<String, Integer> afterScan = new HashMap<>(store.requestCounts());

    Lookup lookup = store.findLive(List.of("sha256:a", "sha256:c"), SINCE, NOW);

    assertThat(running)
        .extracting(ImageRef::imageDigest)
        .containsExactlyInAnyOrder("sha256:a", "sha256:c");
    assertThat(lookup.strategy()).isEqualTo(DynamoDbInventoryStore.RUNNING_SCAN);
    assertThat(lookup.requests()).isEmpty();
    assertThat(store.requestCounts()).isEqualTo(afterScan);
    assertThat(lookup.records().get("sha256:a"))
        .as("every live record of a running digest, running or not")
        .extracting(InventoryRecord::status)
        .containsExactlyInAnyOrder("running", "terminated");
    assertThat(lookup.records().get("sha256:c")).hasSize(1);
  }

  @Test
  void otherLookupsReadTheTable() {
    store.runningImages(SINCE, NOW);

    Lookup notRunning = store.findLive(List.of("sha256:a", "sha256:b"), SINCE, NOW);
    Lookup otherClock = store.findLive(List.of("sha256:a"), SINCE, NOW.plusSeconds(1));

    assertThat(notRunning.strategy())
        .as("b is not running: not covered")
        .isNotEqualTo(DynamoDbInventoryStore.RUNNING_SCAN);
    assertThat(notRunning.requests()).isNotEmpty();
    assertThat(notRunning.records().get("sha256:b")).hasSize(1);
    assertThat(otherClock.strategy()).isNotEqualTo(DynamoDbInventoryStore.RUNNING_SCAN);
  }

  @Test
  void theScanIsHandedOverOnce() {
    store.runningImages(SINCE, NOW);

    Lookup first = store.findLive(List.of("sha256:a"), SINCE, NOW);
    Lookup second = store.findLive(List.of("sha256:a"), SINCE, NOW);

    assertThat(first.strategy()).isEqualTo(DynamoDbInventoryStore.RUNNING_SCAN);
    assertThat(second.strategy()).isNotEqualTo(DynamoDbInventoryStore.RUNNING_SCAN);
    assertThat(second.records()).isEqualTo(first.records());
  }
}
