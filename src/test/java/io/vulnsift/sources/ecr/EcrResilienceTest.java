package io.vulnsift.sources.ecr;

import static io.vulnsift.sources.ecr.EcrSweepTest.ACCOUNT;
import static io.vulnsift.sources.ecr.EcrSweepTest.FRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.engine.port.FindingSource.Fetched;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throttling storms, the concurrency bound, and the errors that must fail a run. */
class EcrResilienceTest {

  final FakeEcr ecr = FakeEcr.start(ACCOUNT);

  @AfterEach
  void stop() {
    ecr.close();
  }

  private void images(int repos, int perRepo, int findings) {
    for (int r = 0; r < repos; r++) {
      for (int i = 0; i < perRepo; i++) {
        ecr.image(ACCOUNT, "repo-" + r, FakeEcr.digest(r + "/" + i))
            .completedAt(FRESH)
            .basicFindings(findings);
      }
    }
  }

  private EcrFindingSource source(int concurrency, int maxAttempts, Duration throttlingBase) {
    return new EcrFindingSource(
        new EcrSettings(null, null, concurrency, null),
        EcrTestClients.factory(
            Map.of(EcrTestClients.DEFAULT_REGION, ecr),
            EcrClients.retryStrategy(maxAttempts, Duration.ofMillis(2), throttlingBase)));
  }

  @Test
  void throttlingStormIsRetriedWithBackoffAndLosesNothing() {
    images(4, 10, 3);
    ecr.pageCap(2).throttleFirstAttempts(3); // every request, every page: 3 × ThrottlingException
    Fetched fetched;
    try (var source = source(8, 5, Duration.ofMillis(5))) {
      fetched = source.fetch(EcrSweepTest.sweep(null));
    }

    assertThat(fetched.findings()).hasSize(4 * 10 * 3);
    // Pages of 2: 2 + 4 × 5 + 40 × 2 = 102 calls, each throttled 3 times before it succeeded.
    int calls = 2 + 20 + 80;
    assertThat(fetched.calls())
        .isEqualTo(
            Map.of(
                "plan:sweep", 1,
                "DescribeRepositories", 2,
                "DescribeImages", 20,
                "DescribeImageScanFindings", 80,
                "retries", 3 * calls));
    assertThat(ecr.throttled()).isEqualTo(3 * calls);
    // Full-jitter exponential backoff from 5 ms: pauses average ~6 ms over three retries.
    List<List<Long>> times = ecr.retriedAttemptTimes();
    double meanGapMillis =
        times.stream()
            .mapToDouble(t -> (t.get(t.size() - 1) - t.get(0)) / 1e6 / (t.size() - 1))
            .average()
            .orElseThrow();
    assertThat(meanGapMillis).isGreaterThan(2);
  }

  @Test
  void throttlingThatOutlastsTheRetriesFailsTheRunVisibly() {
    images(1, 1, 1);
    ecr.throttleFirstAttempts(1000);
    try (var source = source(2, 4, Duration.ofMillis(1))) {
      assertThatThrownBy(() -> source.fetch(EcrSweepTest.sweep(null)))
          .isInstanceOf(EcrFetchException.class)
          .hasMessageContaining("DescribeRepositories")
          .hasMessageContaining("ThrottlingException");
    }
    assertThat(ecr.calls("DescribeRepositories")).as("bounded attempts").isEqualTo(4);
  }

  @Test
  void accessDeniedFailsTheRunNamingTheImage() {
    images(1, 3, 1);
    String digest = FakeEcr.digest("0/1");
    ecr.image(ACCOUNT, "repo-0", digest).error("AccessDeniedException");
    try (var source = source(2, 3, Duration.ofMillis(1))) {
      assertThatThrownBy(() -> source.fetch(EcrSweepTest.sweep(null)))
          .isInstanceOf(EcrFetchException.class)
          .hasMessageContaining("DescribeImageScanFindings")
          .hasMessageContaining("repository repo-0")
          .hasMessageContaining(digest)
          .hasMessageContaining("AccessDeniedException (HTTP 400)");
    }
  }

  @Test
  void neverMoreRequestsInFlightThanTheSetting() {
    images(6, 10, 1);
    ecr.latency(Duration.ofMillis(15));
    for (int concurrency : new int[] {3, EcrSettings.DEFAULT_CONCURRENCY}) {
      ecr.resetCounters();
      Fetched fetched;
      try (var source = source(concurrency, 3, Duration.ofMillis(1))) {
        fetched = source.fetch(EcrSweepTest.sweep(null));
      }
      assertThat(fetched.findings()).hasSize(60);
      assertThat(ecr.maxInFlight())
          .as("concurrency %d", concurrency)
          .isLessThanOrEqualTo(concurrency)
          .isGreaterThanOrEqualTo(Math.min(concurrency, 6) - 1);
    }
  }

  @Test
  void concurrentFetchesShareTheBound() throws Exception {
    images(4, 10, 1);
    ecr.latency(Duration.ofMillis(10));
    try (var source = source(4, 3, Duration.ofMillis(1))) {
      var a =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> source.fetch(EcrSweepTest.sweep(null)));
      var b =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> source.fetch(EcrSweepTest.sweep(null)));
      assertThat(a.get().findings()).hasSize(40);
      assertThat(b.get().calls()).containsEntry("DescribeImageScanFindings", 40);
    }
    assertThat(ecr.maxInFlight()).isLessThanOrEqualTo(4);
  }

  @Test
  void serverErrorsAreRetriedClientErrorsAreNot() {
    images(1, 2, 1);
    ecr.failFirstAttempts(2, "ServerException", 500);
    try (var source = source(2, 3, Duration.ofMillis(1))) {
      Fetched fetched = source.fetch(EcrSweepTest.sweep(null));
      assertThat(fetched.findings()).hasSize(2);
      assertThat(fetched.calls()).containsEntry("retries", 2 * 4);
    }
    ecr.resetCounters();
    ecr.failFirstAttempts(1, "InvalidParameterException", 400);
    try (var source = source(2, 3, Duration.ofMillis(1))) {
      assertThatThrownBy(() -> source.fetch(EcrSweepTest.sweep(null)))
          .isInstanceOf(EcrFetchException.class)
          .hasMessageContaining("InvalidParameterException (HTTP 400)");
    }
    assertThat(ecr.calls("DescribeRepositories")).as("not retried").isEqualTo(1);
  }
}
