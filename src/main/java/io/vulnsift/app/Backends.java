package io.vulnsift.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbClients;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.shards.DynamoDbShardRuns;
import io.vulnsift.state.DynamoDbStateStore;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB-backed stores a process talks to: the embedded default (DynamoDB Local in-process,
 * data under the state directory, an outbox instead of Jira/Slack) or the real tables in AWS.
 */
public final class Backends implements AutoCloseable {
  private final LocalDynamoDb local;
  private final DynamoDbClient client;
  private final InventoryStore inventory;
  private final StateStore state;
  private final Optional<Outbox> outbox;
  private final DynamoDbShardRuns shardRuns;
  private final java.util.List<AutoCloseable> owned = new java.util.ArrayList<>();

  private Backends(
      LocalDynamoDb local, DynamoDbClient client, VulnsiftConfig config, Optional<Outbox> outbox) {
    this.local = local;
    this.client = client;
    this.inventory = new DynamoDbInventoryStore(client, config.inventoryTable());
    this.state = new DynamoDbStateStore(client, config.stateTable());
    this.shardRuns = new DynamoDbShardRuns(client, config.stateTable());
    this.outbox = outbox;
  }

  /**
   * DynamoDB Local in-process with its data under {@code stateDir}; tables created on first use.
   *
   * @throws IllegalArgumentException when a configured table name is not one DynamoDB takes
   */
  public static Backends local(VulnsiftConfig config, Path stateDir, ObjectMapper json) {
    TableNames.check(config);
    LocalDynamoDb local = LocalDynamoDb.forDirectory(stateDir);
    DynamoDbClient client = local.client();
    try {
      DynamoDbTables.createIfMissing(client, config.inventoryTable(), config.stateTable(), false);
    } catch (RuntimeException e) {
      local.close(); // a process that reports the failure and goes on (serve, tests) keeps no lock
      throw e;
    }
    Outbox outbox = new Outbox(stateDir.resolve("outbox.jsonl"), json);
    return new Backends(local, client, config, Optional.of(outbox));
  }

  /**
   * The tables in AWS (or behind {@code AWS_ENDPOINT_URL_DYNAMODB}).
   *
   * @throws IllegalArgumentException when a configured table name is not one DynamoDB takes
   */
  public static Backends aws(VulnsiftConfig config) {
    TableNames.check(config);
    DynamoDbClient client = DynamoDbClients.fromEnvironment();
    if (config.createTables()) {
      try {
        DynamoDbTables.createIfMissing(client, config.inventoryTable(), config.stateTable());
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return new Backends(null, client, config, Optional.empty());
  }

  public InventoryStore inventory() {
    return inventory;
  }

  public StateStore state() {
    return state;
  }

  /** The items of sharded runs, in the state table. */
  public DynamoDbShardRuns shardRuns() {
    return shardRuns;
  }

  public Optional<Outbox> outbox() {
    return outbox;
  }

  /** Closes {@code resource} with the back ends (e.g. the ECR clients of a findings source). */
  public <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        // Closing is best effort at shutdown; the work is done.
      }
    }
    if (local != null) {
      local.close();
    } else {
      client.close();
    }
  }
}
