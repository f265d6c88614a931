package io.vulnsift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.engine.port.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Partial batch results, which DynamoDB returns under load and DynamoDB Local never does: a client
 * in front of DynamoDB Local processes only the first half of every batch and hands the rest back
 * as unprocessed, the way the service does.
 */
class DynamoDbCallsTest {

  static LocalDynamoDb db;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "calls-inv", "calls-state");
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void unprocessedWritesAndKeysAreRetriedUntilDone() {
    DynamoDbCalls calls = new DynamoDbCalls(new HalfProcessing(db.client()));
    List<WriteRequest> puts = new ArrayList<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Map<String, AttributeValue> key =
          Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s" + i));
      keys.add(key);
      puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(key).build()).build());
    }

    calls.writeAll("calls-state", puts);
    List<Map<String, AttributeValue>> items = calls.getAll("calls-state", keys);

    assertThat(items).hasSize(30);
    // Writes: 25 left 12, 6, 3, 1, 0 (5 requests); 5 left 2, 1, 0 (3 requests).
    // Reads: 30 keys in one batch left 15, 7, 3, 1, 0 (5 requests).
    assertThat(calls.counts()).containsEntry("BatchWriteItem", 8).containsEntry("BatchGetItem", 5);
  }

  @Test
  void sdkFailuresBecomeStoreExceptionsNamingTheOperation() {
    DynamoDbCalls calls = new DynamoDbCalls(db.client());
    assertThatThrownBy(
            () ->
                calls.call(
                    "GetItem",
                    "no-such-table",
                    () ->
                        db.client()
                            .getItem(
                                b ->
                                    b.tableName("no-such-table")
                                        .key(Map.of("pk", AttributeValue.fromS("x"))))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("DynamoDB GetItem on table no-such-table failed");
  }

  /** Forwards half of each batch to DynamoDB Local and returns the other half as unprocessed. */
  record HalfProcessing(DynamoDbClient delegate) implements DynamoDbClient {

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      var entry = request.requestItems().entrySet().iterator().next();
      List<WriteRequest> all = entry.getValue();
      int half = (all.size() + 1) / 2;
      delegate.batchWriteItem(b -> b.requestItems(Map.of(entry.getKey(), all.subList(0, half))));
      List<WriteRequest> rest = all.subList(half, all.size());
      return BatchWriteItemResponse.builder()
          .unprocessedItems(rest.isEmpty() ? Map.of() : Map.of(entry.getKey(), rest))
          .build();
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      var entry = request.requestItems().entrySet().iterator().next();
      List<Map<String, AttributeValue>> all = entry.getValue().keys();
      int half = (all.size() + 1) / 2;
      BatchGetItemResponse done =
          delegate.batchGetItem(
              b ->
                  b.requestItems(
                      Map.of(
                          entry.getKey(),
                          entry.getValue().toBuilder().keys(all.subList(0, half)).build())));
      List<Map<String, AttributeValue>> rest = all.subList(half, all.size());
      return done.toBuilder()
          .unprocessedKeys(
              rest.isEmpty()
                  ? Map.of()
                  : Map.of(
                      entry.getKey(),
                      KeysAndAttributes.builder().keys(rest).consistentRead(true).build()))
          .build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
