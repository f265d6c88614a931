package io.vulnsift.sources.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs tasks on the source's bounded pool and collects their results; the first failure cancels the
 * rest and is rethrown, so a run fails fast instead of finishing thousands of doomed calls. Results
 * come in task order.
 */
final class Parallel {

  private Parallel() {}

  static <T> List<T> all(ExecutorService pool, List<? extends Callable<T>> tasks) {
    ExecutorCompletionService<T> done = new ExecutorCompletionService<>(pool);
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    tasks.forEach(t -> futures.add(done.submit(t)));
    try {
      for (int i = 0; i < tasks.size(); i++) {
        done.take().get(); // in completion order, to fail fast
      }
      List<T> results = new ArrayList<>(tasks.size());
      for (Future<T> f : futures) {
        results.add(f.get()); // in submission order, so that output is deterministic
      }
      return results;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | CancellationException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new EcrFetchException("interrupted while fetching from ECR", e);
    }
  }
}
