package io.vulnsift.shards;

import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.List;

/** Starts sharded runs: what a schedule does for a workflow with {@code source.shards} above 1. */
public interface ShardedRuns {

  /**
   * Starts a run of {@code workflow} in {@code workflow.source().shards()} shards at {@code
   * options.now()}, under {@code options.runId()}.
   *
   * @return the reports of the runs decided by the time this returns: none when the shards run in
   *     other invocations (SQS), the run's report when they ran in this process
   */
  List<RunReport> start(Workflow workflow, RunOptions options);
}
