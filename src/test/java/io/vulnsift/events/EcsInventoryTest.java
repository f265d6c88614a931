package io.vulnsift.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.events.RoutedEvent.UpdateInventory;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real ECS Task State Change samples of one multi-container task, routed into DynamoDB Local. */
class EcsInventoryTest {

  static final Instant RUNNING_AT = Instant.parse("2026-11-26T09:50:10Z");
  static final Instant STOPPED_AT = Instant.parse("2026-11-26T11:02:32Z");
  static final String CHECKOUT =
      "sha256:5b1c0e2f6a7d8c9b0a1f2e3d4c5b6a7980f1e2d3c4b5a69788f7e6d5c4b3a291";
  static final String FLUENT_BIT =
      "sha256:0c8f0f9c6e5a1b2d3c4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e";
  static final String XRAY =
      "sha256:9d8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877665544";

  static LocalDynamoDb db;

  final EventRouter router =
      new EventRouter(
          new ObjectMapper(),
          "vulnsift-",
          new EcsTaskEvents(Map.of("prod-eu", "production"), Duration.ofDays(2)));

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "ecs-inv", "ecs-state", false);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  List<InventoryRecord> route(String sample, Instant now) throws IOException {
    return ((UpdateInventory) router.route(EventRouterTest.sample(sample), now)).records();
  }

  @Test
  void pendingThenRunningThenStoppedOnDynamoDbLocal() throws IOException {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "ecs-inv");
    List<String> digests = List.of(CHECKOUT, FLUENT_BIT, XRAY);

    List<InventoryRecord> pending =
        route("ecs-task-multi-pending.json", RUNNING_AT.minusSeconds(9));
    assertThat(pending).as("nothing pulled yet: nothing a finding could join").isEmpty();
    store.upsert(pending);
    assertThat(store.requestCounts()).as("an empty update sends nothing").isEmpty();

    store.upsert(route("ecs-task-multi-running.json", RUNNING_AT));
    Map<String, List<InventoryRecord>> live =
        store.findLive(digests, RUNNING_AT.minus(Duration.ofHours(3)), RUNNING_AT).records();
    assertThat(live).containsOnlyKeys(digests);
    InventoryRecord app = live.get(CHECKOUT).get(0);
    assertThat(app.containerId())
        .isEqualTo("ecs/prod-eu/6f0ab1d6c0a64c4e8b9f3f0c7d2b1e90/checkout");
    assertThat(app.status()).isEqualTo("running");
    assertThat(app.registry()).isEqualTo("111122223333");
    assertThat(app.repository()).isEqualTo("shop/checkout");
    assertThat(app.cluster()).isEqualTo("prod-eu");
    assertThat(app.workload()).isEqualTo("checkout");
    assertThat(app.releaseStage()).isEqualTo("production");
    assertThat(app.lastSeenAt()).isEqualTo(RUNNING_AT);
    assertThat(app.expiresAt()).isEqualTo(RUNNING_AT.plus(Duration.ofDays(2)));
    assertThat(live.get(FLUENT_BIT).get(0).repository())
        .isEqualTo("aws-observability/aws-for-fluent-bit");
    assertThat(new RuntimeContext(live.get(CHECKOUT)).runningStages())
        .containsExactly("production");

    store.upsert(route("ecs-task-multi-stopped.json", STOPPED_AT));
    Map<String, List<InventoryRecord>> after =
        store.findLive(digests, STOPPED_AT.minus(Duration.ofHours(3)), STOPPED_AT).records();
    assertThat(after.values().stream().flatMap(List::stream).map(InventoryRecord::status))
        .as("the same three items, now stopped")
        .hasSize(3)
        .containsOnly("stopped");
    digests.forEach(d -> assertThat(new RuntimeContext(after.get(d)).running()).as(d).isFalse());
  }

  @Test
  void aRunningEventDeliveredAfterTheStoppedOneDoesNotReviveTheTask() throws IOException {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "ecs-inv-order");
    DynamoDbTables.createIfMissing(db.client(), "ecs-inv-order", "ecs-state", false);

    store.upsertUnlessStopped(route("ecs-task-multi-stopped.json", STOPPED_AT));
    store.upsertUnlessStopped(route("ecs-task-multi-running.json", STOPPED_AT.plusSeconds(5)));

    Map<String, List<InventoryRecord>> live =
        store.findLive(List.of(CHECKOUT, FLUENT_BIT, XRAY), STOPPED_AT, STOPPED_AT).records();
    assertThat(live.values().stream().flatMap(List::stream).map(InventoryRecord::status))
        .hasSize(3)
        .containsOnly("stopped");
    assertThat(store.requestCounts())
        .containsEntry("BatchWriteItem", 1)
        .containsEntry("PutItem", 3);

    // In order, RUNNING then STOPPED, it behaves as upsert.
    DynamoDbInventoryStore fresh = new DynamoDbInventoryStore(db.client(), "ecs-inv-order");
    String otherTask =
        EventRouterTest.sample("ecs-task-multi-running.json").replace("6f0ab1d6", "7e1bc2e7");
    fresh.upsertUnlessStopped(((UpdateInventory) router.route(otherTask, RUNNING_AT)).records());
    assertThat(fresh.findLive(List.of(CHECKOUT), RUNNING_AT, RUNNING_AT).records().get(CHECKOUT))
        .extracting(InventoryRecord::status)
        .contains("running");
  }

  @Test
  void aTaskThatFailedToPullStopsTheContainersThatHadDigests() throws IOException {
    List<InventoryRecord> records = route("ecs-task-pull-failed.json", STOPPED_AT);

    Map<String, String> byContainer =
        records.stream()
            .collect(Collectors.toMap(InventoryRecord::container, InventoryRecord::status));
    assertThat(byContainer).containsExactly(Map.entry("log_router", "stopped"));
  }

  @Test
  void aStoppedTaskStopsContainersThatLastReportedRunning() throws IOException {
    String stopping =
        EventRouterTest.sample("ecs-task-multi-stopped.json")
            .replaceFirst("\"lastStatus\": \"STOPPED\"", "\"lastStatus\": \"RUNNING\"");
    List<InventoryRecord> records =
        ((UpdateInventory) router.route(stopping, STOPPED_AT)).records();

    assertThat(records).extracting(InventoryRecord::status).containsOnly("stopped");
  }
}
