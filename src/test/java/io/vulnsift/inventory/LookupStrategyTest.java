package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.InventoryStore.Lookup;
import io.vulnsift.inventory.DynamoDbInventoryStore.Strategy;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same answer either way; the plan follows the share of the table the digests are. */
class LookupStrategyTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Instant SINCE = NOW.minus(Duration.ofHours(3));
  static final int DIGESTS = 1_000;

  static LocalDynamoDb db;

  @BeforeAll
  static void fill() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "strategy-inv", "strategy-state", false);
    List<InventoryRecord> records = new ArrayList<>();
    for (int d = 0; d < DIGESTS; d++) {
      for (int c = 0; c < 2; c++) {
        // Every tenth digest's second container is stale: both strategies must drop it.
        Instant seen = d % 10 == 0 && c == 1 ? SINCE.minusSeconds(1) : NOW;
        records.add(
            DynamoDbInventoryStoreTest.record(
                digest(d), "eks/ns/pod-" + d + "/c" + c, seen, NOW.plus(Duration.ofDays(2))));
      }
    }
    new DynamoDbInventoryStore(db.client(), "strategy-inv").upsert(records);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static String digest(int d) {
    return String.format("sha256:%064x", d);
  }

  static List<String> digests(int n) {
    List<String> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      out.add(digest(d * (DIGESTS / n)));
    }
    out.add("sha256:not-in-the-table");
    return out;
  }

  @Test
  void aFewDigestsAreQueriedAllOfThemAreScanned() {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "strategy-inv");

    Lookup few = store.findLive(digests(10), SINCE, NOW);
    Lookup all = store.findLive(digests(DIGESTS), SINCE, NOW);

    assertThat(few.strategy()).isEqualTo("query");
    assertThat(few.requests()).containsEntry("Query", 11).containsEntry("DescribeTable", 1);
    assertThat(few.records()).hasSize(10);
    assertThat(all.strategy()).isEqualTo("scan");
    assertThat(all.requests())
        .as("table described once per store")
        .doesNotContainKey("DescribeTable");
    assertThat(all.requests().get("Scan")).isBetween(1, 3);
    assertThat(all.records()).hasSize(DIGESTS);
    assertThat(all.records().get(digest(0))).hasSize(1);
    assertThat(all.records().get(digest(1))).hasSize(2);
  }

  @Test
  void forcedStrategiesAgree() {
    List<String> half = digests(DIGESTS / 2);
    Lookup query =
        new DynamoDbInventoryStore(db.client(), "strategy-inv", Strategy.QUERY)
            .findLive(half, SINCE, NOW);
    Lookup scan =
        new DynamoDbInventoryStore(db.client(), "strategy-inv", Strategy.SCAN)
            .findLive(half, SINCE, NOW);

    assertThat(query.strategy()).isEqualTo("query");
    assertThat(query.requests()).containsEntry("Query", DIGESTS / 2 + 1);
    assertThat(scan.strategy()).isEqualTo("scan");
    assertThat(scan.records().keySet()).isEqualTo(query.records().keySet());
    scan.records()
        .forEach(
            (d, records) ->
                assertThat(records).containsExactlyInAnyOrderElementsOf(query.records().get(d)));
  }
}
