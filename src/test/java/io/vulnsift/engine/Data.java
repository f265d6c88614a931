package io.vulnsift.engine;

import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Hand-made findings and inventory records for engine tests. */
final class Data {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final String REGISTRY = "123456789012";

  private Data() {}

  static String digest(int n) {
    return "sha256:" + String.format("%064x", n);
  }

  /** A finding observed from {@code firstSeenAgo} until {@code lastSeenAgo} before NOW. */
  static Finding finding(
      String cve,
      String severity,
      String repo,
      int image,
      String pkg,
      String version,
      Duration firstSeenAgo,
      Duration lastSeenAgo) {
    return new Finding(
        cve,
        cve + " - " + pkg,
        "A vulnerability in " + pkg,
        severity,
        9.8,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        pkg,
        version,
        null,
        "YES",
        "NO",
        null,
        "https://nvd.nist.gov/vuln/detail/" + cve,
        REGISTRY,
        repo,
        digest(image),
        List.of("v" + image),
        NOW.minus(firstSeenAgo),
        NOW.minus(lastSeenAgo),
        Finding.ScanType.ENHANCED,
        null,
        null);
  }

  static Finding critical(String cve, String repo, int image, Duration firstSeenAgo) {
    return finding(
        cve, "CRITICAL", repo, image, "openssl", "3.0.13", firstSeenAgo, Duration.ofHours(1));
  }

  static InventoryRecord pod(
      int image, String container, String status, String stage, Duration seenAgo) {
    Instant seen = NOW.minus(seenAgo);
    return new InventoryRecord(
        digest(image),
        "prod-eu/" + container,
        REGISTRY,
        "repo",
        REGISTRY + ".dkr.ecr.eu-west-1.amazonaws.com/repo:v" + image,
        "prod-eu",
        "payments",
        container.replaceAll("-[a-z0-9]+$", ""),
        "app",
        status,
        stage,
        "payments",
        "1.0." + image,
        "team-payments",
        seen,
        seen.plus(Duration.ofDays(2)),
        "test");
  }
}
