package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.6 and §3 under concurrency: 8 runs of one workflow at once (a schedule plus duplicate
 * events), as first runs on empty state and as later runs, alert exactly what one run alerts.
 */
class ConcurrentRunsTest {
  static final int RUNS = 8;
  static final int REPETITIONS = 50;

  final TriageFixture fx = new TriageFixture();
  final ExecutorService pool = Executors.newFixedThreadPool(RUNS);

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    fx.close();
  }

  @Test
  void concurrentRunsDeliverEachGroupToEachActionExactlyOnce() throws Exception {
    for (int image = 0; image < 10; image++) {
      // Half the groups are recent (alerted on the first run), half old (baseline).
      fx.findings.add(
          critical("CVE-2024-10" + image, "payments/api", image, ofHours(image < 5 ? 2 : 72)));
      fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(5)));
    }
    for (int rep = 0; rep < REPETITIONS; rep++) {
      Workflow wf =
          TriageFixture.workflow(
              TriageSemanticsTest.WORKFLOW.replace("critical-production", "wf-" + rep));

      List<RunReport> first = runConcurrently(wf, NOW);
      assertThat(deliveredPerGroupAndAction(wf.name()))
          .as("first runs, repetition %d", rep)
          .hasSize(5 * 2)
          .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
      assertThat(first.stream().filter(r -> r.firstRun().equals("yes"))).hasSize(1);

      List<RunReport> later = runConcurrently(wf, NOW.plus(ofHours(1)));
      assertThat(later).allSatisfy(r -> assertThat(r.count("new")).isZero());
      assertThat(deliveredPerGroupAndAction(wf.name())).hasSize(10);
    }
  }

  @Test
  void concurrentLaterRunsDeliverNewGroupsExactlyOnce() throws Exception {
    Workflow wf = TriageFixture.workflow(TriageSemanticsTest.WORKFLOW);
    fx.run(wf, NOW);
    for (int image = 20; image < 30; image++) {
      fx.findings.add(critical("CVE-2021-2" + image, "payments/api", image, ofDays(40)));
      fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(5)));
    }

    for (int rep = 0; rep < 5; rep++) {
      runConcurrently(wf, NOW.plus(ofHours(1 + rep)));
    }

    assertThat(deliveredPerGroupAndAction(wf.name()))
        .hasSize(10 * 2)
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
  }

  private List<RunReport> runConcurrently(Workflow wf, java.time.Instant now) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<RunReport>> futures = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Callable<RunReport> run =
          () -> {
            start.await();
            return fx.run(wf, RunOptions.at(now));
          };
      futures.add(pool.submit(run));
    }
    start.countDown();
    List<RunReport> reports = new ArrayList<>();
    for (Future<RunReport> f : futures) {
      reports.add(f.get());
    }
    return reports;
  }

  /** (group fingerprint, action) → how many times the outbox received it, for one workflow. */
  private Map<String, Long> deliveredPerGroupAndAction(String workflow) {
    Function<JsonNode, String> id =
        l -> l.get("key").get("vulnerabilityId").asText() + "/" + l.get("actionId").asText();
    return fx.outbox().stream()
        .filter(l -> l.get("workflow").asText().equals(workflow))
        .collect(Collectors.groupingBy(id, Collectors.counting()));
  }
}
