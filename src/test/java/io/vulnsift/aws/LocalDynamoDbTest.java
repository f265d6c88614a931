package io.vulnsift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.engine.port.StateStore.ClaimOutcome;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.MarkerStatus;
import io.vulnsift.state.DynamoDbStateStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class LocalDynamoDbTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void stateSurvivesARestart(@TempDir Path stateDir) {
    GroupSnapshot group =
        new GroupSnapshot("fp1", Map.of("id", "CVE-1"), List.of("sha256:a"), List.of(), null, null);
    try (LocalDynamoDb db = LocalDynamoDb.forDirectory(stateDir)) {
      DynamoDbTables.createIfMissing(db.client(), "vulnsift-inventory", "vulnsift-state");
      DynamoDbStateStore store = new DynamoDbStateStore(db.client(), "vulnsift-state");
      store.claimBaseline("wf", "run1", NOW, Duration.ofMinutes(5));
      store.completeBaseline("wf", "run1", NOW);
      store.claim("wf", group, "jira", "run1", NOW, Duration.ofMinutes(5));
      store.recordDelivered("wf", "fp1", "jira", "run1", Map.of("key", "SEC-1"), NOW);
    }
    assertThat(stateDir.resolve("dynamodb/local.db")).isRegularFile();

    try (LocalDynamoDb db = LocalDynamoDb.forDirectory(stateDir)) {
      DynamoDbTables.createIfMissing(db.client(), "vulnsift-inventory", "vulnsift-state");
      DynamoDbStateStore store = new DynamoDbStateStore(db.client(), "vulnsift-state");
      assertThat(store.marker("wf", NOW).status()).isEqualTo(MarkerStatus.DONE);
      assertThat(store.claim("wf", group, "jira", "run2", NOW, Duration.ofMinutes(5)).outcome())
          .isEqualTo(ClaimOutcome.ALREADY_DELIVERED);
    }
  }

  @Test
  void oneUserOfAStateDirectoryAtATime(@TempDir Path stateDir) throws Exception {
    LocalDynamoDb first = LocalDynamoDb.forDirectory(stateDir);
    assertThatThrownBy(() -> LocalDynamoDb.forDirectory(stateDir, Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another vulnsift process is using the local state");

    CompletableFuture<LocalDynamoDb> second =
        CompletableFuture.supplyAsync(
            () -> LocalDynamoDb.forDirectory(stateDir, Duration.ofSeconds(30)));
    Thread.sleep(300);
    assertThat(second).isNotDone();
    first.close();
    try (LocalDynamoDb db = second.get(30, TimeUnit.SECONDS)) {
      DynamoDbTables.createIfMissing(db.client(), "vulnsift-inventory", "vulnsift-state");
    }
  }

  @Test
  void unusableDatabaseFailsFastInsteadOfRetryingForever(@TempDir Path stateDir) throws Exception {
    Files.createDirectories(stateDir.resolve("dynamodb/local.db"));

    assertThatThrownBy(() -> LocalDynamoDb.forDirectory(stateDir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("local.db");
  }

  @Test
  void createIfMissingIsIdempotentAndEnablesTtl() {
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      DynamoDbTables.createIfMissing(db.client(), "inv", "state");
      DynamoDbTables.createIfMissing(db.client(), "inv", "state");

      assertThat(db.client().listTables().tableNames()).containsExactlyInAnyOrder("inv", "state");
      var key = db.client().describeTable(b -> b.tableName("state")).table().keySchema();
      assertThat(key).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
      var inv = db.client().describeTable(b -> b.tableName("inv")).table().keySchema();
      assertThat(inv)
          .extracting(k -> k.attributeName())
          .containsExactly("imageDigest", "containerId");
      assertThat(
              db.client()
                  .describeTimeToLive(b -> b.tableName("inv"))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
    }
  }
}
