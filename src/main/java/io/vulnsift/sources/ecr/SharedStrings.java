package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct text value among the findings of one fetch. Values repeat across
 * findings — a CVE's description, title and advisory in every image that has it, an image's
 * registry, repository and digest in each of its findings — and a parser makes a new string for
 * every occurrence: shared, 1,000,000 findings take a sixth of the heap (docs/benchmarks.md, 1.3
 * GiB → 0.2 GiB). Thread-safe, as images are fetched in parallel; it lives as long as the fetch, so
 * nothing accumulates across runs. ({@link String#intern()} would do the same at about five times
 * the cost per value.)
 */
final class SharedStrings {

  private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

  /** The instance of {@code s} this fetch holds, or {@code s} itself the first time. */
  String share(String s) {
    if (s == null) {
      return null;
    }
    String known = values.get(s);
    if (known != null) {
      return known;
    }
    known = values.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  /**
   * The finding with every text field shared. The image's registry, repository and digest are taken
   * from the response ({@code ctx}, shared once per response) when they are equal, and the few
   * values of severity and availability are constants: each costs no map lookup per finding.
   */
  Finding share(Finding f, ScanContext ctx) {
    List<String> tags = new ArrayList<>(f.imageTags().size());
    f.imageTags().forEach(t -> tags.add(t.equals(ctx.imageTag()) ? ctx.imageTag() : share(t)));
    return new Finding(
        share(f.vulnerabilityId()),
        share(f.title()),
        share(f.description()),
        constant(f.severity()),
        f.cvssScore(),
        share(f.cvssVector()),
        share(f.packageName()),
        share(f.packageVersion()),
        share(f.fixedInVersion()),
        constant(f.fixAvailable()),
        constant(f.exploitAvailable()),
        f.epssScore(),
        share(f.uri()),
        fromResponse(f.registry(), ctx.registry()),
        fromResponse(f.repository(), ctx.repository()),
        fromResponse(f.imageDigest(), ctx.imageDigest()),
        tags,
        f.firstObservedAt(),
        f.lastObservedAt(),
        f.scanType(),
        f.inUseCount(),
        f.lastInUseAt());
  }

  /**
   * A response's values, shared (what its findings' image fields usually equal), with this instance
   * for its findings.
   */
  ScanContext context(
      String registry,
      String repository,
      String imageDigest,
      String imageTag,
      Instant completedAt) {
    return new ScanContext(
        share(registry), share(repository), share(imageDigest), share(imageTag), completedAt, this);
  }

  private String fromResponse(String value, String response) {
    return value != null && value.equals(response) ? response : share(value);
  }

  /** Severities and YES/NO/PARTIAL as constants; anything else shared. */
  private String constant(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "CRITICAL" -> "CRITICAL";
      case "HIGH" -> "HIGH";
      case "MEDIUM" -> "MEDIUM";
      case "LOW" -> "LOW";
      case "INFORMATIONAL" -> "INFORMATIONAL";
      case "UNTRIAGED" -> "UNTRIAGED";
      case "UNDEFINED" -> "UNDEFINED";
      case "YES" -> "YES";
      case "NO" -> "NO";
      case "PARTIAL" -> "PARTIAL";
      default -> share(value);
    };
  }
}
