package io.vulnsift.bench;

import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.workflow.CompiledCondition;
import io.vulnsift.workflow.Conditions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enrichment of 1,000,000 findings against 100,000 inventory records through the in-memory port:
 * the digest set, {@code findLive}, a {@link RuntimeContext} per finding, then the shipped
 * workflow's two filters ({@code runtime.running}, then production among the running stages) as the
 * engine evaluates them. Not a test: run it with {@code -Xmx1g} on two cores, see
 * docs/benchmarks.md.
 */
public final class InventoryBench {

  private static final int FINDINGS = 1_000_000;
  private static final int FINDING_DIGESTS = 50_000;
  private static final int RUNNING_DIGESTS = 25_000;
  private static final int CONTAINERS_PER_DIGEST = 4;
  private static final int ROUNDS = 5;

  /** The work is single-threaded: its thread's CPU time is the wall time an idle host would see. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private InventoryBench() {}

  public static void main(String[] args) {
    List<InventoryRecord> records =
        InventoryBenchData.records(RUNNING_DIGESTS, CONTAINERS_PER_DIGEST, 1);
    List<Finding> findings = InventoryBenchData.findings(FINDINGS, FINDING_DIGESTS, 2);
    InventoryStore store = new InMemoryInventoryStore(records);
    CompiledCondition running = Conditions.compile("runtime.running");
    CompiledCondition production = Conditions.compile("\"production\" in runtime.runningStages");
    System.out.printf(
        "cores %d, max heap %d MiB, %,d findings over %,d digests, %,d inventory records%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        findings.size(),
        FINDING_DIGESTS,
        records.size());
    System.out.printf(
        "%-6s %-10s %8s %10s %9s %8s %9s %14s%n",
        "round", "variant", "join ms", "filter ms", "total ms", "cpu ms", "kept", "peak heap MiB");
    for (int round = 1; round <= ROUNDS; round++) {
      for (boolean shared : new boolean[] {false, true}) {
        System.gc();
        resetPeaks();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RuntimeContext[] contexts = join(store, findings, shared);
        long t1 = System.nanoTime();
        int kept =
            shared
                ? filterOncePerContext(findings, contexts, running, production)
                : filter(findings, contexts, running, production);
        long t2 = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        System.out.printf(
            "%-6d %-10s %8d %10d %9d %8d %9d %14d%n",
            round,
            shared ? "per-digest" : "engine",
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (t2 - t0) / 1_000_000,
            cpu / 1_000_000,
            kept,
            peakHeap() >> 20);
      }
    }
    System.gc();
    System.out.printf(
        "heap in use after GC (inputs retained): %d MiB%n",
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  /**
   * Engine.enrich: distinct digests → findLive → a RuntimeContext per finding ({@code shared}: one
   * per digest, shared by its findings).
   */
  static RuntimeContext[] join(InventoryStore store, List<Finding> findings, boolean shared) {
    Instant now = InventoryBenchData.NOW;
    Set<String> digests = new HashSet<>();
    findings.forEach(f -> digests.add(f.imageDigest()));
    Map<String, List<InventoryRecord>> live =
        store.findLive(digests, now.minus(InventoryBenchData.MAX_AGE), now).records();
    Map<String, RuntimeContext> byDigest = new HashMap<>();
    RuntimeContext[] contexts = new RuntimeContext[findings.size()];
    for (int i = 0; i < contexts.length; i++) {
      String digest = findings.get(i).imageDigest();
      List<InventoryRecord> r = live.get(digest);
      if (r == null) {
        contexts[i] = RuntimeContext.NONE;
      } else if (shared) {
        contexts[i] = byDigest.computeIfAbsent(digest, d -> new RuntimeContext(r));
      } else {
        contexts[i] = new RuntimeContext(r);
      }
    }
    return contexts;
  }

  /**
   * The same filters, each evaluated once per distinct context: valid for conditions that read only
   * {@code runtime}, as both shipped ones do.
   */
  static int filterOncePerContext(
      List<Finding> findings,
      RuntimeContext[] contexts,
      CompiledCondition running,
      CompiledCondition production) {
    Instant now = InventoryBenchData.NOW;
    Map<RuntimeContext, Boolean> memo = new IdentityHashMap<>();
    int kept = 0;
    for (int i = 0; i < contexts.length; i++) {
      Finding f = findings.get(i);
      RuntimeContext c = contexts[i];
      if (memo.computeIfAbsent(c, k -> running.test(f, k, now) && production.test(f, k, now))) {
        kept++;
      }
    }
    return kept;
  }

  /** The shipped workflow's filters, in order, each on what the previous one kept. */
  static int filter(
      List<Finding> findings,
      RuntimeContext[] contexts,
      CompiledCondition running,
      CompiledCondition production) {
    Instant now = InventoryBenchData.NOW;
    int kept = 0;
    for (int i = 0; i < contexts.length; i++) {
      Finding f = findings.get(i);
      if (running.test(f, contexts[i], now) && production.test(f, contexts[i], now)) {
        kept++;
      }
    }
    return kept;
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
