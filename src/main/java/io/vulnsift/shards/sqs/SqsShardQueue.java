package io.vulnsift.shards.sqs;

import io.vulnsift.shards.ShardMessage;
import io.vulnsift.shards.ShardQueue;
import io.vulnsift.shards.ShardQueueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The shard queue on Amazon SQS: {@code SendMessageBatch}, ten messages per request (the API's
 * limit), each message's JSON as its body. A batch can succeed in part: entries that failed on the
 * service's side are sent again (with backoff), entries the service rejects as the sender's fault
 * are not, and whatever is left fails the call with every entry's error code.
 */
public final class SqsShardQueue implements ShardQueue, AutoCloseable {

  /** Entries per {@code SendMessageBatch}: the API takes at most 10. */
  static final int BATCH = 10;

  /** Sends of one batch's failed remainder before giving up (the SDK retries each request too). */
  private static final int ROUNDS = 4;

  private final SqsClient client;
  private final String queueUrl;
  private final boolean owned;

  /**
   * @param queueUrl the queue ({@code VULNSIFT_SHARD_QUEUE_URL})
   * @param owned whether {@link #close()} closes the client
   */
  public SqsShardQueue(SqsClient client, String queueUrl, boolean owned) {
    if (queueUrl == null || queueUrl.isBlank()) {
      throw new IllegalArgumentException("the shard queue URL is empty");
    }
    this.client = client;
    this.queueUrl = queueUrl;
    this.owned = owned;
  }

  /**
   * A client configured the SDK's way: region and credentials from the default chains, the
   * URLConnection HTTP client, the standard retry strategy, and the endpoint overrides {@code
   * AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_SQS} (system properties {@code aws.endpointUrl} /
   * {@code aws.endpointUrlSqs}), which the SDK applies by itself.
   */
  public static SqsShardQueue fromEnvironment(String queueUrl) {
    SqsClient client =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build();
    return new SqsShardQueue(client, queueUrl, true);
  }

  @Override
  public void send(List<ShardMessage> messages) {
    for (int from = 0; from < messages.size(); from += BATCH) {
      sendBatch(messages.subList(from, Math.min(messages.size(), from + BATCH)));
    }
  }

  private void sendBatch(List<ShardMessage> batch) {
    Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      String id = "m" + i; // unique within the request, as the API requires
      pending.put(
          id,
          SendMessageBatchRequestEntry.builder().id(id).messageBody(batch.get(i).toJson()).build());
    }
    List<BatchResultErrorEntry> failed = List.of();
    for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
      if (round > 0) {
        backoff(round);
      }
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>(pending.values());
      SendMessageBatchResponse response;
      try {
        response = client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        throw new ShardQueueException(
            "SQS SendMessageBatch to " + queueUrl + " failed: " + e.getMessage(), e);
      }
      response.successful().forEach(ok -> pending.remove(ok.id()));
      failed = response.failed();
      if (failed.stream().anyMatch(f -> Boolean.TRUE.equals(f.senderFault()))) {
        break; // the same entry would be rejected again
      }
    }
    if (!pending.isEmpty()) {
      throw new ShardQueueException(
          "SQS did not accept "
              + pending.size()
              + " of "
              + batch.size()
              + " shard messages for "
              + queueUrl
              + ": "
              + failed.stream().map(f -> f.code() + " (" + f.message() + ")").distinct().toList(),
          null);
    }
  }

  private static void backoff(int round) {
    long cap = 100L << Math.min(round - 1, 5);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShardQueueException("interrupted while sending shard messages", e);
    }
  }

  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }
}
