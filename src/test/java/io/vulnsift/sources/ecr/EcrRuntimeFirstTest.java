package io.vulnsift.sources.ecr;

import static io.vulnsift.sources.ecr.EcrSweepTest.ACCOUNT;
import static io.vulnsift.sources.ecr.EcrSweepTest.FRESH;
import static io.vulnsift.sources.ecr.EcrSweepTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Source.Repositories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runtime-first and event-scoped fetching: ECR calls scale with the images asked about. */
class EcrRuntimeFirstTest {

  final FakeEcr ecr = FakeEcr.start(ACCOUNT);
  final List<ImageRef> running = new ArrayList<>();

  /** 10 repositories × 10 images, one finding each; every 20th image runs. */
  @BeforeEach
  void registry() {
    for (int r = 0; r < 10; r++) {
      for (int i = 0; i < 10; i++) {
        String repo = "team/app-" + r;
        String digest = FakeEcr.digest(r + "/" + i);
        ecr.image(ACCOUNT, repo, digest).completedAt(FRESH).basicFindings(1);
        if ((r * 10 + i) % 20 == 0) {
          running.add(new ImageRef(ACCOUNT, repo, digest));
        }
      }
    }
  }

  @AfterEach
  void stop() {
    ecr.close();
  }

  static FetchRequest request(Optional<List<ImageRef>> running, Optional<ImageRef> scope) {
    return new FetchRequest(NOW, Duration.ofDays(7), scope, Repositories.ALL, running);
  }

  Fetched fetch(EcrSettings settings, FetchRequest request) {
    try (var source = EcrTestClients.source(settings, ecr)) {
      return source.fetch(request);
    }
  }

  @Test
  void runtimeFirstCallsOncePerRunningImageAndSweepOncePerStoredImage() {
    Fetched runtime = fetch(EcrSettings.DEFAULT, request(Optional.of(running), Optional.empty()));
    ecr.resetCounters();
    Fetched sweep = fetch(EcrSettings.DEFAULT, request(Optional.empty(), Optional.empty()));

    assertThat(running).hasSize(5);
    assertThat(runtime.calls())
        .isEqualTo(
            Map.of("plan:runtime-first", 1, "DescribeRegistry", 1, "DescribeImageScanFindings", 5));
    assertThat(runtime.findings())
        .extracting(Finding::imageDigest)
        .containsExactlyElementsOf(running.stream().map(ImageRef::imageDigest).toList());
    assertThat(sweep.calls())
        .isEqualTo(
            Map.of(
                "plan:sweep", 1,
                "DescribeRepositories", 1,
                "DescribeImages", 10,
                "DescribeImageScanFindings", 100));
    assertThat(sweep.findings()).hasSize(100);
  }

  @Test
  void planChoice() {
    var auto = EcrSettings.DEFAULT;
    var forcedSweep = new EcrSettings(null, null, 0, EcrPlan.SWEEP);
    var forcedRuntime = new EcrSettings(null, null, 0, EcrPlan.RUNTIME_FIRST);
    Optional<List<ImageRef>> none = Optional.of(List.of());

    assertThat(fetch(auto, request(none, Optional.empty())).calls())
        .as("an empty inventory is more likely a missing feed: sweep")
        .containsEntry("plan:sweep", 1);
    assertThat(fetch(forcedSweep, request(Optional.of(running), Optional.empty())).calls())
        .containsEntry("plan:sweep", 1);
    assertThat(fetch(forcedRuntime, request(none, Optional.empty())).calls())
        .isEqualTo(Map.of("plan:runtime-first", 1));
    try (var s = EcrTestClients.source(forcedSweep, ecr);
        var a = EcrTestClients.source(auto, ecr)) {
      assertThat(s.usesRunningImages()).isFalse();
      assertThat(a.usesRunningImages()).isTrue();
    }
  }

  @Test
  void runningImagesThatAreNotSelectedOrNotThereAreCounted() {
    List<ImageRef> refs = new ArrayList<>(running.subList(0, 2));
    refs.add(running.get(0)); // the same image twice: asked once
    refs.add(new ImageRef("docker.io", "library/nginx", FakeEcr.digest("nginx")));
    refs.add(new ImageRef("333333333333", "team/app-1", FakeEcr.digest("x")));
    refs.add(new ImageRef(ACCOUNT, "team/app-1", FakeEcr.digest("deleted")));
    refs.add(new ImageRef(ACCOUNT, "team/removed", FakeEcr.digest("y")));
    refs.add(new ImageRef(ACCOUNT, "other/excluded", FakeEcr.digest("z")));
    refs.add(new ImageRef(null, "team/app-3", FakeEcr.digest("3/0")));
    var settings = new EcrSettings(List.of(ACCOUNT), null, 0, null);
    var request =
        new FetchRequest(
            NOW,
            Duration.ofDays(7),
            Optional.empty(),
            new Repositories(List.of("team/*"), null),
            Optional.of(refs));

    Fetched fetched = fetch(settings, request);

    assertThat(fetched.findings()).hasSize(3);
    assertThat(fetched.skippedImages())
        .isEqualTo(
            Map.of(
                "not-ecr", 1,
                "registry-not-selected", 1,
                "image-not-found", 1,
                "repository-not-found", 1,
                "repository-excluded", 1));
    assertThat(fetched.calls()).containsEntry("DescribeImageScanFindings", 5);
    assertThat(ecr.bodies("DescribeImageScanFindings"))
        .allSatisfy(b -> assertThat(b.get("registryId").asText()).isEqualTo(ACCOUNT));
  }

