package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
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

  /** The finding with every text field shared. */
  Finding share(Finding f) {
    List<String> tags = new ArrayList<>(f.imageTags().size());
    f.imageTags().forEach(t -> tags.add(share(t)));
    return new Finding(
        share(f.vulnerabilityId()),
        share(f.title()),
        share(f.description()),
        share(f.severity()),
        f.cvssScore(),
        share(f.cvssVector()),
        share(f.packageName()),
        share(f.packageVersion()),
        share(f.fixedInVersion()),
        share(f.fixAvailable()),
        share(f.exploitAvailable()),
        f.epssScore(),
        share(f.uri()),
        share(f.registry()),
        share(f.repository()),
        share(f.imageDigest()),
        tags,
        f.firstObservedAt(),
        f.lastObservedAt(),
        f.scanType(),
        f.inUseCount(),
        f.lastInUseAt());
  }
}
