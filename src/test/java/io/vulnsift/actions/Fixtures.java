package io.vulnsift.actions;

import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.GroupKey;
import io.vulnsift.model.Workload;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built groups for the action tests. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  public static final String DIGEST_A = "sha256:" + "a".repeat(64);
  public static final String DIGEST_B = "sha256:" + "b".repeat(64);

  private Fixtures() {}

  public static Finding finding(String digest, List<String> tags) {
    return finding(
        "Improper certificate validation", "OpenSSL may crash on a crafted name.", digest, tags);
  }

  public static Finding finding(
      String title, String description, String digest, List<String> tags) {
    return new Finding(
        "CVE-2024-6119",
        title,
        description,
        "CRITICAL",
        9.8,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "openssl",
        "3.0.13",
        "3.0.15",
        "YES",
        "NO",
        0.943,
        "https://security-tracker.debian.org/tracker/CVE-2024-6119",
        "123456789012",
        "payments/api",
        digest,
        tags,
        NOW.minusSeconds(86_400),
        NOW.minusSeconds(3600),
        Finding.ScanType.ENHANCED,
        null,
        null);
  }

  /**
   * A CRITICAL (CVSS 9.8) finding in openssl 3.0.13 with nothing optional: no CVSS vector, fix,
   * exploit, EPSS score, advisory URL or image tag.
   */
  public static Finding bareFinding(
      String vulnerabilityId,
      String title,
      String description,
      String registry,
      String repository,
      String imageDigest,
      Instant firstObservedAt,
      Instant lastObservedAt,
      Finding.ScanType scanType) {
    return new Finding(
        vulnerabilityId,
        title,
        description,
        "CRITICAL",
        9.8,
        null,
        "openssl",
        "3.0.13",
        null,
        null,
        null,
        null,
        null,
        registry,
        repository,
        imageDigest,
        List.of(),
        firstObservedAt,
        lastObservedAt,
        scanType,
        null,
        null);
  }

  public static GroupKey key() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("vulnerabilityId", "CVE-2024-6119");
    fields.put("registry", "123456789012");
    fields.put("repository", "payments/api");
    fields.put("packageName", "openssl");
    fields.put("packageVersion", "3.0.13");
    return new GroupKey(fields);
  }

  public static Workload workload(String name, String digest) {
    return new Workload(
        "prod-eu", "payments", name, "production", "payments", "team-payments", digest);
  }

  public static Group group() {
    return new Group(
        key(),
        List.of(
            finding(DIGEST_A, List.of("v1.2.3", "latest")), finding(DIGEST_B, List.of("v1.2.2"))),
        List.of(DIGEST_A, DIGEST_B),
        List.of(workload("api", DIGEST_A), workload("worker", DIGEST_B)));
  }

  public static Group group(List<Finding> findings, List<String> images, List<Workload> workloads) {
    return new Group(key(), findings, images, workloads);
  }

  public static Alert alert(Group group) {
    return new Alert("critical-production", group, Map.of(), NOW);
  }

  public static Alert alert() {
    return alert(group());
  }
}