  @Test
  void eventScopeFetchesOnlyThatImageWhateverTheInventory() {
    ImageRef image = running.get(1);
    Fetched fetched = fetch(EcrSettings.DEFAULT, request(Optional.of(running), Optional.of(image)));

    assertThat(fetched.calls())
        .isEqualTo(Map.of("plan:scope", 1, "DescribeRegistry", 1, "DescribeImageScanFindings", 1));
    assertThat(fetched.findings())
        .singleElement()
        .extracting(Finding::imageDigest)
        .isEqualTo(image.imageDigest());
  }

  @Test
  void eventScopeGivenAsRepositoryArnTakesRegionAndAccountFromIt() {
    ImageRef image = running.get(2);
    String arn = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + image.repository();
    Fetched fetched =
        fetch(
            EcrSettings.DEFAULT,
            request(Optional.empty(), Optional.of(new ImageRef(null, arn, image.imageDigest()))));

    assertThat(fetched.findings())
        .singleElement()
        .extracting(Finding::repository)
        .isEqualTo(image.repository());
    assertThat(ecr.bodies("DescribeImageScanFindings"))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.get("registryId").asText()).isEqualTo(ACCOUNT);
              assertThat(b.get("repositoryName").asText()).isEqualTo(image.repository());
            });
  }

  @Test
  void withSeveralRegionsAnImageIsLookedUpWhereItsRepositoryIs() {
    try (FakeEcr eu = FakeEcr.start(ACCOUNT)) {
      String digest = FakeEcr.digest("eu");
      eu.image(ACCOUNT, "eu/only", digest).completedAt(FRESH).basicFindings(2);
      var settings = new EcrSettings(null, List.of("us-east-1", "eu-west-1"), 0, null);
      List<ImageRef> refs = List.of(new ImageRef(ACCOUNT, "eu/only", digest), running.get(0));
      Fetched fetched;
      try (var source =
          new EcrFindingSource(
              settings,
              EcrTestClients.factory(
                  Map.of("us-east-1", ecr, "eu-west-1", eu), EcrTestClients.fastRetries(3)))) {
        fetched = source.fetch(request(Optional.of(refs), Optional.empty()));
      }

      assertThat(fetched.findings()).hasSize(3);
      assertThat(fetched.calls())
          .isEqualTo(
              Map.of(
                  "plan:runtime-first", 1,
                  "DescribeRegistry", 1,
                  "DescribeRepositories", 2,
                  "DescribeImageScanFindings", 2));
      assertThat(eu.calls())
          .isEqualTo(Map.of("DescribeRepositories", 1, "DescribeImageScanFindings", 1));
    }
  }

  @Test
  void byDefaultOnlyTheCallersRegistryIsRead() {
    List<ImageRef> refs =
        List.of(running.get(0), new ImageRef("999999999999", "base/debian", FakeEcr.digest("b")));
    Fetched fetched = fetch(EcrSettings.DEFAULT, request(Optional.of(refs), Optional.empty()));
    Fetched again;
    try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
      source.fetch(request(Optional.of(refs), Optional.empty()));
      again = source.fetch(request(Optional.of(refs), Optional.empty()));
    }

    assertThat(fetched.findings()).hasSize(1);
    assertThat(fetched.skippedImages()).isEqualTo(Map.of("registry-not-selected", 1));
    assertThat(again.calls())
        .as("the caller's registry id is asked once per source")
        .doesNotContainKey("DescribeRegistry");
  }

  @Test
  void withoutDescribeRegistryEveryAccountTheInventoryNamesIsAsked() {
    ecr.denyDescribeRegistry();
    List<ImageRef> refs =
        List.of(running.get(0), new ImageRef("999999999999", "base/debian", FakeEcr.digest("b")));
    Fetched fetched = fetch(EcrSettings.DEFAULT, request(Optional.of(refs), Optional.empty()));

    assertThat(fetched.findings()).hasSize(1);
    assertThat(fetched.skippedImages()).isEqualTo(Map.of("repository-not-found", 1));
    assertThat(ecr.bodies("DescribeImageScanFindings"))
        .extracting(b -> b.get("registryId").asText())
        .containsExactlyInAnyOrder(ACCOUNT, "999999999999");
  }
}
