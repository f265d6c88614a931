package io.vulnsift.aws;

import io.vulnsift.engine.port.StoreException;
import io.vulnsift.engine.report.RequestCounts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;

/**
 * Every DynamoDB request of a store goes through here: it is counted per operation, SDK exceptions
 * become {@link StoreException} (except {@link ConditionalCheckFailedException}, which the store
 * turns into a domain outcome), and batches are split to the service limits with their unprocessed
 * remainder retried under exponential backoff.
 */
public final class DynamoDbCalls {

  /** BatchWriteItem takes at most 25 requests, BatchGetItem at most 100 keys. */
  public static final int WRITE_BATCH = 25;

  public static final int GET_BATCH = 100;

  /** Rounds for one batch's unprocessed remainder before giving up (~10 s of backoff in all). */
  private static final int MAX_ROUNDS = 10;

  private final DynamoDbClient client;
  private final CapacityMeter meter;
  private final RequestCounts counts = new RequestCounts();

  public DynamoDbCalls(DynamoDbClient client) {
    CapacityMeter.Metered metered = CapacityMeter.wrap(client);
    this.client = metered.client();
    this.meter = metered.meter();
  }

  public DynamoDbClient client() {
    return client;
  }

  /** Runs one request, counted under {@code operation}. */
  public <T> T call(String operation, String table, Supplier<T> request) {
    counts.add(operation);
    try {
      return request.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!isDatabaseFailure(e)) {
        throw e;
      }
      // The SDK's message names the service, status and request id, never credentials.
      throw new StoreException(
          "DynamoDB " + operation + " on table " + table + " failed: " + e.getMessage(), e);
    }
  }

  /** Capacity units consumed per operation so far (from {@code ReturnConsumedCapacity}). */
  public Map<String, Double> capacity() {
    return meter.units();
  }

  /** One UpdateItem on {@code table}, counted; conditional-check failures pass through. */
  public UpdateItemResponse update(String table, Consumer<UpdateItemRequest.Builder> request) {
    return call(
        "UpdateItem", table, () -> client.updateItem(request.andThen(b -> b.tableName(table))));
  }

  /** One PutItem on {@code table}, counted; conditional-check failures pass through. */
  public PutItemResponse put(String table, Consumer<PutItemRequest.Builder> request) {
    return call("PutItem", table, () -> client.putItem(request.andThen(b -> b.tableName(table))));
  }

  /** One GetItem on {@code table}, counted. */
  public GetItemResponse get(String table, Consumer<GetItemRequest.Builder> request) {
    return call("GetItem", table, () -> client.getItem(request.andThen(b -> b.tableName(table))));
  }

  /** One DeleteItem on {@code table}, counted; conditional-check failures pass through. */
  public DeleteItemResponse delete(String table, Consumer<DeleteItemRequest.Builder> request) {
    return call(
        "DeleteItem", table, () -> client.deleteItem(request.andThen(b -> b.tableName(table))));
  }

  /** Every item of a Query, page after page (the SDK's paginator); each page counted. */
  public void queryPages(
      String table, QueryRequest request, Consumer<Map<String, AttributeValue>> sink) {
    pages(
        "Query", table, new QueryIterable(client, request).iterator(), QueryResponse::items, sink);
  }

  /** Every item of a Scan, page after page (the SDK's paginator); each page counted. */
  public void scanPages(
      String table, ScanRequest request, Consumer<Map<String, AttributeValue>> sink) {
    pages("Scan", table, new ScanIterable(client, request).iterator(), ScanResponse::items, sink);
  }

  // The iterables are built on the metered client, so every page is counted and metered; the SDK
  // fetches a page in next(), which is what call() wraps.
  private <R> void pages(
      String operation,
      String table,
      Iterator<R> pages,
      Function<R, List<Map<String, AttributeValue>>> items,
      Consumer<Map<String, AttributeValue>> sink) {
    while (pages.hasNext()) {
      items.apply(call(operation, table, pages::next)).forEach(sink);
    }
  }

  /**
   * SDK exceptions, and the few DynamoDB Local lets through its embedded client unmapped (e.g.
   * {@code LocalDBAccessException: database is locked}); anything else is a bug to surface as is.
   */
  static boolean isDatabaseFailure(RuntimeException e) {
    return e instanceof SdkException
        || e.getClass().getName().startsWith("software.amazon.dynamodb.services.local.");
  }

  /** Snapshot of the request counters, by operation name. */
  public Map<String, Integer> counts() {
    return counts.snapshot();
  }

  /** Writes every request in batches of 25; keys must be distinct within the list. */
  public void writeAll(String table, List<WriteRequest> requests) {
    for (int from = 0; from < requests.size(); from += WRITE_BATCH) {
      List<WriteRequest> pending =
          requests.subList(from, Math.min(requests.size(), from + WRITE_BATCH));
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round > 0) {
          backoff(round, "BatchWriteItem", table);
        }
        Map<String, List<WriteRequest>> items = Map.of(table, pending);
        BatchWriteItemResponse response =
            call("BatchWriteItem", table, () -> client.batchWriteItem(b -> b.requestItems(items)));
        pending = response.unprocessedItems().getOrDefault(table, List.of());
      }
    }
  }

  /** Reads every key (distinct, as BatchGetItem demands) in batches of 100, consistently. */
  public List<Map<String, AttributeValue>> getAll(
      String table, List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += GET_BATCH) {
      KeysAndAttributes pending =
          KeysAndAttributes.builder()
              .keys(keys.subList(from, Math.min(keys.size(), from + GET_BATCH)))
              .consistentRead(true)
              .build();
      for (int round = 0; pending != null && pending.hasKeys(); round++) {
        if (round > 0) {
          backoff(round, "BatchGetItem", table);
        }
        Map<String, KeysAndAttributes> request = Map.of(table, pending);
        BatchGetItemResponse response =
            call("BatchGetItem", table, () -> client.batchGetItem(b -> b.requestItems(request)));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        pending = response.unprocessedKeys().get(table);
      }
    }
    return items;
  }

  /** Exponential backoff with full jitter: 50 ms, 100 ms, … capped at 3.2 s. */
  private static void backoff(int round, String operation, String table) {
    if (round >= MAX_ROUNDS) {
      throw new StoreException(
          "DynamoDB "
              + operation
              + " on table "
              + table
              + " left items unprocessed after "
              + MAX_ROUNDS
              + " attempts (throttled)",
          null);
    }
    long cap = 50L << Math.min(round - 1, 6);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying DynamoDB " + operation, e);
    }
  }
}
