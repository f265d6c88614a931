package io.vulnsift.engine;

import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.model.Severity;
import io.vulnsift.workflow.Durations;
import io.vulnsift.workflow.Source;
import io.vulnsift.workflow.Step;
import io.vulnsift.workflow.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs one workflow: fetch → current (lookback) → repositories → severity → enrich with the runtime
 * inventory → the workflow's steps in order → deliver. Every stage that drops something is recorded
 * in the funnel with its reason.
 *
 * <p>A run has two halves: {@link #collect} (everything up to and including the filters, decided
 * per finding) and {@link #decide} (grouping and everything after, decided over all findings). A
 * sharded run (README, Scale-out) collects each shard separately and decides once over the union.
 */
@ApplicationScoped
public class Engine {
  private final StepRegistry steps;
  private final Deliveries deliveries;
  private final FollowUps followUps;

  @Inject
  public Engine(StepRegistry steps, Deliveries deliveries, FollowUps followUps) {
    this.steps = steps;
    this.deliveries = deliveries;
    this.followUps = followUps;
  }

  public RunReport run(Workflow workflow, RunOptions options, RunEnvironment env) {
    long started = System.nanoTime();
    Map<String, Map<String, Integer>> actionCallsAtStart = deliveries.actionRequestCounts();
    RunContext run = new RunContext(workflow, options, env);
    Fetched fetched = collect(run, Optional.empty(), started);
    return decide(run, fetched, started, actionCallsAtStart);
  }

  /**
   * The first half of a run over one shard of the registry: fetch, current, repositories, severity,
   * enrich and the filters — everything decided one finding at a time. Writes nothing (the
   * inventory is only read) and sends nothing; grouping, the reported state, delivery and
   * resolution are left to {@link #decide} over the union of every shard.
   */
  public Collected collect(
      Workflow workflow, RunOptions options, RunEnvironment env, FindingSource.Shard shard) {
    RunContext run = new RunContext(workflow, options, env);
    Fetched fetched = collect(run, Optional.of(shard), System.nanoTime());
    return new Collected(
        run.findings(),
        run.funnel(),
        fetched.skippedImages(),
        fetched.calls(),
        run.storeCalls(),
        run.storeCapacity());
  }

  /**
   * The second half of a run over what its shards collected ({@link Collected#merge}): group,
   * suppress-reported (the baseline, the lifecycle), deliver, follow up and resolve, exactly as
   * {@link #run} does after the filters. It must be given the union of all shards: a group that is
   * missing from its input counts as no longer matching, and is resolved after the grace period.
   */
  public RunReport decide(
      Workflow workflow, RunOptions options, RunEnvironment env, Collected union) {
    long started = System.nanoTime();
    Map<String, Map<String, Integer>> actionCallsAtStart = deliveries.actionRequestCounts();
    RunContext run = new RunContext(workflow, options, env);
    run.resume(union);
    return decide(
        run,
        new Fetched(List.of(), union.skippedImages(), union.calls()),
        started,
        actionCallsAtStart);
  }

  private Fetched collect(RunContext run, Optional<FindingSource.Shard> shard, long started) {
    Workflow workflow = run.workflow();
    RunOptions options = run.options();
    RunEnvironment env = run.env();
    Source source = workflow.source();
    FetchRequest request = fetchRequest(workflow, options, env, shard);
    Fetched fetched = env.findings().fetch(request);
    long t = run.took("fetch", started);
    List<Finding> mine =
        env.findings().honoursShards()
            ? fetched.findings()
            : fetched.findings().stream().filter(f -> request.covers(f.repository())).toList();
    run.start(mine.stream().map(f -> new Enriched(f, RuntimeContext.NONE)).toList());
    Instant since = options.now().minus(source.lookback());
    run.narrow(
        "current",
        keep(run, f -> f.lastObservedAt() != null && !f.lastObservedAt().isBefore(since)),
        "not observed within " + Durations.format(source.lookback()));
    if (options.traceFindings()) {
      run.traceFromHere();
    }
    if (!source.repositories().equals(Source.Repositories.ALL)) {
      Globs repos = new Globs(source.repositories().include(), source.repositories().exclude());
      run.narrow(
          "repositories",
          keep(run, f -> repos.matches(f.repository())),
          "repository not in " + source.repositories().include());
    }
    Set<Severity> severities =
        source.severities().stream().map(Severity::parse).collect(Collectors.toSet());
    run.narrow(
        "severity",
        keep(run, f -> severities.contains(Severity.parse(f.severity()))),
        "severity not in " + source.severities());
    t = run.took("select", t);
    enrich(run);
    t = run.took("enrich", t);
    for (Step step : withImplicitSteps(workflow.steps())) {
      if (step instanceof Step.Filter) {
        steps.apply(step, run);
        t = run.took(phase(step), t);
      }
    }
    return fetched;
  }

  // The loader puts every filter before the group step, so the filters have all run by now.
  private RunReport decide(
      RunContext run,
      Fetched fetched,
      long started,
      Map<String, Map<String, Integer>> actionCallsAtStart) {
    long t = System.nanoTime();
    List<Step> pipeline = withImplicitSteps(run.workflow().steps());
    for (Step step : pipeline) {
      if (!(step instanceof Step.Filter)) {
        steps.apply(step, run);
        t = run.took(phase(step), t);
      }
    }
    var delivered = deliveries.deliver(run);
    t = run.took("deliver", t);
    pipeline.stream()
        .filter(s -> s instanceof Step.SuppressReported)
        .map(s -> (Step.SuppressReported) s)
        .findFirst()
        .ifPresent(s -> followUps.run(run, s));
    run.took("follow-ups", t);
    return RunReportBuilder.build(
        run,
        fetched,
        delivered,
        actionCalls(run.workflow(), actionCallsAtStart, deliveries.actionRequestCounts()),
        System.nanoTime() - started);
  }

  /** The name of a step's phase in the report's durations. */
  private static String phase(Step step) {
    if (step instanceof Step.Filter f) {
      return "filter:" + f.name();
    }
    return step instanceof Step.Group ? "group" : "suppress-reported";
  }

  /** HTTP requests this run's actions sent, per action type the workflow uses. */
  private static Map<String, Map<String, Integer>> actionCalls(
      Workflow workflow,
      Map<String, Map<String, Integer>> start,
      Map<String, Map<String, Integer>> end) {
    Map<String, Map<String, Integer>> out = new java.util.TreeMap<>();
    for (var action : workflow.actions()) {
      out.put(
          action.type(),
          Deltas.of(
              end.getOrDefault(action.type(), Map.of()),
              start.getOrDefault(action.type(), Map.of())));
    }
    return out;
  }

  private static FetchRequest fetchRequest(
      Workflow workflow,
      RunOptions options,
      RunEnvironment env,
      Optional<FindingSource.Shard> shard) {
    Optional<List<ImageRef>> running = Optional.empty();
    if (options.scope().isEmpty() && env.findings().usesRunningImages()) {
      Instant seenSince = options.now().minus(workflow.inventory().maxAge());
      running = Optional.of(env.inventory().runningImages(seenSince, options.now()));
    }
    Source source = workflow.source();
    return new FetchRequest(
        options.now(), source.lookback(), options.scope(), source.repositories(), running, shard);
  }

  private static List<Enriched> keep(RunContext run, java.util.function.Predicate<Finding> test) {
    return run.findings().stream().filter(e -> test.test(e.finding())).toList();
  }

  /** Joins every finding to the live inventory records of its digest (SPEC §2.3). */
  private static void enrich(RunContext run) {
    Set<String> digests = new TreeSet<>();
    run.findings().forEach(e -> digests.add(e.finding().imageDigest()));
    FindingTrace trace = run.trace();
    if (trace != null) {
      // The findings table shows where every current finding runs, also those of another
      // severity: one lookup for all of them, counted in this run's requests.
      trace.current().forEach(f -> digests.add(f.imageDigest()));
    }
    Instant now = run.options().now();
    Instant seenSince = now.minus(run.workflow().inventory().maxAge());
    InventoryStore.Lookup lookup =
        digests.isEmpty()
            ? new InventoryStore.Lookup(Map.of(), "none", Map.of())
            : run.env().inventory().findLive(digests, seenSince, now);
    run.inventoryStrategy(lookup.strategy());
    // One context per digest, shared by its findings: filters that read only the runtime then
    // evaluate once per image instead of once per finding.
    Map<String, RuntimeContext> contexts = new HashMap<>();
    lookup
        .records()
        .forEach((digest, records) -> contexts.put(digest, new RuntimeContext(records)));
    List<Enriched> joined = new ArrayList<>(run.findings().size());
    for (Enriched e : run.findings()) {
      RuntimeContext rt = contexts.getOrDefault(e.finding().imageDigest(), RuntimeContext.NONE);
      joined.add(new Enriched(e.finding(), rt));
    }
    run.enriched(joined);
    if (trace != null) {
      trace.contexts(contexts);
    }
  }

  /**
   * A workflow without a group step groups by the default key; one without a suppress step still
   * delivers each group once (the claims), but takes no baseline.
   */
  private static List<Step> withImplicitSteps(List<Step> declared) {
    List<Step> all = new ArrayList<>(declared);
    if (all.stream().noneMatch(s -> s instanceof Step.Group)) {
      all.add(new Step.Group(null));
    }
    if (all.stream().noneMatch(s -> s instanceof Step.SuppressReported)) {
      all.add(new Step.SuppressReported(null, true, null, null));
    }
    return all;
  }
}
