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
   * treated as absent). Digests without live records are absent from {@link Lookup#records()}.
   */
  Lookup findLive(Collection<String> digests, Instant seenSince, Instant now);

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

  /**
   * As {@link #upsert}, except that a record stored as {@code stopped} stays stopped. For feeds
   * whose container ids are never reused once stopped (ECS task ids): EventBridge does not keep
   * events in order, and a RUNNING event delivered after the task's STOPPED one must not revive it.
   * The default, for stores that cannot condition a write, is a plain upsert.
   */
  default void upsertUnlessStopped(Collection<InventoryRecord> records) {
    upsert(records);
  }

  /**
   * Imports a full snapshot of what one feed ({@code source}, e.g. {@code kubernetes}) sees of one
   * cluster at {@code now}: upserts {@code snapshot}, then marks {@code terminated} every record of
   * that source and cluster still stored but absent from the snapshot (by imageDigest and
   * containerId). Records of other clusters, or of other feeds in a cluster of the same name, are
   * left alone.
   *
   * @return how many stored records were marked terminated
   */
  default int replaceCluster(
      String source, String cluster, Collection<InventoryRecord> snapshot, Instant now) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot import cluster snapshots");
  }

  /** Request counters since this store was created, e.g. {@code Query → 12}. */
  Map<String, Integer> requestCounts();

  /**
   * The answer of {@link #findLive}.
   *
   * @param records live records by digest
   * @param strategy how they were read, for the run report: {@code query} (one Query per digest),
   *     {@code scan} (one parallel Scan of the table), {@code none} (nothing to read), or an
   *     adapter's own name
   * @param requests the requests this lookup made, by operation (e.g. {@code Query → 40}); an
   *     adapter may count them off its store-wide counters, so concurrent lookups on one store may
   *     see each other's
   */
  record Lookup(
      Map<String, List<InventoryRecord>> records, String strategy, Map<String, Integer> requests) {

    public Lookup {
      records = Map.copyOf(records);
      requests = Map.copyOf(requests);
    }
  }
}
