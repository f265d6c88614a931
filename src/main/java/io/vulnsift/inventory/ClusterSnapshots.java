package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Marks the containers of a cluster that a full snapshot no longer lists as {@code terminated}.
 *
 * <p>The cluster's stored keys come from the {@code cluster-index} GSI (keys, {@code status} and
 * {@code source} projected): one small Query page per ~10,000 containers of that cluster, whatever
 * the table size. A re-import changes only {@code lastSeenAt}/{@code expiresAt}, which the index
 * does not hold, so it adds no index writes except for status changes. A table created before the
 * index existed falls back to a filtered Scan, which reads (and bills) the whole table per import.
 *
 * <p>BatchWriteItem cannot update, so the gone items are read back in full (BatchGetItem, strongly
 * consistent) and put again with only the status changed: attributes other tools wrote survive, and
 * an item a newer import saw meanwhile ({@code lastSeenAt} ≥ now) is left alone.
 */
final class ClusterSnapshots {

  private static final Set<String> FINAL = Set.of("terminated", "stopped");

  private final DynamoDbCalls calls;
  private final InventoryReads reads;
  private final String table;

  ClusterSnapshots(DynamoDbCalls calls, InventoryReads reads, String table) {
    this.calls = calls;
    this.reads = reads;
    this.table = table;
  }

  /** Returns how many records were marked terminated; {@code snapshot} is already written. */
  int terminateMissing(
      String source,
      String cluster,
      Collection<InventoryRecord> snapshot,
      Instant now,
      TableStats stats) {
    Set<List<String>> present = new HashSet<>();
    snapshot.forEach(r -> present.add(List.of(r.imageDigest(), r.containerId())));
    List<Map<String, AttributeValue>> gone = new ArrayList<>();
    for (Map<String, AttributeValue> key : storedKeys(cluster, stats)) {
      String status = str(key, "status");
      boolean ours = source.equals(str(key, "source"));
      List<String> id =
          List.of(str(key, InventoryItems.DIGEST), str(key, InventoryItems.CONTAINER_ID));
      if (ours && !present.contains(id) && (status == null || !FINAL.contains(status))) {
        gone.add(
            Map.of(
                InventoryItems.DIGEST, key.get(InventoryItems.DIGEST),
                InventoryItems.CONTAINER_ID, key.get(InventoryItems.CONTAINER_ID)));
      }
    }
    List<WriteRequest> puts = new ArrayList<>();
    for (Map<String, AttributeValue> item : calls.getAll(table, gone)) {
      InventoryRecord r = InventoryItems.fromItem(item);
      boolean seenSince = r.lastSeenAt() != null && !r.lastSeenAt().isBefore(now);
      if (seenSince || (r.status() != null && FINAL.contains(r.status()))) {
        continue;
      }
      // lastSeenAt stays: the container was last seen then, not now; it expires as it would have.
      Map<String, AttributeValue> terminated = new java.util.HashMap<>(item);
      terminated.put("status", AttributeValue.fromS("terminated"));
      puts.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(terminated).build()).build());
    }
    calls.writeAll(table, puts);
    return puts.size();
  }

  private List<Map<String, AttributeValue>> storedKeys(String cluster, TableStats stats) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    Map<String, AttributeValue> values = Map.of(":c", AttributeValue.fromS(cluster));
    if (stats.clusterIndex()) {
      reads.queryPages(
          QueryRequest.builder()
              .tableName(table)
              .indexName(DynamoDbTables.INVENTORY_CLUSTER_INDEX)
              .keyConditionExpression("#c = :c")
              .expressionAttributeNames(Map.of("#c", "cluster"))
              .expressionAttributeValues(values)
              .build(),
          keys::add);
    } else {
      reads.scanPages(
          ScanRequest.builder()
              .tableName(table)
              .filterExpression("#c = :c")
              .projectionExpression("imageDigest, containerId, #s, #o")
              .expressionAttributeNames(Map.of("#c", "cluster", "#s", "status", "#o", "source"))
              .expressionAttributeValues(values)
              .build(),
          keys::add);
    }
    return keys;
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
