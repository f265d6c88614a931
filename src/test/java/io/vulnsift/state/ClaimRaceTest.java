package io.vulnsift.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.StateStore.ClaimOutcome;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.MarkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent runs racing for the same deliveries: each (group, action) is won exactly once. */
class ClaimRaceTest {

  static final int THREADS = 8;
  static final int GROUPS = 25;
  static final List<String> ACTIONS = List.of("jira", "slack");
  static final int REPETITIONS = 50;
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  static LocalDynamoDb db;
  static ExecutorService pool;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "inventory-race", "state-race");
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    db.close();
  }

  @Test
  void eachPairIsWonExactlyOnce() throws Exception {
    DynamoDbStateStore store = new DynamoDbStateStore(db.client(), "state-race");
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String workflow = "race-" + rep; // a fresh workflow per repetition keeps the table small
      Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
      AtomicInteger lost = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String runId = "run-" + t;
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int g = 0; g < GROUPS; g++) {
                    GroupSnapshot group =
                        new GroupSnapshot(
                            "fp" + g, Map.of("id", "CVE-" + g), List.of(), List.of(), null, null);
                    for (String action : ACTIONS) {
                      var claim =
                          store.claim(workflow, group, action, runId, NOW, Duration.ofMinutes(5));
                      if (claim.outcome() == ClaimOutcome.CLAIMED) {
                        wins.computeIfAbsent(g + "/" + action, k -> new AtomicInteger())
                            .incrementAndGet();
                      } else {
                        lost.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get();
      }

      assertThat(wins).hasSize(GROUPS * ACTIONS.size());
      assertThat(wins.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(lost.get()).isEqualTo((THREADS - 1) * GROUPS * ACTIONS.size());
    }
    assertThat(store.requestCounts())
        .containsEntry("UpdateItem", REPETITIONS * THREADS * GROUPS * ACTIONS.size());
  }

  @Test
  void exactlyOneConcurrentFirstRunTakesTheBaseline() throws Exception {
    DynamoDbStateStore store = new DynamoDbStateStore(db.client(), "state-race");
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String workflow = "baseline-" + rep;
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MarkerStatus>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String runId = "run-" + t;
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.claimBaseline(workflow, runId, NOW, Duration.ofMinutes(5)).status();
                }));
      }
      go.countDown();
      List<MarkerStatus> outcomes = new ArrayList<>();
      for (Future<MarkerStatus> run : runs) {
        outcomes.add(run.get());
      }
      assertThat(outcomes).containsOnlyOnce(MarkerStatus.ACQUIRED);
      assertThat(outcomes)
          .filteredOn(o -> o != MarkerStatus.ACQUIRED)
          .containsOnly(MarkerStatus.HELD_BY_OTHER);
    }
  }
}
