package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The two ways to read the inventory table: one Query per digest, or a parallel Scan. Both read
 * strongly consistently, because an import right before a run must be seen by it, and both decide
 * liveness against the run's clock, because TTL deletion lags by days.
 */
final class InventoryReads {

  /** Parallel requests per read; enough to hide latency, few enough not to throttle. */
  static final int CONCURRENCY = 8;

  private final DynamoDbCalls calls;
  private final String table;

  InventoryReads(DynamoDbCalls calls, String table) {
    this.calls = calls;
    this.table = table;
  }

  /** One Query (per 1 MB page) per distinct digest, {@link #CONCURRENCY} at a time. */
  Map<String, List<InventoryRecord>> query(List<String> digests, Instant seenSince, Instant now) {
    List<Callable<List<InventoryRecord>>> tasks = new ArrayList<>(digests.size());
    for (String digest : digests) {
      tasks.add(() -> queryOne(digest, seenSince, now));
    }
    List<List<InventoryRecord>> results =
        Parallel.all(tasks, CONCURRENCY, "vulnsift-inventory-query");
    Map<String, List<InventoryRecord>> live = new HashMap<>();
    for (int i = 0; i < digests.size(); i++) {
      if (!results.get(i).isEmpty()) {
        live.put(digests.get(i), List.copyOf(results.get(i)));
      }
    }
    return live;
  }

  /** The live records of the whole table that {@code keep} accepts, read in parallel segments. */
  List<InventoryRecord> scan(
      int segments, Instant seenSince, Instant now, Predicate<InventoryRecord> keep) {
    List<Callable<List<InventoryRecord>>> tasks = new ArrayList<>(segments);
    for (int s = 0; s < segments; s++) {
      ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
      if (segments > 1) {
        request.segment(s).totalSegments(segments);
      }
      tasks.add(
          () -> {
            List<InventoryRecord> out = new ArrayList<>();
            scanPages(
                request.build(),
                item -> {
                  InventoryRecord r = InventoryItems.fromItem(item);
                  if (InventoryItems.live(r, seenSince, now) && keep.test(r)) {
                    out.add(r);
                  }
                });
            return out;
          });
    }
    List<InventoryRecord> all = new ArrayList<>();
    Parallel.all(tasks, CONCURRENCY, "vulnsift-inventory-scan").forEach(all::addAll);
    return all;
  }

  /** Every item of a Scan (of the table or an index), page after page. */
  void scanPages(ScanRequest request, Consumer<Map<String, AttributeValue>> sink) {
    calls.scanPages(table, request, sink);
  }

  /** Every item of a Query (of the table or an index), page after page. */
  void queryPages(QueryRequest request, Consumer<Map<String, AttributeValue>> sink) {
    calls.queryPages(table, request, sink);
  }

  private List<InventoryRecord> queryOne(String digest, Instant seenSince, Instant now) {
    List<InventoryRecord> records = new ArrayList<>();
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("#d = :d")
            .expressionAttributeNames(Map.of("#d", InventoryItems.DIGEST))
            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(digest)))
            .consistentRead(true)
            .build();
    queryPages(
        request,
        item -> {
          InventoryRecord r = InventoryItems.fromItem(item);
          if (InventoryItems.live(r, seenSince, now)) {
            records.add(r);
          }
        });
    return records;
  }
}
