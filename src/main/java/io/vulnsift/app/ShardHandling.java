package io.vulnsift.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.shards.ShardCoordinator;
import io.vulnsift.shards.ShardMessage;
import io.vulnsift.shards.ShardQueue;
import io.vulnsift.shards.ShardWorker;
import io.vulnsift.shards.ShardedRuns;
import io.vulnsift.shards.sqs.SqsShardQueue;
import io.vulnsift.workflow.Workflow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The Lambda function's side of sharded runs (README, Scale-out): {@link #handle} takes the raw
 * JSON of an SQS event from the shard queue and returns the partial-batch response, and {@link
 * #scheduled} is what a schedule hands a sharded workflow to ({@link EventHandling}).
 *
 * <p>Each record is one {@link ShardMessage}. A record whose body is not one is logged and
 * acknowledged: a redelivery cannot repair it. A record whose handling throws (a shard that failed
 * to fetch, a decision that failed) is reported in {@code batchItemFailures}, so SQS delivers that
 * one again — after the visibility timeout, up to the queue's {@code maxReceiveCount}, then to its
 * dead-letter queue — while the others of the batch are deleted. The event source mapping must have
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}, or a failed record would be ignored
 * along with the whole response.
 */
public final class ShardHandling {
  private static final Logger LOG = Logger.getLogger(ShardHandling.class);

  private final ShardWorker worker;
  private final ShardedRuns scheduled;
  private final ObjectMapper json;
  private final Consumer<RunReport> reports;

  /**
   * @param reports receives the report of every run this function decides (to print its funnel and
   *     metrics like any other run's)
   */
  public ShardHandling(
      ShardWorker worker, ShardedRuns scheduled, ObjectMapper json, Consumer<RunReport> reports) {
    this.worker = worker;
    this.scheduled = scheduled;
    this.json = json;
    this.reports = reports;
  }

  /**
   * Sharded runs through the SQS queue {@code VULNSIFT_SHARD_QUEUE_URL}, or empty when it is not
   * set. The queue's client is closed with {@code backends}.
   *
   * @param env what the shards and decisions of this function run against (as for its other runs)
   * @param defaults the claim lease and baseline wait of every run
   */
  public static Optional<ShardHandling> fromConfig(
      VulnsiftConfig config,
      Engine engine,
      List<Workflow> workflows,
      RunEnvironment env,
      Backends backends,
      RunOptions defaults,
      ObjectMapper json,
      Consumer<RunReport> reports) {
    Optional<String> url = config.shardQueueUrl().filter(u -> !u.isBlank());
    if (url.isEmpty()) {
      return Optional.empty();
    }
    ShardQueue queue = backends.own(SqsShardQueue.fromEnvironment(url.get()));
    ShardWorker worker =
        new ShardWorker(
            engine, backends.shardRuns(), queue, workflows, env, defaults, Clock.systemUTC());
    return Optional.of(
        new ShardHandling(
            worker, new ShardCoordinator(backends.shardRuns(), queue), json, reports));
  }

  /**
   * Whether a raw event is an SQS event (for {@link #handle}) rather than an EventBridge one (for
   * {@link EventHandling}): its first record comes from {@code aws:sqs}.
   */
  public static boolean isSqsEvent(JsonNode event) {
    return event != null
        && "aws:sqs".equals(event.path("Records").path(0).path("eventSource").asText());
  }

  /** What a schedule does with a sharded workflow: open the run and enqueue its shards. */
  public ShardedRuns scheduled() {
    return (workflow, options) -> {
      List<RunReport> reports = scheduled.start(workflow, options);
      LOG.infof(
          "%s: run %s enqueued in %d shards",
          workflow.name(), options.runId(), workflow.source().shards());
      return reports;
    };
  }

  /**
   * Handles an SQS event of the shard queue, record by record.
   *
   * @param sqsEventJson the event as Lambda passes it: {@code {"Records":[{"messageId":…,"body":…,
   *     …}]}}
   * @return {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"},…]}}, empty when every
   *     record is done with
   */
  public String handle(String sqsEventJson) {
    ObjectNode response = json.createObjectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    JsonNode records = records(sqsEventJson);
    for (JsonNode record : records) {
      String id = record.path("messageId").asText("");
      if (id.isEmpty()) {
        LOG.warnf("shard queue: a record without messageId, ignored");
        continue;
      }
      ShardMessage message;
      try {
        message = ShardMessage.parse(record.path("body").asText(null));
      } catch (IllegalArgumentException e) {
        LOG.warnf(
            "shard queue: message %s is not a shard message, dropped: %s", id, e.getMessage());
        continue;
      }
      try {
        long started = System.nanoTime();
        ShardWorker.Handled handled = worker.handle(message);
        LOG.infof(
            "%s (message %s, receive %s): %s in %d ms",
            message,
            id,
            record.path("attributes").path("ApproximateReceiveCount").asText("?"),
            handled.outcome(),
            (System.nanoTime() - started) / 1_000_000);
        handled.report().ifPresent(reports);
      } catch (RuntimeException e) {
        LOG.errorf(e, "%s (message %s) failed, to be delivered again", message, id);
        failures.addObject().put("itemIdentifier", id);
      }
    }
    return response.toString();
  }

  private JsonNode records(String event) {
    try {
      JsonNode root = event == null ? null : json.readTree(event);
      JsonNode records = root == null ? null : root.get("Records");
      if (records != null && records.isArray()) {
        return records;
      }
      LOG.warnf("shard queue: an event without Records, ignored");
    } catch (JsonProcessingException e) {
      LOG.warnf("shard queue: an event that is not JSON, ignored: %s", e.getOriginalMessage());
    }
    return json.createArrayNode();
  }
}
