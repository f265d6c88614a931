package io.vulnsift.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

class DynamoDbTablesTest {

  static LocalDynamoDb db;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void concurrentCreatorsDoNotFail() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> creators = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        creators.add(
            pool.submit(
                () -> {
                  go.await();
                  DynamoDbTables.createIfMissing(db.client(), "race-inv", "race-state");
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> creator : creators) {
        creator.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.client().listTables().tableNames()).contains("race-inv", "race-state");
  }

  @Test
  void ttlRejectedByTheDatabaseIsNotAnError() {
    DynamoDbClient noTtl =
        new NoTtl(
            db.client(),
            r -> {
              throw DynamoDbException.builder().message("TTL is not supported").build();
            });

    DynamoDbTables.createIfMissing(noTtl, "nottl-inv", "nottl-state");

    assertThat(db.client().listTables().tableNames()).contains("nottl-inv", "nottl-state");
  }

  /** DynamoDB Local, except for UpdateTimeToLive, as an emulator without TTL answers it. */
  record NoTtl(DynamoDbClient delegate, Consumer<UpdateTimeToLiveRequest> ttl)
      implements DynamoDbClient {

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
      return delegate.createTable(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
      return delegate.describeTable(request);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
      return delegate.describeTimeToLive(request);
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
      ttl.accept(request);
      return delegate.updateTimeToLive(request);
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
