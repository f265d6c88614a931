package io.vulnsift.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda function as AWS invokes it: each real EventBridge sample of the reference is posted to
 * Quarkus's mock Lambda event server, which hands it to the handler exactly like the Lambda runtime
 * API does; the handler's answer comes back as the response. ECR, DynamoDB and Slack are loopback
 * fakes (see {@link FunctionFakes}).
 */
@QuarkusTest
@QuarkusTestResource(value = FunctionFakes.class, restrictToAnnotatedClass = true)
class VulnsiftFunctionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final List<String> warnings = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          warnings.add(String.format(r.getMessage(), r.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    Logger.getLogger("io.vulnsift.app.EventHandling").addHandler(capture);
    FunctionFakes.ecr.resetCounters();
  }

  @AfterEach
  void unlisten() {
    Logger.getLogger("io.vulnsift.app.EventHandling").removeHandler(capture);
  }

  static JsonNode invoke(String event) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://" + eventServer() + "/_lambda_"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Where the mock Lambda event server listens (a free port, see the lambda profile). */
  static String eventServer() {
    return ConfigProvider.getConfig()
        .getValue("quarkus-internal.aws-lambda.test-api", String.class);
  }

  static String sample(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/events", name));
  }

  static List<String> scannedDigests() {
    return FunctionFakes.ecr.bodies("DescribeImageScanFindings").stream()
        .map(b -> b.path("imageId").path("imageDigest").asText())
        .distinct()
        .toList();
  }

  @Test
  void anEcrScanRunsTheScanWorkflowForThatImageOnly() throws Exception {
    JsonNode out = invoke(sample("ecr-image-scan.json"));

    assertThat(out.path("outcome").asText()).isEqualTo("scan");
    assertThat(out.path("scope").path("repository").asText()).isEqualTo("my-repository-name");
    assertThat(out.path("runs")).hasSize(1);
    assertThat(out.path("runs").get(0).path("workflow").asText()).isEqualTo("scan-alerts");
    assertThat(out.path("runs").get(0).path("funnel").path("fetched").asInt()).isEqualTo(2);
    assertThat(scannedDigests()).containsExactly(FunctionFakes.ECR_DIGEST);
  }

  @Test
  void anInspectorScanTakesTheRepositoryFromItsArnAndTheRegistryFromTheEvent() throws Exception {
    JsonNode out = invoke(sample("inspector2-scan.json"));

    assertThat(out.path("scope").path("registry").asText())
        .isEqualTo(FunctionFakes.INSPECTOR_ACCOUNT);
    assertThat(out.path("scope").path("repository").asText()).isEqualTo("inspector2");
    assertThat(out.path("runs").get(0).path("funnel").path("fetched").asInt()).isEqualTo(1);
    assertThat(scannedDigests()).containsExactly(FunctionFakes.INSPECTOR_DIGEST);
  }

  @Test
  void anInspectorFindingRunsForTheFindingsImage() throws Exception {
    JsonNode out = invoke(sample("inspector2-finding.json"));

    assertThat(out.path("scope").path("imageDigest").asText())
        .isEqualTo(FunctionFakes.FINDING_DIGEST);
    assertThat(out.path("runs").get(0).path("funnel").path("fetched").asInt()).isEqualTo(3);
    assertThat(scannedDigests()).containsExactly(FunctionFakes.FINDING_DIGEST);
  }

  @Test
  void theSameScanEventDeliveredThreeTimesAlertsOnce() throws Exception {
    // Its own repository, so no other test has reported its group already.
    String event = sample("ecr-image-scan.json").replace("my-repository-name", "dedup-check");
    FunctionFakes.ecr
        .image(FunctionFakes.ACCOUNT, "dedup-check", FunctionFakes.ECR_DIGEST)
        .enhancedFindings(1, java.time.Instant.now().minusSeconds(60));
    int before = slackPosts();

    JsonNode first = invoke(event);
    invoke(event);
    invoke(event);

    assertThat(first.path("runs").get(0).path("errors")).isEmpty();
    assertThat(slackPosts() - before).isEqualTo(1);
  }

  @Test
  void anExplicitScheduleInputRunsTheWorkflowItNames() throws Exception {
    JsonNode out = invoke(sample("schedule-input.json"));

    assertThat(out.path("outcome").asText()).isEqualTo("scheduled");
    assertThat(out.path("runs").get(0).path("workflow").asText()).isEqualTo("critical-production");
    // A full run (runtime-first or a sweep), not one scoped to an image.
    assertThat(out.path("runs").get(0).path("calls").path("findings").fieldNames())
        .toIterable()
        .noneMatch(plan -> plan.equals("plan:scope"))
        .anyMatch(plan -> plan.startsWith("plan:"));
  }

  @Test
  void aScheduledRuleRunsTheWorkflowNamedByTheRuleArn() throws Exception {
    JsonNode out = invoke(sample("scheduled-rule.json"));

    assertThat(out.path("runs").get(0).path("workflow").asText()).isEqualTo("my-schedule");
  }

  @Test
  void aSchedulerEventNamingNoWorkflowIsAcknowledgedWithAClearLog() throws Exception {
    JsonNode out = invoke(sample("scheduler-default.json"));

    assertThat(out.path("outcome").asText()).isEqualTo("rejected");
    assertThat(out.path("reason").asText()).contains("test-schedule");
    assertThat(warnings).anyMatch(w -> w.contains("event rejected") && w.contains("test-schedule"));
  }

  @Test
  void anEcsTaskChangeUpdatesTheInventory() throws Exception {
    JsonNode out = invoke(sample("ecs-task-running.json"));

    assertThat(out.path("outcome").asText()).isEqualTo("inventory");
    assertThat(out.path("containers").asInt()).isEqualTo(1);
    assertThat(out.path("runs")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "{}",
        "[1,2,3]",
        "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}",
        "{\"source\":\"aws.ecr\",\"detail-type\":\"ECR Image Scan\",\"detail\":{\"scan-status\":\"FAILED\"}}",
        "{\"source\":\"aws.ecr\",\"detail-type\":\"ECR Image Scan\",\"detail\":\"oops\"}"
      })
  void aMalformedOrUnknownEventIsAcknowledgedAndLogged(String event) throws Exception {
    JsonNode out = invoke(event);

    assertThat(out.path("outcome").asText()).isEqualTo("rejected");
    assertThat(out.path("reason").asText()).isNotBlank();
    assertThat(warnings).anyMatch(w -> w.startsWith("event rejected: "));
    assertThat(FunctionFakes.ecr.calls()).isEmpty();
  }

  @Test
  void aShardedScheduleFansOutThroughSqsAndTheShardMessagesDecideOnce() throws Exception {
    int sent = FunctionFakes.sqs.accepted().size();
    int before = slackPosts();

    JsonNode scheduled = invoke("{\"workflow\":\"sharded\",\"trigger\":\"schedule\"}");
    List<String> shards = FunctionFakes.sqs.accepted().subList(sent, sent + 3);
    // Every shard twice (SQS delivers at least once) plus a record that is not a shard message.
    JsonNode batch = invoke(sqsEvent(shards, shards, List.of("{\"not\":\"a shard\"}")));
    List<String> decide =
        FunctionFakes.sqs.accepted().subList(sent + 3, FunctionFakes.sqs.accepted().size());
    JsonNode decided = invoke(sqsEvent(decide, decide));

    assertThat(scheduled.path("outcome").asText()).isEqualTo("scheduled");
    assertThat(shards).allMatch(m -> m.contains("\"shard\""));
    assertThat(batch.path("batchItemFailures")).isEmpty();
    assertThat(decide).isNotEmpty();
    assertThat(decided.path("batchItemFailures")).isEmpty();
    // One alert per repository of the sharded registry, however often each message came.
    assertThat(slackPosts() - before).isEqualTo(6);
  }

  /** An SQS event as Lambda's event source mapping delivers it, one record per body. */
  @SafeVarargs
  static String sqsEvent(List<String>... bodies) {
    com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode();
    var records = event.putArray("Records");
    int id = 0;
    for (List<String> list : bodies) {
      for (String body : list) {
        var r = records.addObject();
        r.put("messageId", "m-" + id++);
        r.put("body", body);
        r.put("eventSource", "aws:sqs");
        r.putObject("attributes").put("ApproximateReceiveCount", "1");
      }
    }
    return event.toString();
  }

  static int slackPosts() {
    return FunctionFakes.slack
        .findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))
        .size();
  }
}
