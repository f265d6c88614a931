package io.vulnsift.shards;

import io.vulnsift.engine.Collected;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.port.FindingSource.Shard;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.shards.DynamoDbShardRuns.RunState;
import io.vulnsift.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Handles the messages of sharded runs; every message may come twice, late, or concurrently with
 * its duplicate, and each step is idempotent:
 *
 * <ol>
 *   <li><b>Shard</b>: unless the run's header already counts it, collect the shard ({@link
 *       Engine#collect}: fetch, enrich, filter — no state is written, nothing is sent), save its
 *       part (the first attempt's part is kept) and count it done. If the count is complete,
 *       enqueue the decision — also when the shard was counted before, so a message retried after a
 *       failed enqueue still gets the run decided.
 *   <li><b>Decide</b>: claim the decision of the complete run with a conditional write, load every
 *       part, and run {@link Engine#decide} over their union: grouping, suppress-reported (the
 *       workflow's baseline marker), delivery under the per-(group, action) claims, follow-ups and
 *       resolution. Only this step sees the whole run, so no shard can resolve a group another
 *       shard sees. A failed decision gives its claim up and throws, so the message is retried.
 * </ol>
 *
 * <p>A shard that keeps failing ends in the dead-letter queue and its run is never decided: no
 * alert is sent and nothing is resolved from a partial view; the next scheduled run starts over.
 */
public final class ShardWorker {
  // Progress is logged at DEBUG: the command line prints its report, the Lambda function one line
  // per message (ShardHandling).
  private static final Logger LOG = Logger.getLogger(ShardWorker.class);

  /**
   * How long a decision is held before another invocation may take it over: the function's whole
   * timeout, so a live decision is never taken over (a crashed one is retried by SQS after the
   * visibility timeout, by then long expired).
   */
  static final Duration DECISION_LEASE = Duration.ofMinutes(15);

  /** What handling one message did. */
  public record Handled(String outcome, Optional<RunReport> report) {
    static Handled of(String outcome) {
      return new Handled(outcome, Optional.empty());
    }
  }

  private final Engine engine;
  private final DynamoDbShardRuns runs;
  private final ShardQueue queue;
  private final Map<String, Workflow> workflows;
  private final RunEnvironment env;
  private final RunOptions defaults;
  private final Clock clock;

  /**
   * @param workflows the deployed workflows; a message naming another is dropped
   * @param defaults the claim lease and baseline wait of every run (its clock and id are not used)
   * @param clock the wall clock: a decision runs at the later of it and the run's clock, so that
   *     its claims' leases are real time even when shards took hours; a fixed clock replays a run
   */
  public ShardWorker(
      Engine engine,
      DynamoDbShardRuns runs,
      ShardQueue queue,
      List<Workflow> workflows,
      RunEnvironment env,
      RunOptions defaults,
      Clock clock) {
    this.engine = engine;
    this.runs = runs;
    this.queue = queue;
    this.workflows =
        workflows.stream()
            .collect(
                Collectors.toMap(
                    Workflow::name,
                    Function.identity(),
                    (a, b) -> {
                      throw new IllegalArgumentException(
                          "two workflows are named '" + a.name() + "': names key runs and state");
                    }));
    this.env = env;
    this.defaults = defaults;
    this.clock = clock;
  }

  /**
   * Handles one message. Returns normally when the message is done with (including messages that
   * cannot be handled ever, which are logged); throws when it should be delivered again.
   */
  public Handled handle(ShardMessage m) {
    Workflow wf = workflows.get(m.workflow());
    if (wf == null) {
      LOG.warnf("%s: dropped, no such workflow is deployed", m);
      return Handled.of("unknown-workflow");
    }
    Optional<RunState> state = runs.state(m.workflow(), m.run());
    if (state.isEmpty()) {
      LOG.warnf("%s: dropped, the run is unknown or expired", m);
      return Handled.of("unknown-run");
    }
    if (state.get().shards() != m.shards()) {
      LOG.warnf("%s: dropped, the run has %d shards", m, state.get().shards());
      return Handled.of("unknown-run");
    }
    if (state.get().decided()) {
      return Handled.of("already-decided");
    }
    return m.kind() == ShardMessage.Kind.SHARD ? shard(wf, m, state.get()) : decide(wf, m);
  }

  private Handled shard(Workflow wf, ShardMessage m, RunState state) {
    String outcome = "already-collected";
    if (!state.done().contains(m.shard())) {
      RunOptions options = options(m.now());
      Collected part = engine.collect(wf, options, env, new Shard(m.shard(), m.shards()));
      boolean kept = runs.save(wf.name(), m.run(), m.shard(), options.runId(), part, m.now());
      Optional<RunState> after = runs.markDone(wf.name(), m.run(), m.shard());
      if (after.isEmpty()) {
        LOG.warnf("%s: the run expired while the shard was collected", m);
        return Handled.of("unknown-run");
      }
      state = after.get();
      outcome = kept ? "collected" : "collected-twice";
      LOG.debugf("%s: %d findings passed the filters", m, part.findings().size());
    }
    if (state.complete()) {
      queue.send(List.of(m.decide()));
      LOG.debugf("%s: every shard is done, decision enqueued", m);
    }
    return Handled.of(outcome);
  }

  private Handled decide(Workflow wf, ShardMessage m) {
    Instant now = m.now().isAfter(clock.instant()) ? m.now() : clock.instant();
    RunOptions options = options(now);
    String owner = options.runId();
    switch (runs.claimDecision(wf.name(), m.run(), m.shards(), owner, now, DECISION_LEASE)) {
      case DECIDED:
        return Handled.of("already-decided");
      case HELD:
        return Handled.of("decision-held-by-other");
      case NOT_READY:
        LOG.warnf("%s: dropped, not every shard is done", m);
        return Handled.of("not-ready");
      default:
        break;
    }
    RunReport report;
    try {
      Collected union = Collected.merge(runs.parts(wf.name(), m.run(), m.shards()));
      report = engine.decide(wf, options, env, union);
    } catch (RuntimeException e) {
      runs.release(wf.name(), m.run(), owner);
      throw e;
    }
    runs.decided(wf.name(), m.run(), owner, now);
    LOG.debugf("%s: decided, %d new groups", m, Math.max(0, report.count("new")));
    return new Handled("decided", Optional.of(report));
  }

  private RunOptions options(Instant now) {
    return RunOptions.at(now)
        .claimLease(defaults.claimLease())
        .baselineWait(defaults.baselineWait());
  }
}
