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
   * Whether this source can use {@link FetchRequest#runningImages()}: the engine then looks them up
   * in the inventory first (one Scan), so that registry calls scale with running images.
   */
  default boolean usesRunningImages() {
    return false;
  }

  /**
   * What a run asks for.
   *
   * @param scope the single image an event is about, or empty for every image
   * @param repositories include/exclude globs over repository names
   * @param runningImages the images the inventory sees running now, when the engine looked them up:
   *     a source may then fetch only those (runtime-first) instead of sweeping the registry
   */
  record FetchRequest(
      java.time.Instant now,
      java.time.Duration lookback,
      Optional<ImageRef> scope,
      io.vulnsift.workflow.Source.Repositories repositories,
      Optional<List<ImageRef>> runningImages) {

    public FetchRequest {
      repositories =
          repositories == null ? io.vulnsift.workflow.Source.Repositories.ALL : repositories;
      runningImages = runningImages == null ? Optional.empty() : runningImages;
    }

    /** A request for every repository, without runtime hints. */
    public FetchRequest(
        java.time.Instant now, java.time.Duration lookback, Optional<ImageRef> scope) {
      this(now, lookback, scope, null, Optional.empty());
    }
  }

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
