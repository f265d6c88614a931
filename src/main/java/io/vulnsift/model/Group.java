package io.vulnsift.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The unit of alerting: findings sharing a {@link GroupKey}, with the affected images (sorted
 * digests, only those that passed the filters) and the running workloads that use them.
 */
public record Group(
    GroupKey key, List<Finding> findings, List<String> affectedImages, List<Workload> workloads) {

  public Group {
    findings = List.copyOf(findings);
    affectedImages = List.copyOf(affectedImages);
    workloads = List.copyOf(workloads);
  }

  public String fingerprint() {
    return key.fingerprint();
  }

  /** A representative finding (highest score) for text fields such as title and description. */
  public Finding lead() {
    return findings.stream()
        .max(
            Comparator.comparing((Finding f) -> Severity.parse(f.severity()))
                .thenComparing(f -> f.cvssScore() == null ? -1 : f.cvssScore()))
        .orElseThrow();
  }

  public Severity maxSeverity() {
    return findings.stream()
        .map(f -> Severity.parse(f.severity()))
        .max(Comparator.naturalOrder())
        .orElse(Severity.UNDEFINED);
  }

  public Double maxCvss() {
    return findings.stream()
        .map(Finding::cvssScore)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  /** Earliest observation of any finding: decides baseline vs. alert on a first run. */
  public Instant earliestObservedAt() {
    return findings.stream()
        .map(Finding::firstObservedAt)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  public List<String> stages() {
    return workloads.stream().map(Workload::stage).distinct().sorted().toList();
  }

  public List<String> owners() {
    return workloads.stream()
        .map(Workload::owner)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }
}
