package io.vulnsift.bench;

import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory port over a hash map from digest to records: what the enrichment join costs without
 * any database, for the benchmark. Liveness is decided as the DynamoDB adapter decides it.
 */
public final class InMemoryInventoryStore implements InventoryStore {

  private final Map<String, List<InventoryRecord>> byDigest = new HashMap<>();

  public InMemoryInventoryStore(Collection<InventoryRecord> records) {
    upsert(records);
  }

  @Override
  public Lookup findLive(Collection<String> digests, Instant seenSince, Instant now) {
    Map<String, List<InventoryRecord>> live = new HashMap<>();
    for (String digest : new LinkedHashSet<>(digests)) {
      List<InventoryRecord> stored = byDigest.get(digest);
      if (stored == null) {
        continue;
      }
      List<InventoryRecord> kept = new ArrayList<>(stored.size());
      for (InventoryRecord r : stored) {
        if (live(r, seenSince, now)) {
          kept.add(r);
        }
      }
      if (!kept.isEmpty()) {
        live.put(digest, List.copyOf(kept));
      }
    }
    return new Lookup(live, "memory", Map.of());
  }

  @Override
  public List<ImageRef> runningImages(Instant seenSince, Instant now) {
    Set<ImageRef> images = new LinkedHashSet<>();
    byDigest.values().stream()
        .flatMap(List::stream)
        .filter(r -> r.isRunning() && live(r, seenSince, now))
        .forEach(r -> images.add(new ImageRef(r.registry(), r.repository(), r.imageDigest())));
    return List.copyOf(images);
  }

  @Override
  public void upsert(Collection<InventoryRecord> records) {
    for (InventoryRecord r : records) {
      List<InventoryRecord> list =
          byDigest.computeIfAbsent(r.imageDigest(), d -> new ArrayList<>());
      list.removeIf(old -> old.containerId().equals(r.containerId()));
      list.add(r);
    }
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return Map.of();
  }

  private static boolean live(InventoryRecord r, Instant seenSince, Instant now) {
    return !r.lastSeenAt().isBefore(seenSince)
        && (r.expiresAt() == null || !r.expiresAt().isBefore(now));
  }
}
