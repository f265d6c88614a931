package io.vulnsift.app;

import static io.vulnsift.shards.ShardFixture.ACCOUNT;
import static io.vulnsift.shards.ShardFixture.NOW;
import static io.vulnsift.shards.ShardFixture.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.events.EcsTaskEvents;
import io.vulnsift.events.EventRouter;
import io.vulnsift.shards.ShardCoordinator;
import io.vulnsift.shards.ShardFixture;
import io.vulnsift.shards.ShardMessage;
import io.vulnsift.shards.ShardQueue;
import io.vulnsift.shards.ShardWorker;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Lambda function does with the shard queue's SQS events (raw JSON in, partial-batch
 * response out) and with the schedule of a sharded workflow, on DynamoDB Local and the fake ECR.
 */
class ShardHandlingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  final FakeEcr ecr = FakeEcr.start(ACCOUNT);
  final ShardFixture fx = new ShardFixture(ecr, EcrPlan.SWEEP);
  final RecordingQueue queue = new RecordingQueue();
  final List<RunReport> reports = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    fx.close();
    ecr.close();
  }

  @Test
  void aBatchReportsOnlyTheRecordThatFailedAndAcknowledgesMalformedOnes() throws Exception {
    ShardFixture.registry(ecr);
    fx.inventory.upsert(ShardFixture.containers(NOW.minus(Duration.ofMinutes(10))));
    Workflow wf = ShardFixture.workflow();
    AtomicBoolean shardOneFails = new AtomicBoolean(true);
    FindingSource ecrSource = fx.env().findings();
    FindingSource flaky =
        new FindingSource() {
          @Override
          public Fetched fetch(FetchRequest request) {
            if (request.shard().orElseThrow().index() == 1 && shardOneFails.get()) {
              throw new IllegalStateException("ECR unavailable");
            }
            return ecrSource.fetch(request);
          }

          @Override
          public boolean honoursShards() {
            return true;
          }
        };
    ShardWorker worker = fx.worker(queue, fx.env(flaky, fx.state), NOW);
    ShardCoordinator coordinator = new ShardCoordinator(fx.runs, queue);
    ShardHandling handling = new ShardHandling(worker, coordinator, JSON, reports::add);
    String run = coordinator.begin(wf, 3, options(NOW));
    List<ShardMessage> shards = queue.drain();

    String response =
        handling.handle(
            event(
                Map.of("id-0", shards.get(0).toJson()),
                Map.of("id-garbage", "{not json"),
                Map.of("id-1", shards.get(1).toJson()),
                Map.of("id-incomplete", "{\"kind\":\"shard\",\"workflow\":\"fleet\"}"),
                Map.of("id-2", shards.get(2).toJson())));

    assertThat(JSON.readTree(response))
        .isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"id-1\"}]}"));
    assertThat(fx.runs.state(wf.name(), run).orElseThrow().done()).containsExactlyInAnyOrder(0, 2);
    assertThat(queue.drain()).as("no decision before every shard is done").isEmpty();
    assertThat(fx.outbox()).isEmpty();

    shardOneFails.set(false);
    String retried = handling.handle(event(Map.of("id-1", shards.get(1).toJson())));

    assertThat(JSON.readTree(retried)).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
    List<ShardMessage> decision = queue.drain();
    assertThat(decision)
        .singleElement()
        .extracting(ShardMessage::kind)
        .isEqualTo(ShardMessage.Kind.DECIDE);

    handling.handle(event(Map.of("id-d", decision.get(0).toJson())));
    handling.handle(event(Map.of("id-d2", decision.get(0).toJson()))); // a duplicate

    assertThat(reports).singleElement().satisfies(r -> assertThat(r.count("new")).isPositive());
    assertThat(fx.deliveries()).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    assertThat(fx.deliveries()).hasSize(2 * reports.get(0).count("delivered"));
  }

  @Test
  void anEventThatIsNotAnSqsEventFailsNothing() throws Exception {
    ShardHandling handling =
        new ShardHandling(
            fx.worker(queue, fx.env(), NOW),
            new ShardCoordinator(fx.runs, queue),
            JSON,
            reports::add);

    assertThat(ShardHandling.isSqsEvent(JSON.readTree(event(Map.of("id", "{}"))))).isTrue();
    assertThat(ShardHandling.isSqsEvent(JSON.readTree("{\"source\":\"aws.ecr\"}"))).isFalse();
    assertThat(handling.handle("{\"source\":\"aws.ecr\"}")).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(handling.handle("]")).isEqualTo("{\"batchItemFailures\":[]}");
  }

  @Test
  void aScheduleEnqueuesTheShardsOfAShardedWorkflowInsteadOfRunningIt() {
    ShardFixture.registry(ecr);
    Workflow sharded =
        new WorkflowLoader()
            .parse(
                "fleet.yaml",
                ShardFixture.WORKFLOW.replace("  lookback: 7d", "  lookback: 7d\n  shards: 4"));
    Workflow plain =
        new WorkflowLoader()
            .parse("other.yaml", ShardFixture.WORKFLOW.replace("name: fleet", "name: other"));
    EventRouter router =
        new EventRouter(JSON, "vulnsift-", new EcsTaskEvents(Map.of(), Duration.ofDays(2)));
    EventHandling handling =
        new EventHandling(router, fx.engine, Optional.of(new ShardCoordinator(fx.runs, queue)));

    EventHandling.Outcome outcome =
        handling.handle(
            "{\"workflow\":\"fleet\",\"trigger\":\"schedule\"}",
            List.of(sharded, plain),
            options(NOW),
            fx.env());

    assertThat(outcome.reports()).isEmpty();
    assertThat(ecr.calls()).as("nothing fetched in the schedule's invocation").isEmpty();
    List<ShardMessage> messages = queue.drain();
    assertThat(messages).extracting(ShardMessage::shard).containsExactly(0, 1, 2, 3);
    assertThat(fx.runs.state("fleet", messages.get(0).run()))
        .hasValueSatisfying(s -> assertThat(s.shards()).isEqualTo(4));

    EventHandling.Outcome other =
        handling.handle(
            "{\"workflow\":\"other\",\"trigger\":\"schedule\"}",
            List.of(sharded, plain),
            options(NOW),
            fx.env());
    EventHandling.Outcome unconfigured =
        new EventHandling(router, fx.engine)
            .handle(
                "{\"workflow\":\"fleet\",\"trigger\":\"schedule\"}",
                List.of(sharded, plain),
                options(NOW),
                fx.env());

    assertThat(other.reports()).as("an unsharded workflow runs in the invocation").hasSize(1);
    assertThat(unconfigured.reports()).as("no shard queue: one run").hasSize(1);
    assertThat(queue.drain()).isEmpty();
  }

  /** An SQS event as Lambda delivers it: one record per (messageId → body). */
  @SafeVarargs
  static String event(Map<String, String>... records) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("Records");
    for (Map<String, String> r : records) {
      r.forEach(
          (id, body) -> {
            ObjectNode rec = list.addObject();
            rec.put("messageId", id)
                .put("receiptHandle", "AQEB" + id)
                .put("body", body)
                .put("md5OfBody", "")
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":vulnsift-shards")
                .put("awsRegion", "eu-west-1");
            rec.putObject("attributes").put("ApproximateReceiveCount", "1");
            rec.putObject("messageAttributes");
          });
    }
    return root.toString();
  }

  static final class RecordingQueue implements ShardQueue {
    private final List<ShardMessage> sent = new ArrayList<>();

    @Override
    public synchronized void send(List<ShardMessage> messages) {
      sent.addAll(messages);
    }

    synchronized List<ShardMessage> drain() {
      List<ShardMessage> out = List.copyOf(sent);
      sent.clear();
      return out;
    }
  }
}
