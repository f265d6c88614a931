package io.vulnsift.engine.port;

import io.vulnsift.model.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where findings come from: ECR (API) or files holding ECR API responses. */
public interface FindingSource {

  /**
   * Fetches the findings in scope. Images that cannot contribute (scan missing, failed, older than
   * the lookback) are skipped and counted, never thrown.
   */
  Fetched fetch(FetchRequest request);

  /**
   * What a run asks for.
   *
   * @param scope the single image an event is about, or empty for every image
   */
  record FetchRequest(
      java.time.Instant now, java.time.Duration lookback, Optional<ImageRef> scope) {}

  /** One image: registry (may be null for the default registry), repository and digest. */
  record ImageRef(String registry, String repository, String imageDigest) {}

  /**
   * What a fetch returned.
   *
   * @param findings normalized findings
   * @param skippedImages reason → number of images skipped for it
   * @param calls API operation → number of calls made
   */
  record Fetched(
      List<Finding> findings, Map<String, Integer> skippedImages, Map<String, Integer> calls) {
    public Fetched {
      findings = List.copyOf(findings);
      skippedImages = Map.copyOf(skippedImages);
      calls = Map.copyOf(calls);
    }
  }
}
