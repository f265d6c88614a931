package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one image's scan contributes, the same way for files and for the API: nothing when the scan
 * is not usable (status neither {@code COMPLETE} nor {@code ACTIVE}), or when none of its findings
 * was observed within the lookback; otherwise its current findings.
 */
final class ScanTriage {

  /** Skip reason of an image whose findings are all older than the lookback. */
  static final String STALE = "older-than-lookback";

  static final Set<String> USABLE = Set.of("COMPLETE", "ACTIVE");

  /**
   * @param findings the findings that count
   * @param skipped the reason the image contributes nothing, or {@code null}
   */
  record Result(List<Finding> findings, String skipped) {}

  private ScanTriage() {}

  /** The skip key of a scan status that yields no findings, {@code null} when it is usable. */
  static String badStatus(String status) {
    return status != null && !USABLE.contains(status) ? "scan-status:" + status : null;
  }

  /**
   * @param pages the image's responses (pages)
   * @param findings the findings of those pages that are in scope
   * @param cutoff {@code now - lookback}, or {@code null} for no lookback
   */
  static Result triage(List<ImageScan> pages, List<Finding> findings, Instant cutoff) {
    String bad =
        pages.stream()
            .map(ImageScan::scanStatus)
            .map(ScanTriage::badStatus)
            .filter(s -> s != null)
            .findFirst()
            .orElse(null);
    if (bad != null) {
      return new Result(List.of(), bad);
    }
    List<Finding> current =
        cutoff == null ? findings : findings.stream().filter(f -> current(f, cutoff)).toList();
    boolean stale = current.isEmpty() && (!findings.isEmpty() || olderThan(pages.get(0), cutoff));
    return new Result(current, stale ? STALE : null);
  }

  /** A finding without an observation time is kept: the engine decides, nothing is lost here. */
  private static boolean current(Finding f, Instant cutoff) {
    return f.lastObservedAt() == null || !f.lastObservedAt().isBefore(cutoff);
  }

  static boolean olderThan(ImageScan scan, Instant cutoff) {
    Instant done = scan.scanCompletedAt();
    return cutoff != null && done != null && done.isBefore(cutoff);
  }
}
