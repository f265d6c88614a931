package io.vulnsift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.TestEngines;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.events.EcsTaskEvents;
import io.vulnsift.events.EventRouter;
import io.vulnsift.events.RoutedEvent;
import io.vulnsift.events.RoutedEvent.Rejected;
import io.vulnsift.events.RoutedEvent.RunForImage;
import io.vulnsift.events.RoutedEvent.RunWorkflow;
import io.vulnsift.events.RoutedEvent.UpdateInventory;
import io.vulnsift.fuzz.JsonFuzz;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.model.Finding;
import io.vulnsift.model.ImageReference;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.state.DynamoDbStateStore;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever arrives from EventBridge — random JSON, or the real samples mutated — routing never
 * throws, and handling it against DynamoDB Local (runs for an image, inventory updates, scheduled
 * runs of the shipped workflows) never throws either: a malformed event is rejected, i.e.
 * acknowledged with a reason, so asynchronous retries cannot storm.
 */
class EventHandlingProperties {

  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  static final JsonFuzz.Vocabulary EVENTS =
      new JsonFuzz.Vocabulary(
          List.of(
              "version",
              "id",
              "detail-type",
              "source",
              "account",
              "time",
              "region",
              "resources",
              "detail",
              "scan-status",
              "repository-name",
              "image-digest",
              "image-tags",
              "workflow",
              "clusterArn",
              "taskArn",
              "containers",
              "imageDigest",
              "image",
              "name",
              "lastStatus",
              "desiredStatus",
              "group",
              "awsEcrContainerImage",
              "registry",
              "repositoryName",
              "imageHash",
              "details",
              "scanStatus",
              "reason"),
          List.of(
              "aws.ecr",
              "ECR Image Scan",
              "aws.inspector2",
              "Inspector2 Scan",
              "Inspector2 Finding",
              "aws.ecs",
              "ECS Task State Change",
              "aws.events",
              "aws.scheduler",
              "Scheduled Event",
              "COMPLETE",
              "FAILED",
              "RUNNING",
              "STOPPED",
              "PENDING",
              "DEPROVISIONING",
              "critical-production",
              "staging-daily-digest",
              "vulnsift-critical-production",
              "no-such-workflow",
              "arn:aws:events:us-east-2:123456789012:rule/vulnsift-critical-production",
              "arn:aws:scheduler:us-east-2:123456789012:schedule/default/vulnsift-staging-daily-digest",
              "arn:aws:ecr:us-east-2:123456789012:repository/team/app",
              "arn:aws:ecs:us-west-2:111122223333:cluster/prod-eu",
              "arn:aws:ecs:us-west-2:111122223333:task/prod-eu/6f0ab1d6",
              "service:checkout",
              "123456789012",
              "payments/api",
              "sha256:" + "7".repeat(64),
              "sha256:" + "x".repeat(3000),
              "111122223333.dkr.ecr.us-west-2.amazonaws.com/a:1",
              "nginx@sha256:" + "1".repeat(64),
              "😀",
              "\uD800",
              "x".repeat(3000),
              "/"));

  static LocalDynamoDb db;
  static RunEnvironment env;
  static Engine engine;
  static List<Workflow> workflows;
  static Path outbox;

  static final java.util.logging.Logger HANDLING =
      java.util.logging.Logger.getLogger(EventHandling.class.getName());
  static java.util.logging.Level handlingLevel;

  @BeforeContainer
  static void start() throws IOException {
    // a thousand "event rejected" warnings would bury the build's output
    handlingLevel = HANDLING.getLevel();
    HANDLING.setLevel(java.util.logging.Level.SEVERE);
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
    outbox = Files.createTempFile("outbox", ".jsonl");
    FindingSource findings =
        request ->
            new FindingSource.Fetched(
                request.scope().map(i -> List.of(finding(i))).orElse(List.of()),
                Map.of(),
                Map.of());
    env =
        new RunEnvironment(
            findings,
            new DynamoDbInventoryStore(db.client(), "inventory"),
            new DynamoDbStateStore(db.client(), "state"),
            Optional.of(new Outbox(outbox, JSON)));
    engine = TestEngines.with(TestEngines.outboxHandlers());
    workflows = new WorkflowLoader().loadAll(Path.of("workflows"));
  }

