package io.vulnsift.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.events.RoutedEvent.Rejected;
import io.vulnsift.events.RoutedEvent.RunForImage;
import io.vulnsift.events.RoutedEvent.RunWorkflow;
import io.vulnsift.events.RoutedEvent.UpdateInventory;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.workflow.Triggers.EventKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispatch of the real EventBridge samples of the reference (and broken ones) per SPEC §4. */
class EventRouterTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  final EventRouter router =
      new EventRouter(
          new ObjectMapper(),
          "vulnsift-",
          new EcsTaskEvents(Map.of("FargateCluster", "production"), Duration.ofDays(2)));

  static String sample(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/events", name));
  }

  @Test
  void anEcrBasicScanCompleteRunsTheScanTriggeredWorkflowsForThatImage() throws IOException {
    assertThat(router.route(sample("ecr-image-scan.json"), NOW))
        .isEqualTo(
            new RunForImage(
                EventKind.ECR_IMAGE_SCAN,
                new ImageRef(
                    "123456789012",
                    "my-repository-name",
                    "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234")));
  }

  @Test
  void anInspectorScanEventTakesTheRepositoryNameOutOfItsArn() throws IOException {
    RunForImage routed = (RunForImage) router.route(sample("inspector2-scan.json"), NOW);
    assertThat(routed.kind()).isEqualTo(EventKind.INSPECTOR2_SCAN);
    assertThat(routed.image().repository()).isEqualTo("inspector2");
    assertThat(routed.image().imageDigest()).startsWith("sha256:965fbcae");
  }

  @Test
  void anInspectorFindingEventIsScopedToTheFindingsImage() throws IOException {
    RunForImage routed = (RunForImage) router.route(sample("inspector2-finding.json"), NOW);
    assertThat(routed.kind()).isEqualTo(EventKind.INSPECTOR2_FINDING);
    assertThat(routed.image())
        .isEqualTo(
            new ImageRef(
                "123456789012",
                "inspector2",
                "sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d"));
  }

  @Test
  void aScheduledRuleRunsTheWorkflowNamedByItsRuleWithoutThePrefix() {
    String event =
        """
        {"version":"0","detail-type":"Scheduled Event","source":"aws.events","detail":{},
         "resources":["arn:aws:events:us-east-2:123456789012:rule/vulnsift-critical-production"]}
        """;
    assertThat(router.route(event, NOW)).isEqualTo(new RunWorkflow("critical-production"));
  }

  @Test
  void theSchedulerDefaultPayloadWithAStringDetailIsUnderstood() throws IOException {
    assertThat(router.route(sample("scheduler-default.json"), NOW))
        .isEqualTo(new RunWorkflow("test-schedule"));
    assertThat(router.route(sample("scheduled-rule.json"), NOW))
        .isEqualTo(new RunWorkflow("my-schedule"));
  }

  @Test
  void anExplicitScheduleInputNamesTheWorkflow() throws IOException {
    assertThat(router.route(sample("schedule-input.json"), NOW))
        .isEqualTo(new RunWorkflow("critical-production"));
  }

  @Test
  void ecsTaskEventsUpsertThenStopTheTasksContainers() throws IOException {
    UpdateInventory running = (UpdateInventory) router.route(sample("ecs-task-running.json"), NOW);
    UpdateInventory stopped = (UpdateInventory) router.route(sample("ecs-task-stopped.json"), NOW);

    InventoryRecord r = running.records().get(0);
    assertThat(r.status()).isEqualTo("running");
    assertThat(r.releaseStage()).isEqualTo("production");
    assertThat(r.workload()).isEqualTo("hello-service");
    assertThat(r.registry()).isEqualTo("111122223333");
    assertThat(r.repository()).isEqualTo("hello-repository");
    assertThat(r.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    InventoryRecord s = stopped.records().get(0);
    assertThat(s.status()).isEqualTo("stopped");
    assertThat(s.containerId()).as("the same item is updated").isEqualTo(r.containerId());
  }

  @Test
  void anEcrScanThatDidNotCompleteIsRejected() throws IOException {
    String failed = sample("ecr-image-scan.json").replace("\"COMPLETE\"", "\"FAILED\"");
    assertThat(router.route(failed, NOW)).isInstanceOf(Rejected.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "42",
        "{}",
        "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Instance State-change Notification\"}",
        "{\"source\":\"aws.ecr\",\"detail-type\":\"ECR Image Scan\",\"detail\":{\"scan-status\":\"COMPLETE\"}}",
        "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"resources\":[]}",
        "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":\"{}\"}"
      })
  void malformedOrForeignEventsAreRejectedWithAReasonNeverThrown(String event) {
    RoutedEvent routed = router.route(event, NOW);
    assertThat(routed).isInstanceOf(Rejected.class);
    assertThat(((Rejected) routed).reason()).isNotBlank();
  }
}
