package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.aws.DynamoDbTables;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * What {@code DescribeTable} says about the inventory table: its approximate size, and whether it
 * has the cluster index. DynamoDB refreshes item count and size about every six hours, so one
 * description per store and six hours is as fresh as the numbers get.
 *
 * @param itemCount approximate number of items (0 when unknown, e.g. a table younger than 6 h)
 * @param sizeBytes approximate table size in bytes
 * @param clusterIndex whether {@link DynamoDbTables#INVENTORY_CLUSTER_INDEX} exists and is usable
 */
record TableStats(long itemCount, long sizeBytes, boolean clusterIndex, Instant fetchedAt) {

  static final Duration REFRESH = Duration.ofHours(6);

  /** Size and index unknown: plan Queries, list a cluster by Scan. */
  static final TableStats UNKNOWN = new TableStats(0, 0, false, Instant.EPOCH);

  static TableStats describe(DynamoDbCalls calls, String table) {
    TableDescription t =
        calls
            .call(
                "DescribeTable", table, () -> calls.client().describeTable(b -> b.tableName(table)))
            .table();
    boolean index =
        t.hasGlobalSecondaryIndexes()
            && t.globalSecondaryIndexes().stream()
                .anyMatch(
                    i ->
                        DynamoDbTables.INVENTORY_CLUSTER_INDEX.equals(i.indexName())
                            && !Boolean.TRUE.equals(i.backfilling())
                            && "ACTIVE".equals(i.indexStatusAsString()));
    long items = t.itemCount() == null ? 0 : t.itemCount();
    long bytes = t.tableSizeBytes() == null ? 0 : t.tableSizeBytes();
    return new TableStats(items, bytes, index, Instant.now());
  }

  boolean stale() {
    return Instant.now().isAfter(fetchedAt.plus(REFRESH));
  }
}
