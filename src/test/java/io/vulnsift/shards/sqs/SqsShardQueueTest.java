package io.vulnsift.shards.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.shards.ShardMessage;
import io.vulnsift.shards.ShardQueueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS adapter through the real SDK client against a loopback fake of SQS's JSON protocol: the
 * request shape SDK 2.58 sends, batches of ten, partial failures retried, rejected entries failing
 * the send with their error codes.
 */
class SqsShardQueueTest {
  static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/vulnsift-shards";
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final FakeSqs sqs = new FakeSqs();
  final SqsClient client =
      SqsClient.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .region(Region.EU_WEST_1)
          .endpointOverride(sqs.endpoint())
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
          .build();
  final SqsShardQueue queue = new SqsShardQueue(client, QUEUE, true);

  @AfterEach
  void close() {
    queue.close();
    sqs.close();
  }

  static List<ShardMessage> shards(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ShardMessage.shard("critical-production", "run-1", NOW, i, n))
        .toList();
  }

  @Test
  void sendsEveryMessageAsJsonInBatchesOfTenOverTheJsonProtocol() {
    List<ShardMessage> messages = shards(23);

    queue.send(messages);

    assertThat(sqs.headers())
        .hasSize(3)
        .allSatisfy(
            h -> {
              assertThat(h.get("target")).isEqualTo("AmazonSQS.SendMessageBatch");
              assertThat(h.get("contentType")).startsWith("application/x-amz-json-1.0");
              assertThat(h.get("method")).isEqualTo("POST");
            });
    assertThat(sqs.requests()).extracting(r -> r.path("Entries").size()).containsExactly(10, 10, 3);
    assertThat(sqs.requests())
        .allSatisfy(r -> assertThat(r.path("QueueUrl").asText()).isEqualTo(QUEUE));
    List<ShardMessage> received = new ArrayList<>();
    sqs.accepted().forEach(body -> received.add(ShardMessage.parse(body)));
    assertThat(received).containsExactlyInAnyOrderElementsOf(messages);
  }

  @Test
  void entriesThatFailOnTheServiceSideAreSentAgainAlone() {
    sqs.failFirstSends(1);

    queue.send(shards(4));

    assertThat(sqs.accepted()).hasSize(4);
    assertThat(sqs.requests()).extracting(r -> r.path("Entries").size()).containsExactly(4, 4);
  }

  @Test
  void entriesRejectedAsTheSendersFaultFailTheSendWithTheirCode() {
    sqs.rejectAsSenderFault();

    assertThatThrownBy(() -> queue.send(shards(2)))
        .isInstanceOf(ShardQueueException.class)
        .hasMessageContaining("did not accept 2 of 2")
        .hasMessageContaining("InvalidMessageContents");
    assertThat(sqs.requests()).as("not sent again").hasSize(1);
  }

  @Test
  void aServiceThatKeepsFailingFailsTheSend() {
    sqs.failFirstSends(100);

    assertThatThrownBy(() -> queue.send(shards(1)))
        .isInstanceOf(ShardQueueException.class)
        .hasMessageContaining("InternalError");
  }
}
