package io.vulnsift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.e2e.DynamoDbFaultProxy.Fault;
import io.vulnsift.lambda.Java17Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3 in the Lambda function: EventBridge delivers the same ECR scan event several times, and
 * the hourly schedule fires at the same moment; several execution environments of the built {@code
 * function.zip} (each its own class loader, as Lambda runs them) handle them all at once, against
 * throttling ECR and DynamoDB, a Jira that rate-limits and a Slack that fails once. The inventory
 * comes in as ECS task events, through the function too. Every group is alerted exactly once, by
 * the fakes' records. Runs in the {@code lambda} build, after {@code package}.
 */
class DuplicateEventsFunctionIT {

  static final Path ZIP = Path.of("target/function.zip");
  static final int ENVIRONMENTS = 3;
  static final int DUPLICATES = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Stack stack;
  final List<Java17Runtime> environments = new ArrayList<>();
  final List<Object> handlers = new ArrayList<>();
  final Map<String, String> properties = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    stack = new Stack(dir, new Estate(1, 2, Instant.now().minus(Duration.ofHours(1))));
    Path workflows = Files.createDirectories(dir.resolve("workflows"));
    Files.writeString(workflows.resolve(Estate.WORKFLOW + ".yaml"), Estate.workflow());
    configure(workflows);
    Path task = dir.resolve("task");
    Java17Runtime.unzip(ZIP, task);
    for (int i = 0; i < ENVIRONMENTS; i++) {
      Java17Runtime runtime = Java17Runtime.of(task);
      environments.add(runtime);
      handlers.add(runtime.newHandler());
    }
  }

  /** The function's settings, as its environment variables would give them (README). */
  private void configure(Path workflows) {
    Map<String, String> env = stack.env();
    properties.put("aws.region", env.get("AWS_REGION"));
    properties.put("aws.accessKeyId", env.get("AWS_ACCESS_KEY_ID"));
    properties.put("aws.secretAccessKey", env.get("AWS_SECRET_ACCESS_KEY"));
    properties.put("aws.endpointUrlEcr", env.get("AWS_ENDPOINT_URL_ECR"));
    properties.put("aws.endpointUrlDynamoDb", env.get("AWS_ENDPOINT_URL_DYNAMODB"));
    properties.put("vulnsift.workflows-dir", workflows.toString());
    properties.put("vulnsift.create-tables", "true");
    properties.put("vulnsift.claim-lease", "30s");
    properties.put("vulnsift.ecr.registry-ids", Estate.ACCOUNT);
    properties.put("vulnsift.ecs-cluster-stages.prod", "production");
    properties.put("vulnsift.ecs-cluster-stages.staging", "staging");
    properties.put("vulnsift.jira.url", env.get("VULNSIFT_JIRA_URL"));
    properties.put("vulnsift.jira.email", env.get("VULNSIFT_JIRA_EMAIL"));
    properties.put("vulnsift.jira.api-token", env.get("VULNSIFT_JIRA_API_TOKEN"));
    properties.put("vulnsift.jira.timeout", env.get("VULNSIFT_JIRA_TIMEOUT"));
    properties.put("vulnsift.slack.bot-token", env.get("VULNSIFT_SLACK_BOT_TOKEN"));
    properties.put("vulnsift.slack.api-url", env.get("VULNSIFT_SLACK_API_URL"));
    properties.put("vulnsift.slack.timeout", env.get("VULNSIFT_SLACK_TIMEOUT"));
    properties.forEach(System::setProperty);
  }

  @AfterEach
  void stop() throws Exception {
    for (Java17Runtime runtime : environments) {
      runtime.close();
    }
    properties.keySet().forEach(System::clearProperty);
    stack.close();
  }

  @Test
  void duplicateScanEventsAndASimultaneousScheduleAlertEveryGroupOnce() throws Exception {
    List<Estate.Service> services = stack.estate.services();
    List<Estate.Service> early = services.stream().filter(s -> s.index() % 2 == 0).toList();
    List<Estate.Service> late = services.stream().filter(s -> s.index() % 2 == 1).toList();
    // The first services start; the first hourly run takes the baseline and alerts them.
    for (Estate.Service s : early) {
      assertThat(invoke(0, taskRunning(s)).path("outcome").asText()).isEqualTo("inventory");
    }
    JsonNode first = invoke(1, schedule());
    assertThat(first.at("/runs/0/errors")).as(first.toString()).isEmpty();

    // The other services start; their scans complete. EventBridge delivers each scan event
    // several times, while the next hourly schedule fires: all at once, in every environment.
    for (Estate.Service s : late) {
      invoke(2, taskRunning(s));
    }
    stack.ecr.throttleFirstAttempts(1);
    stack.dynamodb.pattern(Fault.THROTTLE, Fault.NONE, Fault.SERVER_ERROR, Fault.NONE, Fault.NONE);
    int created = stack.jira.issues().size();
    stack.jira.onCreate(stack.jira.createRequests() + 2, RecordingJira.Misbehaviour.RATE_LIMITED);
    stack.slack.onPost(stack.slack.postRequests() + 3, RecordingSlack.Misbehaviour.UNAVAILABLE);
    List<String> events = new ArrayList<>();
    for (Estate.Service s : late) {
      if (s.stage().equals("production")) {
        for (int i = 0; i < DUPLICATES; i++) {
          events.add(scanComplete(s));
        }
      }
    }
    events.add(schedule());
    List<JsonNode> answers = allAtOnce(events);

    assertThat(answers)
        .allSatisfy(a -> assertThat(a.path("outcome").asText()).isIn("scan", "scheduled"));
    assertThat(stack.jira.issues().size()).isGreaterThan(created);
    assertThat(stack.dynamodb.throttled()).as("DynamoDB throttles injected").isPositive();
    stack.assertEveryGroupAlertedExactlyOnce();
  }

  /** Every event on its own thread, spread over the environments, released together. */
  private List<JsonNode> allAtOnce(List<String> events) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(events.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        int environment = i % ENVIRONMENTS;
        String event = events.get(i);
        Callable<JsonNode> call =
            () -> {
              go.await();
              return invoke(environment, event);
            };
        answers.add(pool.submit(call));
      }
      go.countDown();
      List<JsonNode> out = new ArrayList<>();
      for (Future<JsonNode> answer : answers) {
        out.add(answer.get(Cli.HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private JsonNode invoke(int environment, String event) throws Exception {
    return JSON.readTree(environments.get(environment).invoke(handlers.get(environment), event));
  }

  /** The explicit input the stack's EventBridge schedule gives the function. */
  private static String schedule() {
    return "{\"workflow\":\"" + Estate.WORKFLOW + "\",\"trigger\":\"schedule\"}";
  }

  /** {@code aws.ecr} {@code ECR Image Scan}, COMPLETE, for the service's image. */
  private static String scanComplete(Estate.Service s) {
    ObjectNode event = envelope("aws.ecr", "ECR Image Scan");
    event.putArray("resources").add(arn("ecr", "repository/" + s.repository()));
    ObjectNode detail = event.putObject("detail");
    detail.put("scan-status", "COMPLETE").put("repository-name", s.repository());
    detail.put("image-digest", s.digest());
    detail.putArray("image-tags").add("1.0");
    detail.putObject("finding-severity-counts").put("CRITICAL", 2).put("HIGH", 1);
    return event.toString();
  }

  /**
   * {@code aws.ecs} {@code ECS Task State Change}: the service's task runs, in its stage's cluster.
   */
  private static String taskRunning(Estate.Service s) {
    String cluster = s.stage().equals("production") ? "prod" : "staging";
    String name = s.repository().replace('/', '-');
    String taskArn =
        arn("ecs", "task/" + cluster + "/" + UUID.randomUUID().toString().replace("-", ""));
    ObjectNode event = envelope("aws.ecs", "ECS Task State Change");
    event.putArray("resources").add(taskArn);
    ObjectNode detail = event.putObject("detail");
    detail
        .put("clusterArn", arn("ecs", "cluster/" + cluster))
        .put("taskArn", taskArn)
        .put("group", "service:" + name)
        .put("lastStatus", "RUNNING")
        .put("desiredStatus", "RUNNING");
    detail
        .putArray("containers")
        .addObject()
        .put("containerArn", arn("ecs", "container/" + UUID.randomUUID()))
        .put("lastStatus", "RUNNING")
        .put("name", "app")
        .put(
            "image",
            Estate.ACCOUNT
                + ".dkr.ecr."
                + Estate.REGION
                + ".amazonaws.com/"
                + s.repository()
                + ":1.0")
        .put("imageDigest", s.digest())
        .put("taskArn", taskArn);
    return event.toString();
  }

  private static ObjectNode envelope(String source, String detailType) {
    return JSON.createObjectNode()
        .put("version", "0")
        .put("id", UUID.randomUUID().toString())
        .put("detail-type", detailType)
        .put("source", source)
        .put("account", Estate.ACCOUNT)
        .put("time", Instant.now().toString())
        .put("region", Estate.REGION);
  }

  private static String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + Estate.REGION + ":" + Estate.ACCOUNT + ":" + resource;
  }
}
