package io.vulnsift.shards;

import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sharded run inside this process (the command line's {@code run --shards N --workers M}): the
 * same coordinator, worker and state-table items as the Lambda function, with the shard queue in
 * memory and {@code workers} threads taking its messages. A message that fails is delivered again,
 * up to {@link #MAX_RECEIVES} times, like the deployment's SQS redrive policy.
 */
public final class LocalShardedRuns implements ShardedRuns {

  /** Deliveries of a message before it is dead: the deployment's {@code maxReceiveCount}. */
  public static final int MAX_RECEIVES = 3;

  private final Engine engine;
  private final DynamoDbShardRuns runs;
  private final RunEnvironment env;
  private final int workers;

  public LocalShardedRuns(Engine engine, DynamoDbShardRuns runs, RunEnvironment env, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers: need at least 1, not " + workers);
    }
    this.engine = engine;
    this.runs = runs;
    this.env = env;
    this.workers = workers;
  }

  @Override
  public List<RunReport> start(Workflow workflow, RunOptions options) {
    return List.of(run(workflow, workflow.source().shards(), options));
  }

  /**
   * Runs {@code workflow} in {@code shards} shards at {@code options.now()} and waits for its
   * decision. The decision runs at the run's clock (a replay with {@code --now} decides as of
   * then).
   *
   * @throws RuntimeException the error of a message that failed on every delivery
   */
  public RunReport run(Workflow workflow, int shards, RunOptions options) {
    ConcurrentLinkedQueue<RunReport> reports = new ConcurrentLinkedQueue<>();
    try (InProcessShardQueue queue = new InProcessShardQueue(workers, MAX_RECEIVES)) {
      ShardWorker worker =
          new ShardWorker(
              engine,
              runs,
              queue,
              List.of(workflow),
              env,
              options,
              Clock.fixed(options.now(), ZoneOffset.UTC));
      queue.start(m -> worker.handle(m).report().ifPresent(reports::add));
      String run = new ShardCoordinator(runs, queue).begin(workflow, shards, options);
      queue.awaitIdle();
      Optional<InProcessShardQueue.DeadLetter> dead = queue.deadLetters().stream().findFirst();
      if (dead.isPresent()) {
        Throwable error = dead.get().error();
        if (error instanceof RuntimeException e) {
          throw e;
        }
        throw (Error) error;
      }
      if (reports.size() != 1) {
        throw new IllegalStateException(
            workflow.name() + " run " + run + " was decided " + reports.size() + " times");
      }
      return reports.peek();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the shards", e);
    }
  }
}
