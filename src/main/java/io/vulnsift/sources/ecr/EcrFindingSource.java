package io.vulnsift.sources.ecr;

import io.vulnsift.engine.Globs;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Findings from Amazon ECR ({@code DescribeImageScanFindings}, basic and enhanced), for one or more
 * registries and regions. Plans (see {@link EcrPlan}): an event's image only; runtime-first, one
 * findings call (plus extra pages) per running image; or a sweep of every image of the selected
 * repositories. {@code Fetched.calls()} names the plan ({@code plan:<name>} → 1) and counts calls
 * per ECR operation and {@code retries}. At most {@code concurrency} requests are in flight, across
 * concurrent fetches too. Thread-safe; {@link #close()} releases the pool and the clients.
 */
public final class EcrFindingSource implements FindingSource, AutoCloseable {

  private final EcrSettings settings;
  private final RegionClients clients;
  private final ExecutorService pool;
  private final Sweep sweep;
  private final RuntimeRouter router;
  private final ImageFetch fetch;

  /**
   * @param settings registries, regions, concurrency and plan
   * @param clientForRegion makes the ECR client of a region ({@code null}: the SDK default region);
   *     clients should be configured with {@link EcrClients#configure} for calls to be counted. The
   *     source closes them.
   */
  public EcrFindingSource(EcrSettings settings, Function<String, EcrClient> clientForRegion) {
    this(settings, new RegionClients(Objects.requireNonNull(clientForRegion), true));
  }

  private EcrFindingSource(EcrSettings settings, RegionClients clients) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = clients;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "vulnsift-ecr-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.sweep = new Sweep(clients, pool);
    String firstRegion = settings.regions().isEmpty() ? null : settings.regions().get(0);
    this.router =
        new RuntimeRouter(settings, sweep, pool, new CallerRegistry(clients, pool, firstRegion));
    this.fetch = new ImageFetch(clients);
  }

  /** Real AWS: clients from {@link EcrClients#fromEnvironment}, one per region. */
  public static EcrFindingSource fromEnvironment(EcrSettings settings) {
    return new EcrFindingSource(settings, EcrClients::fromEnvironment);
  }

  /**
   * One client for every region the settings name (one region, or the client's own); not closed.
   */
  public static EcrFindingSource forClient(EcrClient client, EcrSettings settings) {
    if (settings.regions().size() > 1) {
      throw new IllegalArgumentException("one client serves one region; use a client factory");
    }
    return new EcrFindingSource(settings, new RegionClients(r -> client, false));
  }

  public EcrSettings settings() {
    return settings;
  }

  @Override
  public boolean usesRunningImages() {
    return settings.plan() != EcrPlan.SWEEP;
  }

  /** The sweep lists every repository and keeps the shard's; runtime-first keeps its images. */
  @Override
  public boolean honoursShards() {
    return true;
  }

  @Override
  public Fetched fetch(FetchRequest request) {
    EcrCalls calls = new EcrCalls();
    Map<String, Integer> skipped = new ConcurrentHashMap<>();
    Consumer<String> skip = reason -> skipped.merge(reason, 1, Integer::sum);
    var repos = request.repositories();
    Globs globs = new Globs(repos.include(), repos.exclude());
    Instant cutoff =
        request.now() == null || request.lookback() == null
            ? null
            : request.now().minus(request.lookback());
    List<ImageJob> jobs;
    String plan = plan(request);
    calls.add("plan:" + plan, 1);
    switch (plan) {
      case "scope" ->
          jobs = router.route(mine(List.of(request.scope().get()), request), globs, calls, skip);
      case "runtime-first" ->
          jobs =
              router.route(
                  mine(request.runningImages().orElse(List.of()), request), globs, calls, skip);
      default ->
          jobs =
              sweep.images(
                  registries(),
                  name -> globs.matches(name) && request.covers(name),
                  cutoff,
                  calls,
                  skip);
    }
    List<Callable<ImageJob.Outcome>> tasks = new ArrayList<>(jobs.size());
    SharedStrings strings = new SharedStrings();
    jobs.forEach(j -> tasks.add(() -> fetch.fetch(j, cutoff, calls, strings)));
    List<Finding> findings = new ArrayList<>();
    for (ImageJob.Outcome o : Parallel.all(pool, tasks)) {
      findings.addAll(o.findings());
      if (o.skipped() != null) {
        skip.accept(o.skipped());
      }
    }
    return new Fetched(findings, new TreeMap<>(skipped), calls.snapshot());
  }

  /**
   * The images of the request's shard, by repository name as ECR knows it (an ARN or image
   * reference names it too); checked before anything is counted, so that every image is counted by
   * one shard only.
   */
  private static List<ImageRef> mine(List<ImageRef> images, FetchRequest request) {
    return images.stream()
        .filter(
            ref ->
                request.covers(
                    ref.repository() == null ? null : EcrArns.parse(ref.repository()).repository()))
        .toList();
  }

  /** {@code scope}, {@code runtime-first} or {@code sweep}. */
  String plan(FetchRequest request) {
    if (request.scope() != null && request.scope().isPresent()) {
      return "scope";
    }
    boolean known = request.runningImages().isPresent();
    boolean some = known && !request.runningImages().get().isEmpty();
    return switch (settings.plan()) {
      case SWEEP -> "sweep";
      // Forced: an empty inventory then means no findings, which is what was asked for.
      case RUNTIME_FIRST -> known ? "runtime-first" : "sweep";
      // An empty inventory is more likely a missing feed than an idle cluster: sweep.
      case AUTO -> some ? "runtime-first" : "sweep";
    };
  }

  private List<ImageJob.Location> registries() {
    List<ImageJob.Location> out = new ArrayList<>();
    for (String region : RuntimeRouter.orDefault(settings.regions())) {
      for (String id : RuntimeRouter.orDefault(settings.registryIds())) {
        out.add(new ImageJob.Location(region, id, null));
      }
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.close();
  }
}
