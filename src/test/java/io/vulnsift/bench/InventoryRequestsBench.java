package io.vulnsift.bench;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.InventoryStore.Lookup;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.inventory.DynamoDbInventoryStore.Strategy;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DynamoDB requests of the two lookup strategies, and of the automatic choice, for digest sets that
 * are 1%, 10% and 100% of a 20,000-record inventory table on DynamoDB Local (in-process). Not a
 * test: see docs/benchmarks.md. Read units are estimated the way DynamoDB bills strongly consistent
 * reads (one per started 4 KB per Query, one per 4 KB of table per Scan).
 */
public final class InventoryRequestsBench {

  private static final int DIGESTS = 5_000;
  private static final int CONTAINERS_PER_DIGEST = 4;
  private static final String TABLE = "bench-inventory";

  private InventoryRequestsBench() {}

  public static void main(String[] args) {
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      DynamoDbTables.createIfMissing(db.client(), TABLE, "bench-state", false);
      List<InventoryRecord> records = InventoryBenchData.records(DIGESTS, CONTAINERS_PER_DIGEST, 3);
      new DynamoDbInventoryStore(db.client(), TABLE).upsert(records);
      TableDescription t = db.client().describeTable(b -> b.tableName(TABLE)).table();
      long scanUnits = (t.tableSizeBytes() + 4095) / 4096;
      System.out.printf(
          "table: %,d items, %,d bytes (%,d read units to scan), %,d digests%n",
          t.itemCount(), t.tableSizeBytes(), scanUnits, DIGESTS);
      System.out.printf(
          "%-6s %-8s %-6s %8s %6s %10s %12s %8s %8s%n",
          "share", "digests", "store", "chosen", "Query", "Scan", "Describe", "est. RRU", "ms");
      Instant now = InventoryBenchData.NOW;
      Instant since = now.minus(InventoryBenchData.MAX_AGE);
      for (int percent : new int[] {1, 10, 100}) {
        List<String> digests = new ArrayList<>();
        int n = DIGESTS * percent / 100;
        for (int i = 0; i < n; i++) {
          digests.add(InventoryBenchData.digest(2 * (i * (DIGESTS / n))));
        }
        for (Strategy strategy : Strategy.values()) {
          DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), TABLE, strategy);
          long t0 = System.nanoTime();
          Lookup lookup = store.findLive(digests, since, now);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          boolean scanned = lookup.strategy().equals("scan");
          System.out.printf(
              "%-6s %-8d %-6s %8s %6d %10d %12d %8d %8d%n",
              percent + "%",
              n,
              strategy.name().toLowerCase(java.util.Locale.ROOT),
              lookup.strategy(),
              lookup.requests().getOrDefault("Query", 0),
              lookup.requests().getOrDefault("Scan", 0),
              lookup.requests().getOrDefault("DescribeTable", 0),
              scanned ? scanUnits : n,
              ms);
        }
      }
    }
  }
}
