package io.vulnsift.shards;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The shard queue of the command line: messages wait in memory and {@code workers} threads hand
 * them to a consumer. It behaves like the SQS queue of the deployment where it matters: a message
 * whose consumer throws is delivered again, up to {@code maxReceives} times in all, then set aside
 * as a dead letter; messages are taken in no promised order and concurrently.
 */
public final class InProcessShardQueue implements ShardQueue, AutoCloseable {

  /** A message that failed on every delivery, with the last error. */
  public record DeadLetter(ShardMessage message, Throwable error) {}

  private record Delivery(ShardMessage message, int receives) {}

  private final BlockingQueue<Delivery> ready = new LinkedBlockingQueue<>();
  private final List<DeadLetter> dead = new ArrayList<>();
  private final AtomicInteger received = new AtomicInteger();
  private final Object idle = new Object();
  private final int workers;
  private final int maxReceives;
  private ExecutorService pool;
  private int outstanding; // sent and not yet handled or dead, guarded by idle

  public InProcessShardQueue(int workers, int maxReceives) {
    if (workers < 1 || maxReceives < 1) {
      throw new IllegalArgumentException("need at least one worker and one receive");
    }
    this.workers = workers;
    this.maxReceives = maxReceives;
  }

  /** Starts the workers; messages sent before wait for them. */
  public synchronized void start(Consumer<ShardMessage> consumer) {
    if (pool != null) {
      throw new IllegalStateException("already started");
    }
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "vulnsift-shard-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < workers; i++) {
      pool.execute(() -> work(consumer));
    }
  }

  @Override
  public void send(List<ShardMessage> messages) {
    synchronized (idle) {
      outstanding += messages.size();
    }
    messages.forEach(m -> ready.add(new Delivery(m, 0)));
  }

  /** Waits until every message sent so far (and every message they sent) was handled or died. */
  public void awaitIdle() throws InterruptedException {
    synchronized (idle) {
      while (outstanding > 0) {
        idle.wait();
      }
    }
  }

  /** Messages that failed {@code maxReceives} times. */
  public List<DeadLetter> deadLetters() {
    synchronized (dead) {
      return List.copyOf(dead);
    }
  }

  /** Deliveries so far, redeliveries included. */
  public int received() {
    return received.get();
  }

  private void work(Consumer<ShardMessage> consumer) {
    while (!Thread.currentThread().isInterrupted()) {
      Delivery d;
      try {
        d = ready.take();
      } catch (InterruptedException e) {
        return;
      }
      received.incrementAndGet();
      try {
        consumer.accept(d.message());
      } catch (RuntimeException e) {
        if (d.receives() + 1 < maxReceives) {
          ready.add(new Delivery(d.message(), d.receives() + 1));
          continue; // still outstanding
        }
        synchronized (dead) {
          dead.add(new DeadLetter(d.message(), e));
        }
      } catch (Error e) {
        // Not worth a retry (out of memory, a failed assertion); never leave awaitIdle hanging.
        synchronized (dead) {
          dead.add(new DeadLetter(d.message(), e));
        }
      }
      synchronized (idle) {
        outstanding--;
        idle.notifyAll();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
