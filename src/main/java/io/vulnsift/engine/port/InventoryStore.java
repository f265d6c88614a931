package io.vulnsift.engine.port;

import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The runtime inventory: which image digests run where (SPEC §4 inventory item). Adapters keep
 * their SDK exceptions to themselves and throw {@link StoreException}.
 */
public interface InventoryStore {

  /**
   * Live records for the given digests: seen at or after {@code seenSince} and not expired at
   * {@code now} (an expired item still returned by the database because TTL deletion lags is
   * treated as absent). Digests without live records are absent from the map.
   */
  Map<String, List<InventoryRecord>> findLive(
      Collection<String> digests, Instant seenSince, Instant now);

  /**
   * The distinct images (registry, repository, digest) of the live records whose status is {@code
   * running}: what a runtime-first fetch asks the registry about. Costs one Scan of the table (or
   * an index), paginated.
   */
  List<io.vulnsift.engine.port.FindingSource.ImageRef> runningImages(
      Instant seenSince, Instant now);

  /** Inserts or replaces records by (imageDigest, containerId), in batches. */
  void upsert(Collection<InventoryRecord> records);

  /** Capacity units consumed per operation since this store was created (empty if unknown). */
  default Map<String, Double> consumedCapacity() {
    return Map.of();
  }

  /** Request counters since this store was created, e.g. {@code Query → 12}. */
  Map<String, Integer> requestCounts();
}
