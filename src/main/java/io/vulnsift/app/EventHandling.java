package io.vulnsift.app;

import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.events.EventRouter;
import io.vulnsift.events.RoutedEvent;
import io.vulnsift.events.RoutedEvent.Rejected;
import io.vulnsift.events.RoutedEvent.RunForImage;
import io.vulnsift.events.RoutedEvent.RunWorkflow;
import io.vulnsift.events.RoutedEvent.UpdateInventory;
import io.vulnsift.shards.ShardedRuns;
import io.vulnsift.workflow.Workflow;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Handles one EventBridge event the same way for the Lambda function and the {@code event} command:
 * route it, then run the workflows it names (scoped to its image) or update the inventory. A
 * rejected event is logged and acknowledged, never thrown, so asynchronous retries cannot storm.
 */
public final class EventHandling {
  private static final Logger LOG = Logger.getLogger(EventHandling.class);

  private final EventRouter router;
  private final Engine engine;
  private final Optional<ShardedRuns> sharded;

  public EventHandling(EventRouter router, Engine engine) {
    this(router, engine, Optional.empty());
  }

  /**
   * @param sharded how a schedule starts a workflow with {@code source.shards} above 1 (the shard
   *     queue); without it such a workflow runs in this invocation, as if it had one shard
   */
  public EventHandling(EventRouter router, Engine engine, Optional<ShardedRuns> sharded) {
    this.router = router;
    this.engine = engine;
    this.sharded = sharded;
  }

  /** The outcome of one event: the reports of the runs it caused, or why it was rejected. */
  public record Outcome(RoutedEvent routed, List<RunReport> reports) {
    public Optional<String> rejection() {
      return routed instanceof Rejected r ? Optional.of(r.reason()) : Optional.empty();
    }
  }

  public Outcome handle(
      String eventJson, List<Workflow> workflows, RunOptions options, RunEnvironment env) {
    RoutedEvent routed = router.route(eventJson, options.now());
    if (routed instanceof RunWorkflow run) {
      Optional<Workflow> wf =
          workflows.stream().filter(w -> w.name().equals(run.workflow())).findFirst();
      if (wf.isEmpty()) {
        return rejected("schedule names workflow '" + run.workflow() + "', which does not exist");
      }
      if (wf.get().source().sharded()) {
        if (sharded.isPresent()) {
          return new Outcome(routed, sharded.get().start(wf.get(), options)); // README, Scale-out
        }
        LOG.warnf("%s is sharded, but no shard queue is configured: one run", run.workflow());
      }
      return new Outcome(routed, List.of(engine.run(wf.get(), options, env)));
    }
    if (routed instanceof RunForImage image) {
      List<RunReport> reports =
          workflows.stream()
              .filter(w -> w.triggers().events().contains(image.kind()))
              .map(w -> engine.run(w, options.scope(Optional.of(image.image())), env))
              .toList();
      if (reports.isEmpty()) {
        LOG.infof("no workflow is triggered by %s events", image.kind().yamlName());
      }
      return new Outcome(routed, reports);
    }
    if (routed instanceof UpdateInventory update) {
      env.inventory().upsertUnlessStopped(update.records());
      LOG.infof("inventory: %d ECS containers updated", update.records().size());
      return new Outcome(routed, List.of());
    }
    Rejected rejected = (Rejected) routed;
    LOG.warnf("event rejected: %s", rejected.reason());
    return new Outcome(routed, List.of());
  }

  private static Outcome rejected(String reason) {
    LOG.warnf("event rejected: %s", reason);
    return new Outcome(new Rejected(reason), List.of());
  }
}
