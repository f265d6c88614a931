package io.vulnsift.inventory;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.port.StoreException;
import io.vulnsift.model.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The runtime inventory in DynamoDB ({@code VULNSIFT_INVENTORY_TABLE}): the public item of SPEC §4,
 * partition key {@code imageDigest}, sort key {@code containerId}. {@link #findLive} reads the
 * digests in play with one Query each or one parallel Scan, whichever {@link LookupPlan} estimates
 * cheaper from the table's size ({@code DescribeTable}, cached per store).
 *
 * <p>A runtime-first run reads the table twice over: {@link #runningImages} Scans all of it to find
 * the running images, then {@link #findLive} asks for the records of the digests it fetched — the
 * same running digests. So the Scan keeps the live records of the running digests, and a {@code
 * findLive} at the same clock whose digests it all covers is answered from them without a request
 * (strategy {@value #RUNNING_SCAN}): one Scan per run instead of a Scan and a Query per digest
 * (docs/benchmarks.md). The run then judges the images it fetched by the records that made it fetch
 * them. The kept records are handed over once and dropped.
 */
public final class DynamoDbInventoryStore implements InventoryStore {

  private static final System.Logger LOG = System.getLogger(DynamoDbInventoryStore.class.getName());

  /** How {@link #findLive} reads: by estimated cost, or forced (benchmarks, tests). */
  public enum Strategy {
    AUTO,
    QUERY,
    SCAN
  }

  private final DynamoDbCalls calls;
  private final String table;
  private final Strategy strategy;
  private final InventoryReads reads;
  private final InventoryWrites writes;
  private final ClusterSnapshots snapshots;
  private volatile TableStats stats;

  /** The strategy of a lookup answered by the preceding {@link #runningImages} Scan. */
  public static final String RUNNING_SCAN = "running-scan";

  /** The live records of the running digests, as the last {@link #runningImages} read them. */
  private record RunningScan(
      Instant seenSince, Instant now, Map<String, List<InventoryRecord>> byDigest) {}

  private final java.util.concurrent.atomic.AtomicReference<RunningScan> lastScan =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * @param table the inventory table ({@code VULNSIFT_INVENTORY_TABLE}, default {@code
   *     vulnsift-inventory})
   */
  public DynamoDbInventoryStore(DynamoDbClient client, String table) {
    this(client, table, Strategy.AUTO);
  }

  public DynamoDbInventoryStore(DynamoDbClient client, String table, Strategy strategy) {
    this.calls = new DynamoDbCalls(client);
    this.table = table;
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.reads = new InventoryReads(calls, table);
    this.writes = new InventoryWrites(calls, table);
    this.snapshots = new ClusterSnapshots(calls, reads, table);
  }

  @Override
  public Lookup findLive(Collection<String> digests, Instant seenSince, Instant now) {
    Set<String> distinct = new LinkedHashSet<>(digests);
    distinct.removeIf(d -> d == null || d.isEmpty());
    if (distinct.isEmpty()) {
      return new Lookup(Map.of(), "none", Map.of());
    }
    RunningScan scanned = lastScan.get();
    if (scanned != null
        && scanned.seenSince().equals(seenSince)
        && scanned.now().equals(now)
        && scanned.byDigest().keySet().containsAll(distinct)
        && lastScan.compareAndSet(scanned, null)) {
      Map<String, List<InventoryRecord>> live = new HashMap<>();
      distinct.forEach(d -> live.put(d, scanned.byDigest().get(d)));
      return new Lookup(live, RUNNING_SCAN, Map.of());
    }
    Map<String, Integer> before = calls.counts();
    LookupPlan plan =
        switch (strategy) {
          case AUTO -> LookupPlan.choose(distinct.size(), stats());
          case QUERY -> LookupPlan.forced(LookupPlan.QUERY, distinct.size(), stats);
          case SCAN -> LookupPlan.forced(LookupPlan.SCAN, distinct.size(), stats());
        };
    Map<String, List<InventoryRecord>> live;
    if (plan.strategy().equals(LookupPlan.SCAN)) {
      live = new HashMap<>();
      for (InventoryRecord r :
          reads.scan(plan.segments(), seenSince, now, r -> distinct.contains(r.imageDigest()))) {
        live.computeIfAbsent(r.imageDigest(), d -> new ArrayList<>()).add(r);
      }
      live.replaceAll((d, records) -> List.copyOf(records));
    } else {
      live = reads.query(new ArrayList<>(distinct), seenSince, now);
    }
    return new Lookup(live, plan.strategy(), since(before, calls.counts()));
  }

  @Override
  public List<ImageRef> runningImages(Instant seenSince, Instant now) {
    Set<ImageRef> images = new LinkedHashSet<>();
    Map<String, List<InventoryRecord>> byDigest = new HashMap<>();
    int segments = LookupPlan.segments(stats().sizeBytes());
    for (InventoryRecord r : reads.scan(segments, seenSince, now, r -> true)) {
      byDigest.computeIfAbsent(r.imageDigest(), d -> new ArrayList<>()).add(r);
      if (r.isRunning()) {
        images.add(new ImageRef(r.registry(), r.repository(), r.imageDigest()));
      }
    }
    byDigest.values().removeIf(records -> records.stream().noneMatch(InventoryRecord::isRunning));
    byDigest.replaceAll((d, records) -> List.copyOf(records));
    lastScan.set(new RunningScan(seenSince, now, byDigest));
    return List.copyOf(images);
  }

  @Override
  public void upsert(Collection<InventoryRecord> records) {
    writes.upsert(records);
  }

  @Override
  public void upsertUnlessStopped(Collection<InventoryRecord> records) {
    writes.upsertUnlessStopped(records);
  }

  @Override
  public int replaceCluster(
      String source, String cluster, Collection<InventoryRecord> snapshot, Instant now) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(cluster, "cluster");
    for (InventoryRecord r : snapshot) {
      if (!cluster.equals(r.cluster()) || !source.equals(r.source())) {
        throw new IllegalArgumentException(
            "snapshot of " + source + " cluster " + cluster + " holds " + r.containerId());
      }
    }
    writes.upsert(snapshot);
    return snapshots.terminateMissing(source, cluster, snapshot, now, stats());
  }

  @Override
  public Map<String, Double> consumedCapacity() {
    return calls.capacity();
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return calls.counts();
  }

  private TableStats stats() {
    TableStats s = stats;
    if (s == null || s.stale()) {
      try {
        s = TableStats.describe(calls, table);
      } catch (StoreException e) {
        // Sizing is an optimisation: without it (no dynamodb:DescribeTable, throttled) reads
        // fall back to Queries and a snapshot to a Scan. Not cached: the next call asks again.
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot size inventory table {0}: {1}",
            table,
            e.getMessage());
        return TableStats.UNKNOWN;
      }
      stats = s;
    }
    return s;
  }

  private static Map<String, Integer> since(
      Map<String, Integer> before, Map<String, Integer> after) {
    Map<String, Integer> delta = new LinkedHashMap<>();
    after.forEach(
        (op, n) -> {
          int d = n - before.getOrDefault(op, 0);
          if (d > 0) {
            delta.put(op, d);
          }
        });
    return delta;
  }
}
