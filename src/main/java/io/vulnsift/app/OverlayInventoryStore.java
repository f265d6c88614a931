package io.vulnsift.app;

import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory seen through records imported in memory only: a dry run considers the imported pods
 * without writing them. Imported records replace stored ones with the same container id.
 */
public final class OverlayInventoryStore implements InventoryStore {
  private final InventoryStore base;
  private final Map<String, List<InventoryRecord>> overlay = new HashMap<>();

  public OverlayInventoryStore(InventoryStore base, Collection<InventoryRecord> records) {
    this.base = base;
    records.forEach(r -> overlay.computeIfAbsent(r.imageDigest(), d -> new ArrayList<>()).add(r));
  }

  @Override
  public Lookup findLive(Collection<String> digests, Instant seenSince, Instant now) {
    Lookup stored = base.findLive(digests, seenSince, now);
    Map<String, List<InventoryRecord>> out = new HashMap<>(stored.records());
    for (String digest : digests) {
      List<InventoryRecord> added = overlay.getOrDefault(digest, List.of());
      if (added.isEmpty()) {
        continue;
      }
      Map<String, InventoryRecord> byId = new HashMap<>();
      out.getOrDefault(digest, List.of()).forEach(r -> byId.put(r.containerId(), r));
      added.stream()
          .filter(r -> !r.lastSeenAt().isBefore(seenSince))
          .filter(r -> r.expiresAt() == null || r.expiresAt().isAfter(now))
          .forEach(r -> byId.put(r.containerId(), r));
      out.put(digest, List.copyOf(byId.values()));
    }
    return new Lookup(out, stored.strategy(), stored.requests());
  }

  @Override
  public List<ImageRef> runningImages(Instant seenSince, Instant now) {
    java.util.Set<ImageRef> images =
        new java.util.LinkedHashSet<>(base.runningImages(seenSince, now));
    overlay.values().stream()
        .flatMap(List::stream)
        .filter(InventoryRecord::isRunning)
        .filter(r -> !r.lastSeenAt().isBefore(seenSince))
        .forEach(r -> images.add(new ImageRef(r.registry(), r.repository(), r.imageDigest())));
    return List.copyOf(images);
  }

  @Override
  public void upsert(Collection<InventoryRecord> records) {
    throw new UnsupportedOperationException("a dry run writes nothing");
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return base.requestCounts();
  }
}
