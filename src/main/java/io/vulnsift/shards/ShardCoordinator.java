package io.vulnsift.shards;

import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The fan-out: opens a run in the state table, then enqueues one message per shard. A failure after
 * the run was opened leaves a run that never completes (its items expire) and fails the schedule's
 * invocation, whose retry starts a new run; shards of both may run, and the claims of the reported
 * state keep each delivery exactly once, as for any two concurrent runs.
 */
public final class ShardCoordinator implements ShardedRuns {
  private static final Logger LOG = Logger.getLogger(ShardCoordinator.class);

  private final DynamoDbShardRuns runs;
  private final ShardQueue queue;

  public ShardCoordinator(DynamoDbShardRuns runs, ShardQueue queue) {
    this.runs = runs;
    this.queue = queue;
  }

  @Override
  public List<RunReport> start(Workflow workflow, RunOptions options) {
    begin(workflow, workflow.source().shards(), options);
    return List.of();
  }

  /** Opens the run and enqueues its {@code shards} messages; returns the run id. */
  public String begin(Workflow workflow, int shards, RunOptions options) {
    if (shards < 1) {
      throw new IllegalArgumentException("a run needs at least one shard, not " + shards);
    }
    String run = options.runId();
    runs.open(workflow.name(), run, shards, options.now());
    List<ShardMessage> messages = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      messages.add(ShardMessage.shard(workflow.name(), run, options.now(), i, shards));
    }
    queue.send(messages);
    LOG.debugf("%s: run %s enqueued in %d shards", workflow.name(), run, shards);
    return run;
  }
}
