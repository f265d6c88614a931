package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Source.Repositories;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweep plan against the fake, through the real SDK client. */
class EcrSweepTest {

  static final String ACCOUNT = "111111111111";
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant FRESH = NOW.minus(Duration.ofDays(1));
  static final Instant OLD = NOW.minus(Duration.ofDays(10));

  final FakeEcr ecr = FakeEcr.start(ACCOUNT);

  @AfterEach
  void stop() {
    ecr.close();
  }

  static FetchRequest sweep(Repositories repos) {
    return new FetchRequest(NOW, Duration.ofDays(7), Optional.empty(), repos, Optional.empty());
  }

  @Test
  void sweepFollowsEveryNextTokenOfEveryOperation() {
    ecr.pageCap(2);
    for (int r = 0; r < 5; r++) {
      for (int i = 0; i < 3; i++) {
        ecr.image(ACCOUNT, "repo-" + r, FakeEcr.digest(r + "/" + i))
            .completedAt(FRESH)
            .basicFindings(5);
      }
    }
    Fetched fetched;
    try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
      fetched = source.fetch(sweep(null));
    }

    assertThat(fetched.findings()).hasSize(5 * 3 * 5);
    assertThat(fetched.skippedImages()).isEmpty();
    // 5 repositories in pages of 2 → 3 calls; 3 images in pages of 2 → 2 calls per repository;
    // 5 findings in pages of 2 → 3 calls per image.
    assertThat(fetched.calls())
        .isEqualTo(
            Map.of(
                "plan:sweep", 1,
                "DescribeRepositories", 3,
                "DescribeImages", 10,
                "DescribeImageScanFindings", 45));
    assertThat(ecr.calls())
        .isEqualTo(
            Map.of(
                "DescribeRepositories", 3, "DescribeImages", 10, "DescribeImageScanFindings", 45));
    List<JsonNode> bodies = ecr.bodies("DescribeImageScanFindings");
    assertThat(bodies)
        .allSatisfy(
            b -> {
              assertThat(b.get("maxResults").asInt()).isEqualTo(1000);
              assertThat(b.get("repositoryName").asText()).startsWith("repo-");
              assertThat(b.path("imageId").path("imageDigest").asText()).startsWith("sha256:");
              assertThat(b.get("registryId").asText())
                  .as("the registry DescribeRepositories named")
                  .isEqualTo(ACCOUNT);
            });
    assertThat(bodies.stream().filter(b -> b.has("nextToken"))).hasSize(30);
    assertThat(ecr.bodies("DescribeImages"))
        .allSatisfy(b -> assertThat(b.get("maxResults").asInt()).isEqualTo(1000));
  }

  @Test
  void enhancedPagesHold100WhateverMaxResultsSays() {
    FakeEcr.Image image = ecr.image(ACCOUNT, "team/app", FakeEcr.digest("e"));
    image.enhancedFindings(250, FRESH);
    Fetched fetched;
    try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
      fetched = source.fetch(sweep(null));
    }

    assertThat(fetched.findings()).hasSize(250);
    assertThat(fetched.calls()).containsEntry("DescribeImageScanFindings", 3);
    assertThat(ecr.bodies("DescribeImageScanFindings"))
        .extracting(b -> b.path("nextToken").asText(""))
        .containsExactly("", "100", "200");
    Finding f = fetched.findings().get(0);
    assertThat(f.scanType()).isEqualTo(Finding.ScanType.ENHANCED);
    assertThat(f.packageVersion()).isEqualTo("2.9.14-1");
    assertThat(f.fixedInVersion()).as("NotAvailable → none").isNull();
    assertThat(f.fixAvailable()).isEqualTo("NO");
    assertThat(f.exploitAvailable()).isEqualTo("YES");
    assertThat(f.cvssScore()).as("the v3 entry over the bare score").isEqualTo(9.8);
    assertThat(f.inUseCount()).isEqualTo(2);
    assertThat(f.lastInUseAt()).isEqualTo(FRESH);
    assertThat(f.lastObservedAt()).isEqualTo(FRESH);
    assertThat(f.imageTags()).containsExactly("latest");
    assertThat(f.registry()).isEqualTo(ACCOUNT);
  }

  @Test
  void imagesThatCannotContributeAreSkippedAndCountedNeverFailing() {
    ecr.image(ACCOUNT, "app", FakeEcr.digest("ok")).completedAt(FRESH).basicFindings(2);
    ecr.image(ACCOUNT, "app", FakeEcr.digest("never")).error("ScanNotFoundException");
    ecr.image(ACCOUNT, "app", FakeEcr.digest("failed")).status("FAILED");
    ecr.image(ACCOUNT, "app", FakeEcr.digest("old")).completedAt(OLD).basicFindings(3);
    // Clair fills the listing's summary: an old scan is skipped without its findings call.
    ecr.image(ACCOUNT, "app", FakeEcr.digest("old-listed")).completedAt(OLD).summary();
    ecr.image(ACCOUNT, "app", FakeEcr.digest("pending")).status("PENDING").summary();
    ecr.image(ACCOUNT, "app", FakeEcr.digest("stale-enhanced"))
        .enhancedFindings(1, OLD)
        .completedAt(FRESH);
    ecr.image(ACCOUNT, "app", FakeEcr.digest("gone")).error("ImageNotFoundException");
    ecr.repository(ACCOUNT, "empty");
    Fetched fetched;
    try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
      fetched = source.fetch(sweep(null));
    }

    assertThat(fetched.findings()).hasSize(2);
    assertThat(fetched.skippedImages())
        .isEqualTo(
            Map.of(
                "scan-not-found", 1,
                "scan-status:FAILED", 1,
                "scan-status:PENDING", 1,
                "older-than-lookback", 3,
                "image-not-found", 1));
    assertThat(fetched.calls()).containsEntry("DescribeImageScanFindings", 6);
  }

  @Test
  void repositoryGlobsSelectWhatIsSwept() {
    for (String repo : List.of("team-a/api", "team-a/legacy-batch", "team-b/web")) {
      ecr.image(ACCOUNT, repo, FakeEcr.digest(repo)).completedAt(FRESH).basicFindings(1);
    }
    Fetched fetched;
    try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
      fetched =
          source.fetch(sweep(new Repositories(List.of("team-a/*"), List.of("team-a/legacy*"))));
    }

    assertThat(fetched.findings()).extracting(Finding::repository).containsExactly("team-a/api");
    assertThat(fetched.calls()).containsEntry("DescribeImages", 1);
    assertThat(ecr.bodies("DescribeImages"))
        .extracting(b -> b.get("repositoryName").asText())
        .containsExactly("team-a/api");
  }

  @Test
  void severalRegistriesAndRegionsInOneSource() {
    String other = "222222222222";
    ecr.image(ACCOUNT, "app", FakeEcr.digest("a")).completedAt(FRESH).basicFindings(1);
    ecr.image(other, "app", FakeEcr.digest("b")).completedAt(FRESH).basicFindings(2);
    try (FakeEcr eu = FakeEcr.start(ACCOUNT)) {
      eu.image(ACCOUNT, "eu-app", FakeEcr.digest("c")).completedAt(FRESH).basicFindings(4);
      var settings =
          new EcrSettings(List.of(ACCOUNT, other), List.of("us-east-1", "eu-west-1"), 0, null);
      Fetched fetched;
      try (var source =
          new EcrFindingSource(
              settings,
              EcrTestClients.factory(
                  Map.of("us-east-1", ecr, "eu-west-1", eu), EcrTestClients.fastRetries(3)))) {
        fetched = source.fetch(sweep(null));
      }

      assertThat(fetched.findings())
          .extracting(f -> f.registry() + "/" + f.repository())
          .containsOnly(ACCOUNT + "/app", other + "/app", ACCOUNT + "/eu-app")
          .hasSize(7);
      assertThat(fetched.calls()).containsEntry("DescribeRepositories", 4);
      assertThat(ecr.bodies("DescribeRepositories"))
          .extracting(b -> b.get("registryId").asText())
          .containsExactlyInAnyOrder(ACCOUNT, other);
      assertThat(eu.calls("DescribeRepositories")).isEqualTo(2);
    }
  }

  @Test
  void aGivenClientServesTheSourceAndIsLeftOpen() {
    ecr.image(ACCOUNT, "app", FakeEcr.digest("a")).completedAt(FRESH).basicFindings(1);
    try (var client =
        EcrTestClients.factory(
                Map.of(EcrTestClients.DEFAULT_REGION, ecr), EcrTestClients.fastRetries(3))
            .apply(null)) {
      try (var source = EcrFindingSource.forClient(client, EcrSettings.DEFAULT)) {
        assertThat(source.fetch(sweep(null)).findings()).hasSize(1);
      }
      assertThat(client.describeRepositories().repositories()).hasSize(1);
    }
  }
}
