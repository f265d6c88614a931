package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.port.StoreException;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The runtime inventory in DynamoDB ({@code VULNSIFT_INVENTORY_TABLE}): the public item of SPEC §4,
 * partition key {@code imageDigest}, sort key {@code containerId}. Reads are one Query per digest
 * (and per 1 MB page), run in parallel; liveness is decided here, against the run's clock, because
 * TTL deletion lags by days.
 */
public final class DynamoDbInventoryStore implements InventoryStore {

  /** Parallel queries per findLive; enough to hide latency, few enough not to throttle. */
  private static final int CONCURRENCY = 8;

  private final DynamoDbCalls calls;
  private final String table;

  /**
   * @param table the inventory table ({@code VULNSIFT_INVENTORY_TABLE}, default {@code
   *     vulnsift-inventory})
   */
  public DynamoDbInventoryStore(DynamoDbClient client, String table) {
    this.calls = new DynamoDbCalls(client);
    this.table = table;
  }

  @Override
  public Map<String, List<InventoryRecord>> findLive(
      Collection<String> digests, Instant seenSince, Instant now) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(digests));
    distinct.removeIf(d -> d == null || d.isEmpty());
    Map<String, List<InventoryRecord>> live = new HashMap<>();
    if (distinct.size() <= 1) {
      distinct.forEach(d -> add(live, d, query(d, seenSince, now)));
      return live;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(CONCURRENCY, distinct.size()),
            r -> {
              Thread t = new Thread(r, "vulnsift-inventory-query");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<List<InventoryRecord>>> futures = new ArrayList<>();
      for (String digest : distinct) {
        futures.add(pool.submit(() -> query(digest, seenSince, now)));
      }
      for (int i = 0; i < distinct.size(); i++) {
        add(live, distinct.get(i), futures.get(i).get());
      }
      return live;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("inventory query failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while querying the inventory", e);
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public List<ImageRef> runningImages(Instant seenSince, Instant now) {
    // A Scan that reads only the projected attributes; liveness is decided in code like findLive.
    java.util.Set<ImageRef> images = new java.util.LinkedHashSet<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page =
          calls.call(
              "Scan",
              table,
              () -> calls.client().scan(b -> b.tableName(table).exclusiveStartKey(from)));
      for (Map<String, AttributeValue> item : page.items()) {
        InventoryRecord r = InventoryItems.fromItem(item);
        if (r.isRunning() && InventoryItems.live(r, seenSince, now)) {
          images.add(new ImageRef(r.registry(), r.repository(), r.imageDigest()));
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return List.copyOf(images);
  }

  @Override
  public void upsert(Collection<InventoryRecord> records) {
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

  @Override
  public Map<String, Double> consumedCapacity() {
    return calls.capacity();
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return calls.counts();
  }

  private List<InventoryRecord> query(String digest, Instant seenSince, Instant now) {
    List<InventoryRecord> records = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          calls.call(
              "Query",
              table,
              () ->
                  calls
                      .client()
                      .query(
                          b ->
                              b.tableName(table)
                                  .keyConditionExpression("#d = :d")
                                  .expressionAttributeNames(Map.of("#d", InventoryItems.DIGEST))
                                  .expressionAttributeValues(
                                      Map.of(":d", AttributeValue.fromS(digest)))
                                  // An import right before a run must be seen by it.
                                  .consistentRead(true)
                                  .exclusiveStartKey(from)));
      for (Map<String, AttributeValue> item : page.items()) {
        InventoryRecord r = InventoryItems.fromItem(item);
        if (InventoryItems.live(r, seenSince, now)) {
          records.add(r);
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return records;
  }

  private static void add(
      Map<String, List<InventoryRecord>> live, String digest, List<InventoryRecord> records) {
    if (!records.isEmpty()) {
      live.put(digest, List.copyOf(records));
    }
  }
}
