package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.InventoryStore.Lookup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** A role without dynamodb:DescribeTable still reads (by Query) and imports (by Scan). */
class UnsizedTableTest {

  static LocalDynamoDb db;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "unsized-inv", "unsized-state", false);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void withoutDescribeTableLookupsQueryAndSnapshotsScan() {
    DynamoDbInventoryStore store =
        new DynamoDbInventoryStore(new NoDescribeTable(db.client()), "unsized-inv");
    List<io.vulnsift.model.InventoryRecord> pods =
        ClusterSnapshotTest.pods("/kubernetes/cluster-b.json", "eks-b", ClusterSnapshotTest.T1);
    store.replaceCluster("kubernetes", "eks-b", pods, ClusterSnapshotTest.T1);

    int ended = store.replaceCluster("kubernetes", "eks-b", List.of(), ClusterSnapshotTest.T2);
    Lookup lookup =
        store.findLive(
            List.of(ClusterSnapshotTest.API_1, "sha256:x", "sha256:y"),
            ClusterSnapshotTest.T2.minus(Duration.ofHours(3)),
            ClusterSnapshotTest.T2);

    assertThat(ended).isEqualTo(2);
    assertThat(lookup.strategy()).isEqualTo("query");
    assertThat(lookup.records().get(ClusterSnapshotTest.API_1))
        .extracting(r -> r.status())
        .containsOnly("terminated");
    assertThat(store.requestCounts()).containsKey("Scan").containsEntry("DescribeTable", 3);
  }

  /** DynamoDB Local behind a role that may not describe the table. */
  record NoDescribeTable(DynamoDbClient local) implements DynamoDbClient {
    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
      throw (DynamoDbException)
          DynamoDbException.builder()
              .message("User is not authorized to perform: dynamodb:DescribeTable")
              .statusCode(400)
              .build();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      return local.query(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
      return local.scan(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      return local.batchWriteItem(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      return local.batchGetItem(request);
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }
}
