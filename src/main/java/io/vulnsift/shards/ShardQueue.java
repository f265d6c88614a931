package io.vulnsift.shards;

import java.util.List;

/**
 * Where the messages of sharded runs go: Amazon SQS ({@code sqs/SqsShardQueue}) for the Lambda
 * function, {@link InProcessShardQueue} for the command line. Delivery is at least once and in no
 * particular order; every message is safe to handle twice ({@link ShardWorker}).
 */
public interface ShardQueue {

  /**
   * Enqueues the messages; returns once the queue has accepted every one.
   *
   * @throws ShardQueueException when some could not be enqueued (the caller fails and is retried;
   *     sending them again is harmless)
   */
  void send(List<ShardMessage> messages);
}