  @AfterContainer
  static void stop() throws IOException {
    HANDLING.setLevel(handlingLevel);
    db.close();
    Files.deleteIfExists(outbox);
  }

  /** A critical finding in the image an event is about, so that its runs reach the actions. */
  static Finding finding(FindingSource.ImageRef image) {
    return Fixtures.bareFinding(
        "CVE-2024-6119",
        "t",
        "d",
        image.registry(),
        image.repository(),
        image.imageDigest(),
        NOW.minusSeconds(60),
        NOW,
        Finding.ScanType.ENHANCED);
  }

  static EventRouter router() {
    return new EventRouter(
        JSON, "vulnsift-", new EcsTaskEvents(Map.of("prod-eu", "production"), Duration.ofDays(2)));
  }

  @Provide
  Arbitrary<String> events() {
    List<String> samples;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/events"))) {
      samples = files.sorted().map(p -> JsonFuzz.read(p.toString())).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, JsonFuzz.mutants(samples, EVENTS)),
        Tuple.of(2, JsonFuzz.values(EVENTS).map(Object::toString)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
  }

  @Property(tries = 1000)
  void routingNeverThrowsAndRejectsWithAReason(@ForAll("events") String event) {
    RoutedEvent routed = router().route(event, NOW);
    Statistics.collect(routed.getClass().getSimpleName());
    assertRouted(routed);
    Statistics.coverage(
        c -> {
          c.check("Rejected").percentage(p -> p > 10);
          c.check("RunForImage").percentage(p -> p > 5);
          c.check("UpdateInventory").percentage(p -> p > 5);
          c.check("RunWorkflow").percentage(p -> p > 5);
        });
  }

  static void assertRouted(RoutedEvent routed) {
    assertThat(routed).isNotNull();
    if (routed instanceof Rejected r) {
      assertThat(r.reason()).isNotBlank();
    } else if (routed instanceof RunWorkflow w) {
      assertThat(w.workflow()).isNotEmpty();
    } else if (routed instanceof RunForImage i) {
      assertThat(i.image().repository()).isNotEmpty();
      assertThat(ImageReference.isDigest(i.image().imageDigest())).isTrue();
    } else {
      for (InventoryRecord r : ((UpdateInventory) routed).records()) {
        assertThat(ImageReference.isDigest(r.imageDigest())).isTrue();
        assertThat(r.containerId().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(1024);
        assertThat(r.containerId()).startsWith("ecs/");
      }
    }
  }

  @Example
  void anEcsContainerWithAnOversizedDigestIsNotWritten() {
    // regression: a digest beyond DynamoDB's 2048-byte key limit failed the PutItem, so the event
    // was thrown back (and retried) instead of acknowledged
    String event =
        JsonFuzz.read("src/test/resources/events/ecs-task-running.json")
            .replace(
                "sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6",
                "sha256:" + "7".repeat(3000));
    EventHandling.Outcome outcome =
        new EventHandling(router(), engine).handle(event, workflows, RunOptions.at(NOW), env);
    assertRouted(outcome.routed());
    assertThat(((UpdateInventory) outcome.routed()).records()).isEmpty();
    String longName =
        JsonFuzz.read("src/test/resources/events/ecs-task-running.json")
            .replace("\"FargateApp\"", "\"" + "n".repeat(2000) + "\"");
    assertThat(router().route(longName, NOW)).isInstanceOf(Rejected.class);
  }

  @Example
  void aScheduleInputWithoutAWorkflowNameIsRejected() {
    // regression: {"workflow": {}} or "" was routed as a run of the workflow named ""
    for (String input : List.of("{\"workflow\": {}}", "{\"workflow\": \" \"}")) {
      assertThat(router().route(input, NOW)).isInstanceOf(Rejected.class);
    }
  }

  @Property(tries = 200)
  void handlingNeverThrowsAndRejectedEventsCauseNothing(@ForAll("events") String event) {
    EventHandling.Outcome outcome =
        new EventHandling(router(), engine).handle(event, workflows, RunOptions.at(NOW), env);
    assertRouted(outcome.routed());
    Statistics.collect(outcome.rejection().isPresent() ? "rejected" : "handled");
    if (outcome.rejection().isPresent()) {
      assertThat(outcome.reports()).isEmpty();
    }
    outcome.reports().forEach(r -> assertThat(r.workflow()).isNotBlank());
  }
}
