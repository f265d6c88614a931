package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbInventoryStoreTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Instant SEEN_SINCE = NOW.minus(Duration.ofHours(3));

  static LocalDynamoDb db;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "inv-a", "state-unused");
    DynamoDbTables.createIfMissing(db.client(), "inv-b", "state-unused");
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static InventoryRecord record(String digest, String id, Instant seen, Instant expires) {
    return new InventoryRecord(
        digest,
        id,
        "123456789012",
        "shop/api",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.2",
        "prod-eu",
        "shop",
        "api",
        "app",
        "running",
        "production",
        "shop",
        "1.2",
        "team-shop",
        seen,
        expires,
        "kubernetes");
  }

  @Test
  void upsertOf60RecordsIsThreeBatchWrites() {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "inv-a");
    List<InventoryRecord> records = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      records.add(record("sha256:d" + (i % 6), "c" + i, NOW, NOW.plus(Duration.ofDays(1))));
    }

    store.upsert(records);

    assertThat(store.requestCounts()).isEqualTo(Map.of("BatchWriteItem", 3));
    Map<String, List<InventoryRecord>> live =
        store.findLive(List.of("sha256:d0", "sha256:d5"), SEEN_SINCE, NOW).records();
    assertThat(live.get("sha256:d0")).hasSize(10);
    assertThat(live.get("sha256:d0").get(0)).isIn(records);
  }

  @Test
  void findLiveFiltersStaleAndExpiredAndGroupsByDigest() {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "inv-b");
    InventoryRecord fresh = record("sha256:a", "c1", NOW.minusSeconds(60), null);
    InventoryRecord edge = record("sha256:a", "c2", SEEN_SINCE, NOW.plusSeconds(1));
    InventoryRecord stale = record("sha256:a", "c3", SEEN_SINCE.minusSeconds(1), null);
    InventoryRecord expired = record("sha256:b", "c4", NOW, NOW.minusSeconds(1));
    InventoryRecord other = record("sha256:c", "c5", NOW, null);
    store.upsert(List.of(fresh, edge, stale, expired, other));

    Map<String, List<InventoryRecord>> live =
        store
            .findLive(
                List.of("sha256:a", "sha256:b", "sha256:c", "sha256:a", "sha256:none"),
                SEEN_SINCE,
                NOW)
            .records();

    assertThat(live).containsOnlyKeys("sha256:a", "sha256:c");
    assertThat(live.get("sha256:a")).containsExactlyInAnyOrder(fresh, edge);
    assertThat(live.get("sha256:c")).containsExactly(other);
    // A 5-item table is one 4 KB read unit: one Scan is cheaper than four Queries.
    assertThat(store.requestCounts()).containsEntry("Scan", 1).doesNotContainKey("Query");
  }

  @Test
  void forcedQueriesFindTheSameWithOneQueryPerDistinctDigest() {
    DynamoDbInventoryStore store =
        new DynamoDbInventoryStore(db.client(), "inv-b", DynamoDbInventoryStore.Strategy.QUERY);
    InventoryRecord fresh = record("sha256:q", "c1", NOW.minusSeconds(60), null);
    InventoryRecord stale = record("sha256:q", "c2", SEEN_SINCE.minusSeconds(1), null);
    store.upsert(List.of(fresh, stale));

    var lookup = store.findLive(List.of("sha256:q", "sha256:q", "sha256:none"), SEEN_SINCE, NOW);

    assertThat(lookup.strategy()).isEqualTo("query");
    assertThat(lookup.records()).containsOnlyKeys("sha256:q");
    assertThat(lookup.records().get("sha256:q")).containsExactly(fresh);
    assertThat(lookup.requests()).isEqualTo(Map.of("Query", 2));
  }

  @Test
  void itemsWrittenByOtherToolsMayLackAttributes() {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "inv-b");
    db.client()
        .putItem(
            b ->
                b.tableName("inv-b")
                    .item(
                        Map.of(
                            "imageDigest", AttributeValue.fromS("sha256:sparse"),
                            "containerId", AttributeValue.fromS("ecs-task-1/app"),
                            "status", AttributeValue.fromS("RUNNING"),
                            "lastSeenAt", AttributeValue.fromN(NOW.getEpochSecond() + ".5"))));
    db.client()
        .putItem(
            b ->
                b.tableName("inv-b")
                    .item(
                        Map.of(
                            "imageDigest", AttributeValue.fromS("sha256:sparse"),
                            "containerId", AttributeValue.fromS("no-time"))));

    List<InventoryRecord> live =
        store.findLive(List.of("sha256:sparse"), SEEN_SINCE, NOW).records().get("sha256:sparse");

    assertThat(live).hasSize(1);
    InventoryRecord r = live.get(0);
    assertThat(r.isRunning()).isTrue();
    assertThat(r.lastSeenAt()).isEqualTo(NOW);
    assertThat(r.releaseStage()).isNull();
    assertThat(r.expiresAt()).isNull();
    assertThat(r.cluster()).isNull();
  }
}
