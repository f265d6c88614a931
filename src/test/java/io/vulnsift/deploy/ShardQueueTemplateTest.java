package io.vulnsift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.shards.LocalShardedRuns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shard queue in {@code template.yaml} (README, Scale-out): what Lambda's SQS event source
 * needs to redeliver a failed shard alone and never while it is still running, and no more
 * permission than the one queue.
 */
class ShardQueueTemplateTest {

  static JsonNode resource(String name) throws IOException {
    return SamTemplateTest.template().path("Resources").path(name);
  }

  @Test
  void theQueueHidesAMessageForSixFunctionTimeoutsAndRedrivesToItsDeadLetterQueue()
      throws IOException {
    JsonNode template = SamTemplateTest.template();
    int timeout = template.at("/Globals/Function/Timeout").asInt();
    JsonNode queue = resource("ShardQueue");

    assertThat(queue.path("Type").asText()).isEqualTo("AWS::SQS::Queue");
    assertThat(queue.at("/Properties/VisibilityTimeout").asInt())
        .isGreaterThanOrEqualTo(6 * timeout);
    assertThat(queue.at("/Properties/RedrivePolicy/deadLetterTargetArn").asText())
        .isEqualTo("ShardDeadLetterQueue.Arn");
    assertThat(queue.at("/Properties/RedrivePolicy/maxReceiveCount").asInt())
        .as("the command line's in-process queue redelivers as often")
        .isEqualTo(LocalShardedRuns.MAX_RECEIVES);
    assertThat(resource("ShardDeadLetterQueue").path("Type").asText()).isEqualTo("AWS::SQS::Queue");
  }

  @Test
  void theFunctionTakesShardMessagesOnItsAliasWithPartialBatchResponses() throws IOException {
    JsonNode mapping = resource("ShardEventSource");

    assertThat(mapping.path("Type").asText()).isEqualTo("AWS::Lambda::EventSourceMapping");
    assertThat(mapping.at("/Properties/EventSourceArn").asText()).isEqualTo("ShardQueue.Arn");
    assertThat(mapping.at("/Properties/FunctionName").asText())
        .isEqualTo("VulnsiftFunctionAliaslive");
    assertThat(mapping.at("/Properties/FunctionResponseTypes").toString())
        .isEqualTo("[\"ReportBatchItemFailures\"]");
    assertThat(mapping.at("/Properties/BatchSize").asInt()).isBetween(1, 10);
    assertThat(
            resource("VulnsiftFunction")
                .at("/Properties/Environment/Variables/VULNSIFT_SHARD_QUEUE_URL")
                .asText())
        .isEqualTo("ShardQueue");
  }

  @Test
  void onlyTheShardQueueMayBeSentToOrReceivedFrom() throws IOException {
    JsonNode function = resource("VulnsiftFunction");
    List<JsonNode> sqs = new ArrayList<>();
    function
        .at("/Properties/Policies")
        .forEach(
            p ->
                p.path("Statement")
                    .forEach(
                        s -> {
                          if (s.path("Action").toString().contains("sqs:")) {
                            sqs.add(s);
                          }
                        }));

    assertThat(sqs)
        .singleElement()
        .satisfies(s -> assertThat(s.path("Resource").asText()).isEqualTo("ShardQueue.Arn"));
    // SAM's own SQS event would attach AWSLambdaSQSQueueExecutionRole: every queue of the account.
    function
        .at("/Properties/Events")
        .forEach(e -> assertThat(e.path("Type").asText()).isNotEqualTo("SQS"));
  }

  @Test
  void theShardDeadLetterQueueHasAnAlarm() throws IOException {
    JsonNode alarm = resource("ShardDeadLetterQueueAlarm");

    assertThat(alarm.at("/Properties/Namespace").asText()).isEqualTo("AWS/SQS");
    assertThat(alarm.at("/Properties/MetricName").asText())
        .isEqualTo("ApproximateNumberOfMessagesVisible");
    assertThat(alarm.at("/Properties/Dimensions/0/Value").asText())
        .isEqualTo("ShardDeadLetterQueue.QueueName");
    assertThat(alarm.at("/Properties/Threshold").asInt()).isEqualTo(1);
  }
}
