package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.model.InventoryRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Inventory writes: BatchWriteItem by 25 with the unprocessed remainder retried. */
final class InventoryWrites {

  private static final String STOPPED = "stopped";

  private final DynamoDbCalls calls;
  private final String table;

  InventoryWrites(DynamoDbCalls calls, String table) {
    this.calls = calls;
    this.table = table;
  }

  void upsert(Collection<InventoryRecord> records) {
    // The last record per key wins: BatchWriteItem rejects two writes to one key in a request.
    Map<List<String>, WriteRequest> puts = new LinkedHashMap<>();
    for (InventoryRecord r : records) {
      if (r.imageDigest() == null || r.containerId() == null) {
        throw new IllegalArgumentException("inventory record without imageDigest/containerId");
      }
      PutRequest put = PutRequest.builder().item(InventoryItems.toItem(r)).build();
      puts.remove(List.of(r.imageDigest(), r.containerId()));
      puts.put(
          List.of(r.imageDigest(), r.containerId()),
          WriteRequest.builder().putRequest(put).build());
    }
    calls.writeAll(table, new ArrayList<>(puts.values()));
  }

  /**
   * Stopped is final, so stopped records go in batches; the others are conditional puts, one each
   * (BatchWriteItem takes no conditions), which is cheap for the few containers of a task.
   */
  void upsertUnlessStopped(Collection<InventoryRecord> records) {
    List<InventoryRecord> stopped = new ArrayList<>();
    for (InventoryRecord r : records) {
      if (STOPPED.equals(r.status())) {
        stopped.add(r);
      } else {
        putUnlessStopped(r);
      }
    }
    upsert(stopped);
  }

  private void putUnlessStopped(InventoryRecord r) {
    if (r.imageDigest() == null || r.containerId() == null) {
      throw new IllegalArgumentException("inventory record without imageDigest/containerId");
    }
    try {
      calls.put(
          table,
          b ->
              b.item(InventoryItems.toItem(r))
                  .conditionExpression("attribute_not_exists(#s) OR #s <> :stopped")
                  .expressionAttributeNames(Map.of("#s", "status"))
                  .expressionAttributeValues(Map.of(":stopped", AttributeValue.fromS(STOPPED))));
    } catch (ConditionalCheckFailedException e) {
      // Stopped already: this event is older than the one that stopped it.
    }
  }
}
