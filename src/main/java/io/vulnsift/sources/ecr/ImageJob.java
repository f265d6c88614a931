package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.util.List;

/**
 * One image to fetch findings for, with where it may be: locations are tried in order until one has
 * the image (a running image's region is not in the inventory).
 */
record ImageJob(String digest, List<Location> locations) {

  /**
   * @param region {@code null}: the SDK's default region
   * @param registryId {@code null}: the caller's registry
   */
  record Location(String region, String registryId, String repository) {}

  /** What fetching one image gave: its current findings, or why it gave none. */
  record Outcome(List<Finding> findings, String skipped) {
    static Outcome skip(String reason) {
      return new Outcome(List.of(), reason);
    }
  }

  static ImageJob at(Location location, String digest) {
    return new ImageJob(digest, List.of(location));
  }
}
