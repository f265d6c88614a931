package io.vulnsift.bench;

import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but shaped like a real estate: 100,000 containers over 25,000 running digests (4 each),
 * 1,000,000 findings over 50,000 scanned digests (20 each), half of which run somewhere. Strings
 * that repeat in real data (CVE ids, packages, stages) are shared, as a JSON parser's would not be;
 * that favours no one, since the join only compares digests.
 */
final class InventoryBenchData {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Duration MAX_AGE = Duration.ofHours(3);
  static final String[] STAGES = {"production", "production", "staging", "development", null};

  private InventoryBenchData() {}

  static String digest(int i) {
    return String.format("sha256:%064x", i);
  }

  /** {@code containersPerDigest} records for each of {@code digests} digests (ids 0, 2, 4, …). */
  static List<InventoryRecord> records(int digests, int containersPerDigest, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<InventoryRecord> out = new ArrayList<>(digests * containersPerDigest);
    for (int d = 0; d < digests; d++) {
      String digest = digest(2 * d);
      String repository = "team-" + (d % 200) + "/app-" + (d % 2000);
      for (int c = 0; c < containersPerDigest; c++) {
        // 5% not seen for 4 h (stale), 2% past their TTL, 70% running.
        Instant seen = rnd.nextInt(100) < 5 ? NOW.minus(Duration.ofHours(4)) : NOW;
        Instant expires = rnd.nextInt(100) < 2 ? NOW.minusSeconds(1) : NOW.plus(Duration.ofDays(2));
        out.add(
            new InventoryRecord(
                digest,
                "eks-" + (c % 3) + "/ns-" + (d % 50) + "/pod-" + d + "-" + c + "/app",
                "123456789012",
                repository,
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + repository + ":1." + c,
                "eks-" + (c % 3),
                "ns-" + (d % 50),
                "app-" + (d % 2000),
                "app",
                rnd.nextInt(100) < 70 ? "running" : (rnd.nextBoolean() ? "waiting" : "terminated"),
                STAGES[rnd.nextInt(STAGES.length)],
                "product-" + (d % 40),
                "1." + c,
                "team-" + (d % 200),
                seen,
                expires,
                "kubernetes"));
      }
    }
    return out;
  }

  /** {@code count} findings over {@code digests} digests (ids 0, 1, 2, …: every other one runs). */
  static List<Finding> findings(int count, int digests, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] cves = new String[5_000];
    for (int i = 0; i < cves.length; i++) {
      cves[i] = "CVE-2025-" + (10_000 + i);
    }
    String[] digestNames = new String[digests];
    String[] repositories = new String[digests];
    for (int i = 0; i < digests; i++) {
      digestNames[i] = digest(i);
      repositories[i] = "team-" + (i % 200) + "/app-" + (i % 2000);
    }
    String[] titles = new String[cves.length];
    String[] packages = new String[300];
    String[] versions = new String[7];
    for (int i = 0; i < cves.length; i++) {
      titles[i] = cves[i] + " - package";
    }
    for (int i = 0; i < packages.length; i++) {
      packages[i] = "pkg-" + i;
    }
    for (int i = 0; i < versions.length; i++) {
      versions[i] = "1.0." + i;
    }
    Double score = 9.8;
    Instant first = NOW.minus(Duration.ofDays(3));
    Instant last = NOW.minus(Duration.ofHours(1));
    List<Finding> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int d = i % digests;
      int v = rnd.nextInt(cves.length);
      out.add(
          new Finding(
              cves[v],
              titles[v],
              null,
              "CRITICAL",
              score,
              null,
              packages[v % packages.length],
              versions[v % versions.length],
              "1.0.9",
              "YES",
              "NO",
              null,
              null,
              "123456789012",
              repositories[d],
              digestNames[d],
              List.of(),
              first,
              last,
              Finding.ScanType.ENHANCED,
              null,
              null));
    }
    return out;
  }
}
