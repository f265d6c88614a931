package io.vulnsift.model;

import java.time.Instant;
import java.util.List;

/**
 * One vulnerability in one package of one image, normalized from ECR basic or enhanced (Inspector)
 * scanning. Text fields are untrusted scanner output.
 *
 * @param vulnerabilityId CVE (or vendor) id, e.g. {@code CVE-2024-6119}
 * @param title short title as the scanner gives it
 * @param description free text from the scanner
 * @param severity upper-case severity ({@code CRITICAL}, {@code HIGH}, …, {@code UNTRIAGED})
 * @param cvssScore preferred CVSS base score (v3 over v2), {@code null} when unknown
 * @param cvssVector vector of {@link #cvssScore}, {@code null} when unknown
 * @param packageName affected package
 * @param packageVersion full version, {@code [epoch:]version[-release]} (epoch only when non-zero)
 * @param fixedInVersion first fixed version, {@code null} when none is available
 * @param fixAvailable {@code YES}, {@code NO}, {@code PARTIAL}, or {@code null} when unknown
 * @param exploitAvailable {@code YES}, {@code NO}, or {@code null} when unknown
 * @param epssScore EPSS probability when the scanner gives one
 * @param uri link to the advisory
 * @param registry registry (AWS account) id
 * @param repository repository name
 * @param imageDigest {@code sha256:…} digest of the scanned image
 * @param imageTags tags of the image known to the scanner
 * @param firstObservedAt enhanced: {@code firstObservedAt}; basic: the scan's completion time
 * @param lastObservedAt enhanced: {@code lastObservedAt}; basic: the scan's completion time
 * @param scanType {@code BASIC} or {@code ENHANCED}
 * @param inUseCount Inspector's in-use count, {@code null} when absent
 * @param lastInUseAt Inspector's last in-use time, {@code null} when absent
 */
public record Finding(
    String vulnerabilityId,
    String title,
    String description,
    String severity,
    Double cvssScore,
    String cvssVector,
    String packageName,
    String packageVersion,
    String fixedInVersion,
    String fixAvailable,
    String exploitAvailable,
    Double epssScore,
    String uri,
    String registry,
    String repository,
    String imageDigest,
    List<String> imageTags,
    Instant firstObservedAt,
    Instant lastObservedAt,
    ScanType scanType,
    Integer inUseCount,
    Instant lastInUseAt) {

  /** Which ECR scanning produced the finding. */
  public enum ScanType {
    BASIC,
    ENHANCED
  }

  public Finding {
    imageTags = imageTags == null ? List.of() : List.copyOf(imageTags);
  }
}
