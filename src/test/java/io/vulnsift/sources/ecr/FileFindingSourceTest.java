package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFindingSourceTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final long FRESH = NOW.minus(Duration.ofDays(1)).getEpochSecond();
  private static final long OLD = NOW.minus(Duration.ofDays(10)).getEpochSecond();

  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    write("b/api.json", response("payments/api", "sha256:a1", FRESH, "COMPLETE", "CVE-2020-1"));
    // A second page of the same image in another file, found by the recursive walk.
    write(
        "a/sub/api-page2.json",
        response("payments/api", "sha256:a1", FRESH, "COMPLETE", "CVE-2020-2"));
    write("worker.json", response("payments/worker", "sha256:w1", OLD, "COMPLETE", "CVE-2020-3"));
    write("failed.json", response("storefront/web", "sha256:f1", FRESH, "FAILED", null));
    write("notes.txt", "not json, not read");
  }

  @Test
  void readsEveryJsonFileSkipsBadScansAndStaleImages() {
    Fetched fetched =
        new FileFindingSource(dir)
            .fetch(new FetchRequest(NOW, Duration.ofDays(7), Optional.empty()));

    assertThat(fetched.findings())
        .extracting(Finding::vulnerabilityId)
        .as("sorted by path: a/sub/… before b/…")
        .containsExactly("CVE-2020-2", "CVE-2020-1");
    assertThat(fetched.skippedImages())
        .isEqualTo(Map.of("scan-status:FAILED", 1, FileFindingSource.STALE, 1));
    assertThat(fetched.calls()).isEqualTo(Map.of("file.read", 4));
  }

  @Test
  void withoutLookbackNothingIsStale() {
    Fetched fetched =
        new FileFindingSource(dir).fetch(new FetchRequest(NOW, null, Optional.empty()));

    assertThat(fetched.findings()).hasSize(3);
    assertThat(fetched.skippedImages()).isEqualTo(Map.of("scan-status:FAILED", 1));
  }

  @Test
  void scopeKeepsOneImage() {
    FetchRequest scoped =
        new FetchRequest(
            NOW, Duration.ofDays(7), Optional.of(new ImageRef(null, "payments/api", "sha256:a1")));
    FetchRequest wrongRepo =
        new FetchRequest(
            NOW, Duration.ofDays(7), Optional.of(new ImageRef(null, "other", "sha256:a1")));
    FetchRequest digestOnly =
        new FetchRequest(NOW, null, Optional.of(new ImageRef("123456789012", null, "sha256:w1")));

    assertThat(new FileFindingSource(dir).fetch(scoped).findings()).hasSize(2);
    assertThat(new FileFindingSource(dir).fetch(scoped).skippedImages()).isEmpty();
    assertThat(new FileFindingSource(dir).fetch(wrongRepo).findings()).isEmpty();
    assertThat(new FileFindingSource(dir).fetch(digestOnly).findings())
        .extracting(Finding::vulnerabilityId)
        .containsExactly("CVE-2020-3");
  }

  @Test
  void malformedFileFailsTheFetchNamingTheFile() throws IOException {
    write("broken.json", "{\"imageScanFindings\": [");

    assertThatThrownBy(
            () -> new FileFindingSource(dir).fetch(new FetchRequest(NOW, null, Optional.empty())))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageContaining("broken.json:1:");
  }

  private void write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static String response(String repo, String digest, long at, String status, String cve) {
    String findings =
        cve == null ? "[]" : "[{\"name\": \"%s\", \"severity\": \"CRITICAL\"}]".formatted(cve);
    return """
        {"imageScanFindings": {"findings": %s, "imageScanCompletedAt": %d},
         "registryId": "123456789012", "repositoryName": "%s",
         "imageId": {"imageDigest": "%s"}, "imageScanStatus": {"status": "%s"}}
        """
        .formatted(findings, at, repo, digest, status);
  }
}
