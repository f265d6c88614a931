package io.vulnsift.shards;

/** The shard queue did not accept a message (after the adapter's own retries). */
public class ShardQueueException extends RuntimeException {
  public ShardQueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
