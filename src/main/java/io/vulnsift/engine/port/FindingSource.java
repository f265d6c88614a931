package io.vulnsift.engine.port;

import io.vulnsift.model.Finding;
import java.nio.charset.StandardCharsets;
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
   * Whether this source honours {@link FetchRequest#shard()}: it then returns only the findings of
   * the shard's repositories and counts only their images (skips and calls). The engine filters the
   * findings of a source that does not, by {@link Finding#repository()}.
   */
  default boolean honoursShards() {
    return false;
  }

  /**
   * What a run asks for.
   *
   * @param scope the single image an event is about, or empty for every image
   * @param repositories include/exclude globs over repository names
   * @param runningImages the images the inventory sees running now, when the engine looked them up:
   *     a source may then fetch only those (runtime-first) instead of sweeping the registry
   * @param shard the part of the registry this fetch is about, or empty for all of it
   */
  record FetchRequest(
      java.time.Instant now,
      java.time.Duration lookback,
      Optional<ImageRef> scope,
      io.vulnsift.workflow.Source.Repositories repositories,
      Optional<List<ImageRef>> runningImages,
      Optional<Shard> shard) {

    public FetchRequest {
      repositories =
          repositories == null ? io.vulnsift.workflow.Source.Repositories.ALL : repositories;
      runningImages = runningImages == null ? Optional.empty() : runningImages;
      shard = shard == null ? Optional.empty() : shard;
    }

    /** A request for the whole registry. */
    public FetchRequest(
        java.time.Instant now,
        java.time.Duration lookback,
        Optional<ImageRef> scope,
        io.vulnsift.workflow.Source.Repositories repositories,
        Optional<List<ImageRef>> runningImages) {
      this(now, lookback, scope, repositories, runningImages, Optional.empty());
    }

    /** Whether this request covers {@code repository} (always, unless sharded). */
    public boolean covers(String repository) {
      return shard.isEmpty() || shard.get().owns(repository);
    }

    /** A request for every repository, without runtime hints. */
    public FetchRequest(
        java.time.Instant now, java.time.Duration lookback, Optional<ImageRef> scope) {
      this(now, lookback, scope, null, Optional.empty());
    }
  }

  /**
   * One part of a sharded run: the repositories whose name hashes to {@code index} out of {@code
   * count}. Every repository belongs to exactly one shard, whatever its registry or region, so the
   * shards of a run partition the registry and each image is fetched (and counted) once.
   *
   * <p>The hash is the standard CRC-32 of the UTF-8 name, modulo {@code count}: the same in every
   * process and version. Changing it would let one run's shards, executed by two versions of the
   * code during a deployment, fetch a repository twice or never.
   */
  record Shard(int index, int count) {
    public Shard {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "shard " + index + " of " + count + ": need 0 <= index < count");
      }
    }

    /** Whether this shard fetches {@code repository} ({@code null} counts as the empty name). */
    public boolean owns(String repository) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update((repository == null ? "" : repository).getBytes(StandardCharsets.UTF_8));
      return crc.getValue() % count == index;
    }

    @Override
    public String toString() {
      return (index + 1) + "/" + count;
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
