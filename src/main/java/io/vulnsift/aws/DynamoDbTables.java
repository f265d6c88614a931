package io.vulnsift.aws;

import io.vulnsift.engine.port.StoreException;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the inventory and state tables when they are missing ({@code VULNSIFT_CREATE_TABLES},
 * always with {@code --local}); in AWS the SAM template owns them. Idempotent and safe against a
 * concurrent creator.
 */
public final class DynamoDbTables {

  /** The TTL attribute of both tables (epoch seconds). */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  /**
   * GSI of the inventory table: partition key {@code cluster}, sort key {@code containerId}; keys
   * plus {@code status} and {@code source} projected. It lists a cluster's containers, so that an
   * import (a full snapshot of a cluster) can mark the ones it no longer lists as terminated
   * without scanning the table. Items without {@code cluster} are not in it.
   */
  public static final String INVENTORY_CLUSTER_INDEX = "cluster-index";

  private static final System.Logger LOG = System.getLogger(DynamoDbTables.class.getName());
  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

  private DynamoDbTables() {}

  /**
   * Inventory: {@code imageDigest}/{@code containerId} with {@link #INVENTORY_CLUSTER_INDEX};
   * state: {@code pk}/{@code sk}; with TTL.
   */
  public static void createIfMissing(
      DynamoDbClient client, String inventoryTable, String stateTable) {
    createIfMissing(client, inventoryTable, stateTable, true);
  }

  /**
   * Creates missing tables; {@code enableTtl} turns on DynamoDB's TTL deletion on {@code
   * expiresAt}. The embedded mode turns it off: its runs may replay a past clock ({@code --now}),
   * and DynamoDB's TTL sweeper compares {@code expiresAt} with the wall clock, so it would delete
   * records mid-replay that the replayed clock still considers live. The code never relies on TTL
   * deletion anyway: it treats an item past its {@code expiresAt} as absent itself.
   */
  public static void createIfMissing(
      DynamoDbClient client, String inventoryTable, String stateTable, boolean enableTtl) {
    naming(
        inventoryTable,
        () -> ensure(client, inventoryTable, "imageDigest", "containerId", true, enableTtl));
    naming(stateTable, () -> ensure(client, stateTable, "pk", "sk", false, enableTtl));
  }

  /**
   * Runs {@code step} on {@code table}; a DynamoDB failure names the table, so that a user knows
   * which setting or permission to check.
   */
  private static void naming(String table, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      if (!DynamoDbCalls.isDatabaseFailure(e)) {
        throw e;
      }
      throw new StoreException("cannot create DynamoDB table " + table + ": " + e.getMessage(), e);
    }
  }

  private static void ensure(
      DynamoDbClient client,
      String table,
      String hash,
      String range,
      boolean clusterIndex,
      boolean enableTtl) {
    if (!exists(client, table)) {
      try {
        client.createTable(
            b -> {
              b.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE));
              if (clusterIndex) {
                b.attributeDefinitions(string(hash), string(range), string("cluster"))
                    .globalSecondaryIndexes(clusterIndex(range));
              } else {
                b.attributeDefinitions(string(hash), string(range));
              }
            });
      } catch (ResourceInUseException e) {
        // Another run created it meanwhile: fine, wait for it like for ours.
      }
    }
    waitUntilActive(client, table);
    if (enableTtl) {
      enableTtl(client, table);
    }
  }

  private static boolean exists(DynamoDbClient client, String table) {
    try {
      client.describeTable(b -> b.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  // A plain poll rather than the SDK waiter: it behaves the same on the embedded proxy client, and
  // starts short because DynamoDB Local (like LocalStack) creates tables at once.
  private static void waitUntilActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    long pause = 20;
    while (client.describeTable(b -> b.tableName(table)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new StoreException("DynamoDB table " + table + " did not become ACTIVE", null);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for table " + table, e);
      }
      pause = Math.min(pause * 2, 2000);
    }
  }

  private static void enableTtl(DynamoDbClient client, String table) {
    try {
      TimeToLiveStatus status =
          client
              .describeTimeToLive(b -> b.tableName(table))
              .timeToLiveDescription()
              .timeToLiveStatus();
      if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
        return;
      }
      client.updateTimeToLive(
          b ->
              b.tableName(table)
                  .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    } catch (DynamoDbException e) {
      // Some emulators (older DynamoDB Local, some LocalStack versions) reject TTL, a concurrent
      // creator may have enabled it first, a role may lack the permission. TTL is housekeeping
      // only: the stores compare expiresAt with the run's clock themselves, so carry on.
      if (String.valueOf(e.getMessage()).contains("already enabled")) {
        return; // a concurrent creator was first
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "TTL on {0} of table {1} not enabled: {2}",
          TTL_ATTRIBUTE,
          table,
          e.getMessage());
    }
  }

  private static GlobalSecondaryIndex clusterIndex(String range) {
    return GlobalSecondaryIndex.builder()
        .indexName(INVENTORY_CLUSTER_INDEX)
        .keySchema(key("cluster", KeyType.HASH), key(range, KeyType.RANGE))
        .projection(
            p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("status", "source"))
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
