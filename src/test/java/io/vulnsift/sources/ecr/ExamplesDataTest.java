package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo data in {@code examples/} holds the numbers {@code examples/README.md} promises. The
 * funnel is recomputed here with the SPEC §2 defaults (a stand-in for the engine, so the data stays
 * honest even while the engine changes).
 */
class ExamplesDataTest {

  static final Path FINDINGS = Path.of("examples", "findings");
  static final Path PODS = Path.of("examples", "pods.json");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  static List<Finding> inFiles;
  static Fetched fetched;
  static List<InventoryRecord> inventory;

  @BeforeAll
  static void load() throws IOException {
    EcrFindingsParser parser = new EcrFindingsParser();
    try (Stream<Path> files = Files.list(FINDINGS)) {
      inFiles = files.sorted().flatMap(f -> parser.parse(f).stream()).toList();
    }
    fetched =
        new FileFindingSource(FINDINGS)
            .fetch(new FetchRequest(NOW, Duration.ofDays(7), Optional.empty()));
    inventory =
        new KubernetesPodsImporter(KubernetesImportOptions.of("eks-eu-west-1", NOW))
            .importPods(PODS);
  }

  @Test
  void filesHold132FindingsOf11Images() {
    assertThat(inFiles).hasSize(132);
    assertThat(count(inFiles, Finding::severity))
        .isEqualTo(
            Map.of(
                "CRITICAL",
                34L,
                "HIGH",
                58L,
                "MEDIUM",
                29L,
                "LOW",
                9L,
                "INFORMATIONAL",
                1L,
                "UNDEFINED",
                1L));
    assertThat(inFiles.stream().map(Finding::imageDigest).distinct()).hasSize(11);
    assertThat(inFiles.stream().map(Finding::repository).distinct())
        .containsExactlyInAnyOrder(
            "payments/api", "payments/worker", "storefront/web", "platform/ingress");
    assertThat(inFiles).allMatch(f -> f.registry().equals("123456789012"));
    assertThat(count(inFiles, f -> f.scanType().name()))
        .isEqualTo(Map.of("BASIC", 60L, "ENHANCED", 72L));
  }

  @Test
  void multiPageFileHoldsTwoResponses() {
    List<ImageScan> pages =
        new EcrFindingsParser().parseScans(FINDINGS.resolve("payments-api-2.15.0.json"));

    assertThat(pages).extracting(p -> p.findings().size()).containsExactly(8, 6);
  }

  @Test
  void fetchKeeps120FindingsAndSkipsTheStaleImage() {
    List<Finding> f = fetched.findings();

    assertThat(f).hasSize(120);
    assertThat(count(f, Finding::severity))
        .isEqualTo(
            Map.of(
                "CRITICAL",
                30L,
                "HIGH",
                54L,
                "MEDIUM",
                26L,
                "LOW",
                8L,
                "INFORMATIONAL",
                1L,
                "UNDEFINED",
                1L));
    assertThat(fetched.skippedImages()).isEqualTo(Map.of(FileFindingSource.STALE, 1));
    assertThat(f).noneMatch(x -> x.imageTags().contains("1.8.2"));
    assertThat(fetched.calls()).isEqualTo(Map.of("file.read", 11));
  }

  @Test
  void podsImportAs23Records() {
    assertThat(inventory).hasSize(23);
    assertThat(count(inventory, InventoryRecord::status))
        .isEqualTo(Map.of("running", 16L, "terminated", 3L, "waiting", 4L));
    assertThat(inventory.stream().filter(r -> r.imageDigest().startsWith("unresolved:")))
        .hasSize(3);
  }

  @Test
  void funnelWithTheDefaultWorkflow() {
    Map<String, List<InventoryRecord>> byDigest =
        inventory.stream()
            .filter(r -> !r.lastSeenAt().isBefore(NOW.minus(Duration.ofHours(3))))
            .collect(Collectors.groupingBy(InventoryRecord::imageDigest));
    List<Finding> critical =
        fetched.findings().stream().filter(f -> f.severity().equals("CRITICAL")).toList();
    List<Finding> running =
        critical.stream()
            .filter(f -> records(byDigest, f).stream().anyMatch(InventoryRecord::isRunning))
            .toList();
    List<Finding> production =
        running.stream()
            .filter(
                f ->
                    records(byDigest, f).stream()
                        .anyMatch(r -> r.isRunning() && "production".equals(r.releaseStage())))
            .toList();
    TreeMap<String, Instant> groups =
        production.stream()
            .collect(
                Collectors.toMap(
                    f ->
                        String.join(
                            " ",
                            f.vulnerabilityId(),
                            f.registry(),
                            f.repository(),
                            f.packageName(),
                            f.packageVersion()),
                    Finding::firstObservedAt,
                    (a, b) -> a.isBefore(b) ? a : b,
                    TreeMap::new));
    Instant window = NOW.minus(Duration.ofHours(24));

    assertThat(critical).hasSize(30);
    assertThat(running).hasSize(9);
    assertThat(production).hasSize(5);
    assertThat(groups.keySet())
        .containsExactly(
            "CVE-2022-22965 123456789012 payments/api org.springframework:spring-beans 5.3.17",
            "CVE-2022-42889 123456789012 payments/api org.apache.commons:commons-text 1.9",
            "CVE-2023-38545 123456789012 storefront/web curl 7.88.1-10+deb12u3",
            "CVE-2024-45337 123456789012 platform/ingress golang.org/x/crypto v0.26.0");
    assertThat(groups.values().stream().filter(t -> t.isAfter(window))).as("new").hasSize(3);
    assertThat(groups.get(groups.firstKey())).as("baseline").isBefore(window);
  }

  private static List<InventoryRecord> records(
      Map<String, List<InventoryRecord>> byDigest, Finding f) {
    return byDigest.getOrDefault(f.imageDigest(), List.of());
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
