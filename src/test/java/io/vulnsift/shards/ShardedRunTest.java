package io.vulnsift.shards;

import static io.vulnsift.shards.ShardFixture.ACCOUNT;
import static io.vulnsift.shards.ShardFixture.NOW;
import static io.vulnsift.shards.ShardFixture.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.Collected;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.FindingSource.Shard;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import io.vulnsift.engine.port.StoreException;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.sources.ecr.FakeFindings;
import io.vulnsift.workflow.Workflow;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sharded runs against an unsharded run over the same registry and inventory, each deployment with
 * its own DynamoDB Local: the same plan and funnel, each (group, action) delivered exactly once
 * through failures and duplicate messages, and no group resolved from one shard's view.
 */
class ShardedRunTest {
  static final int SHARDS = 5;

  final FakeEcr ecr = FakeEcr.start(ACCOUNT);
  final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    ecr.close();
  }

  ShardFixture deployment(EcrPlan plan, Instant seen) {
    ShardFixture fx = new ShardFixture(ecr, plan);
    closing.add(fx);
    fx.inventory.upsert(ShardFixture.containers(seen));
    return fx;
  }

  @ParameterizedTest
  @EnumSource(
      value = EcrPlan.class,
      names = {"SWEEP", "RUNTIME_FIRST"})
  void aShardedRunPlansAndCountsWhatTheUnshardedRunDoes(EcrPlan plan) {
    ShardFixture.registry(ecr);
    ShardFixture one = deployment(plan, NOW.minus(Duration.ofMinutes(10)));
    ShardFixture many = deployment(plan, NOW.minus(Duration.ofMinutes(10)));
    Workflow wf = ShardFixture.workflow();

    RunReport unsharded = one.engine.run(wf, options(NOW), one.env());
    int findingsCalls = ecr.calls("DescribeImageScanFindings");
    ecr.resetCounters();
    RunReport sharded =
        new LocalShardedRuns(many.engine, many.runs, many.env(), 3).run(wf, SHARDS, options(NOW));

    assertThat(sharded.plan()).isEqualTo(unsharded.plan());
    assertThat(sharded.funnel()).isEqualTo(unsharded.funnel());
    assertThat(sharded.skippedImages()).isEqualTo(unsharded.skippedImages()).isNotEmpty();
    assertThat(decisions(sharded)).isEqualTo(decisions(unsharded));
    assertThat(sharded.firstRun()).isEqualTo("yes");
    assertThat(many.deliveries())
        .isEqualTo(one.deliveries())
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    assertThat(ecr.calls("DescribeImageScanFindings"))
        .as("every image fetched by one shard only")
        .isEqualTo(findingsCalls);
    assertThat(sharded.calls().get("findings")).containsEntry("plan:" + plan.label(), SHARDS);
    // The data is worth comparing: alerts, a baseline, drops by severity and by a filter, skipped
    // images, groups across shards. (Runtime-first fetches running images only.)
    assertThat(unsharded.count("new")).isGreaterThanOrEqualTo(4);
    assertThat(unsharded.plan()).anyMatch(l -> l.action().equals("state.baseline"));
    assertThat(unsharded.funnel())
        .filteredOn(s -> List.of("severity", "production").contains(s.stage()))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.dropped()).as(s.stage()).isPositive());
    assertThat(unsharded.groups()).anyMatch(g -> shardsOf(g).size() > 1);

    RunReport laterUnsharded =
        one.engine.run(wf, options(NOW.plus(Duration.ofHours(1))), one.env());
    RunReport laterSharded =
        new LocalShardedRuns(many.engine, many.runs, many.env(), 3)
            .run(wf, SHARDS, options(NOW.plus(Duration.ofHours(1))));

    assertThat(laterSharded.funnel()).isEqualTo(laterUnsharded.funnel());
    assertThat(laterSharded.plan()).isEqualTo(laterUnsharded.plan());
    assertThat(laterSharded.count("new")).isZero();
    assertThat(many.deliveries()).isEqualTo(one.deliveries());
  }

  @Test
  void aShardThatFailsOnceIsDeliveredAgainAndEveryGroupStillGoesOutExactlyOnce() {
    ShardFixture.registry(ecr);
    ShardFixture one = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    ShardFixture many = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    Workflow wf = ShardFixture.workflow();
    RunReport unsharded = one.engine.run(wf, options(NOW), one.env());
    AtomicInteger failures = new AtomicInteger();
    FindingSource flaky =
        new FindingSource() {
          @Override
          public Fetched fetch(FetchRequest request) {
            if (request.shard().orElseThrow().index() == 2 && failures.getAndIncrement() == 0) {
              throw new IllegalStateException("ECR unavailable");
            }
            return many.source.fetch(request);
          }

          @Override
          public boolean honoursShards() {
            return true;
          }
        };

    RunReport sharded =
        new LocalShardedRuns(many.engine, many.runs, many.env(flaky, many.state), 2)
            .run(wf, SHARDS, options(NOW));

    assertThat(failures).hasValue(2); // the failed fetch, then the one of its redelivery
    assertThat(sharded.plan()).isEqualTo(unsharded.plan());
    assertThat(sharded.funnel()).isEqualTo(unsharded.funnel());
    assertThat(many.deliveries())
        .isEqualTo(one.deliveries())
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
  }

  @Test
  void aDecisionThatFailsMidwayIsRetriedAndEachDeliveryHappensExactlyOnce() {
    ShardFixture.registry(ecr);
    ShardFixture one = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    ShardFixture many = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    Workflow wf = ShardFixture.workflow();
    one.engine.run(wf, options(NOW), one.env());
    AtomicInteger claims = new AtomicInteger();
    // The sixth delivery claim fails once: the decision stops with some groups delivered, some
    // half delivered (Jira, not Slack) and some not claimed at all.
    StateStore crashing =
        failingOnce(
            many.state,
            "claim",
            () -> claims.incrementAndGet() == 6,
            new StoreException("DynamoDB UpdateItem failed: connection reset", null));

    RunReport decided =
        new LocalShardedRuns(many.engine, many.runs, many.env(many.source, crashing), 2)
            .run(wf, SHARDS, options(NOW));

    assertThat(claims.get()).isGreaterThan(6);
    assertThat(decided.errors()).isEmpty();
    assertThat(many.deliveries())
        .isEqualTo(one.deliveries())
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
  }

  @Test
  void duplicateMessagesHandledTwiceConcurrentlyChangeNothing() throws Exception {
    ShardFixture.registry(ecr);
    ShardFixture one = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    ShardFixture many = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    Workflow wf = ShardFixture.workflow();
    RunReport unsharded = one.engine.run(wf, options(NOW), one.env());
    ManualQueue queue = new ManualQueue();
    ShardWorker worker = many.worker(queue, many.env(), NOW);
    String run = new ShardCoordinator(many.runs, queue).begin(wf, SHARDS, options(NOW));

    List<ShardWorker.Handled> handled = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      while (!queue.isEmpty()) {
        List<Future<ShardWorker.Handled>> wave = new ArrayList<>();
        for (ShardMessage m : queue.drain()) {
          wave.add(pool.submit(() -> worker.handle(m)));
          wave.add(pool.submit(() -> worker.handle(m))); // its duplicate, at the same time
        }
        for (Future<ShardWorker.Handled> f : wave) {
          handled.add(f.get());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Long> outcomes =
        handled.stream()
            .collect(Collectors.groupingBy(ShardWorker.Handled::outcome, Collectors.counting()));
    assertThat(outcomes.get("decided")).isEqualTo(1);
    List<RunReport> reports = handled.stream().flatMap(h -> h.report().stream()).toList();
    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.plan()).isEqualTo(unsharded.plan());
              assertThat(r.funnel()).isEqualTo(unsharded.funnel());
            });
    assertThat(many.deliveries())
        .isEqualTo(one.deliveries())
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));

    // Late duplicates, after the decision, are acknowledged without doing anything.
    ShardWorker.Handled late = worker.handle(ShardMessage.shard(wf.name(), run, NOW, 0, SHARDS));
    assertThat(late.outcome()).isEqualTo("already-decided");
    assertThat(many.deliveries()).hasSameSizeAs(one.deliveries());
  }

  @Test
  void aGroupSeenByOneShardOnlyIsNotResolvedByTheOthers() {
    ShardFixture.registry(ecr);
    List<String> solo = twoReposInDifferentShards();
    for (int k = 0; k < 2; k++) {
      ecr.image(ACCOUNT, solo.get(k), FakeEcr.digest(solo.get(k)))
          .completedAt(NOW.minus(Duration.ofHours(2)))
          .basic(FakeFindings.basic("CVE-2026-500" + k, "solo-pkg", "1.0"));
    }
    ShardFixture many = deployment(EcrPlan.SWEEP, NOW.minus(Duration.ofMinutes(10)));
    many.inventory.upsert(
        List.of(
            soloContainer(solo.get(0), NOW.minus(Duration.ofMinutes(10))),
            soloContainer(solo.get(1), NOW.minus(Duration.ofMinutes(10)))));
    Workflow wf = ShardFixture.workflow();
    RunReport first =
        new LocalShardedRuns(many.engine, many.runs, many.env(), 2).run(wf, SHARDS, options(NOW));
    String seen = fingerprint(first, "CVE-2026-5000");
    String gone = fingerprint(first, "CVE-2026-5001");
    assertThat(decision(first, seen)).isEqualTo("alerted");
    assertThat(decision(first, gone)).isEqualTo("alerted");

    // 30 hours later, past the 24h grace: the first solo image still runs, the second stopped.
    Instant later = NOW.plus(Duration.ofHours(30));
    many.inventory.upsert(ShardFixture.containers(later.minus(Duration.ofMinutes(10))));
    many.inventory.upsert(List.of(soloContainer(solo.get(0), later.minus(Duration.ofMinutes(10)))));
    ManualQueue queue = new ManualQueue();
    ShardWorker worker = many.worker(queue, many.env(), later);
    String run = new ShardCoordinator(many.runs, queue).begin(wf, SHARDS, options(later));
    List<ShardMessage> decisions = new ArrayList<>();
    for (ShardMessage m : queue.drain()) {
      worker.handle(m);
      decisions.addAll(queue.drain());
      assertThat(statuses(many, wf, seen, gone))
          .as("after %s", m)
          .containsExactly(GroupStatus.ACTIVE, GroupStatus.ACTIVE);
    }
    // What a shard that does not see the group would conclude on its own (a dry run: no writes).
    int other = new Shard(0, SHARDS).owns(solo.get(0)) ? 1 : 0;
    Collected partial = many.runs.parts(wf.name(), run, SHARDS).get(other);
    RunReport partialView =
        many.engine.decide(wf, options(later).dryRun(true), many.env(), partial);
    assertThat(decision(partialView, seen)).as("the danger").isEqualTo("resolved");

    assertThat(decisions).singleElement();
    RunReport decided = worker.handle(decisions.get(0)).report().orElseThrow();

    assertThat(decision(decided, seen)).isEqualTo("suppressed");
    assertThat(decision(decided, gone)).isEqualTo("resolved");
    assertThat(statuses(many, wf, seen, gone))
        .containsExactly(GroupStatus.ACTIVE, GroupStatus.RESOLVED);
  }

  // ---------------------------------------------------------------------------------------------

  /** A queue the test drains by hand, to choose what is delivered when and how often. */
  static final class ManualQueue implements ShardQueue {
    private final Deque<ShardMessage> messages = new ArrayDeque<>();

    @Override
    public synchronized void send(List<ShardMessage> sent) {
      messages.addAll(sent);
    }

    synchronized boolean isEmpty() {
      return messages.isEmpty();
    }

    synchronized List<ShardMessage> drain() {
      List<ShardMessage> out = new ArrayList<>(messages);
      messages.clear();
      return out;
    }
  }

  /**
   * {@code delegate}, except that {@code method} throws {@code error} the first time {@code when}.
   */
  static StateStore failingOnce(
      StateStore delegate,
      String method,
      java.util.function.BooleanSupplier when,
      RuntimeException error) {
    AtomicInteger thrown = new AtomicInteger();
    return (StateStore)
        Proxy.newProxyInstance(
            StateStore.class.getClassLoader(),
            new Class<?>[] {StateStore.class},
            (proxy, m, args) -> {
              if (m.getName().equals(method)
                  && when.getAsBoolean()
                  && thrown.getAndIncrement() == 0) {
                throw error;
              }
              try {
                return m.invoke(delegate, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  static Map<String, String> decisions(RunReport report) {
    Map<String, String> out = new HashMap<>();
    report.groups().forEach(g -> out.put(g.key().toString(), g.decision()));
    return out;
  }

  /** The shards whose repositories hold the group's images. */
  static Set<Integer> shardsOf(GroupReport g) {
    Map<String, String> repoOf = new HashMap<>();
    for (int r = 0; r < ShardFixture.REPOSITORIES; r++) {
      for (int i = 0; i < 2; i++) {
        repoOf.put(ShardFixture.digest(r, i), ShardFixture.repository(r));
      }
    }
    Set<Integer> shards = new HashSet<>();
    for (String digest : g.affectedImages()) {
      for (int s = 0; s < SHARDS; s++) {
        if (new Shard(s, SHARDS).owns(repoOf.get(digest))) {
          shards.add(s);
        }
      }
    }
    return shards;
  }

  static List<String> twoReposInDifferentShards() {
    String a = "solo-0";
    int shardOfA = shardOf(a);
    for (int k = 1; ; k++) {
      String b = "solo-" + k;
      if (shardOf(b) != shardOfA) {
        return List.of(a, b);
      }
    }
  }

  static int shardOf(String repo) {
    for (int s = 0; s < SHARDS; s++) {
      if (new Shard(s, SHARDS).owns(repo)) {
        return s;
      }
    }
    throw new AssertionError("no shard owns " + repo);
  }

  static io.vulnsift.model.InventoryRecord soloContainer(String repo, Instant seen) {
    return new io.vulnsift.model.InventoryRecord(
        FakeEcr.digest(repo),
        "c-" + repo,
        ACCOUNT,
        repo,
        repo,
        "prod-eu",
        "solo",
        repo,
        "app",
        "running",
        "production",
        "shop",
        "1.0",
        "team-solo",
        seen,
        seen.plus(Duration.ofDays(2)),
        "kubernetes");
  }

  static String fingerprint(RunReport report, String cve) {
    return report.groups().stream()
        .filter(g -> cve.equals(g.key().get("vulnerabilityId")))
        .map(GroupReport::fingerprint)
        .findFirst()
        .orElseThrow(() -> new AssertionError(cve + " is not in the report"));
  }

  static String decision(RunReport report, String fingerprint) {
    return report.groups().stream()
        .filter(g -> g.fingerprint().equals(fingerprint))
        .map(GroupReport::decision)
        .findFirst()
        .orElse("absent");
  }

  static List<GroupStatus> statuses(ShardFixture fx, Workflow wf, String... fingerprints) {
    Map<String, StateStore.GroupState> states =
        fx.state.load(wf.name(), List.of(fingerprints), NOW.plus(Duration.ofDays(2)));
    List<GroupStatus> out = new ArrayList<>();
    for (String fp : fingerprints) {
      out.add(states.get(fp).status());
    }
    return out;
  }
}
