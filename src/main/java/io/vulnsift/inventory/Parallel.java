package io.vulnsift.inventory;

import io.vulnsift.engine.port.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a few blocking DynamoDB reads at once on short-lived daemon threads. */
final class Parallel {

  private Parallel() {}

  /** Results in task order; the first failure is rethrown, a {@link StoreException} as is. */
  static <T> List<T> all(List<Callable<T>> tasks, int concurrency, String threadName) {
    if (tasks.size() <= 1) {
      return tasks.isEmpty() ? List.of() : List.of(callInline(tasks.get(0)));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, tasks.size()),
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      tasks.forEach(t -> futures.add(pool.submit(t)));
      List<T> results = new ArrayList<>(tasks.size());
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while reading the inventory", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T callInline(Callable<T> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw unwrap(e);
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re; // StoreException from DynamoDbCalls, or a bug to surface as is
    }
    return new StoreException("inventory read failed: " + cause, cause);
  }
}
