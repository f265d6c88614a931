package io.vulnsift.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What a measured stretch of work does to the heap. {@link #start()} collects garbage twice and
 * takes the heap in use as the baseline (what is retained before: inputs, fakes, caches), then
 * resets the pools' peaks; {@link #stop()} reads:
 *
 * <ul>
 *   <li>{@code peak}: the sum of the heap pools' peak usage — an upper bound of the heap in use at
 *       any one moment (young garbage included), which is what {@code -Xmx} has to cover without
 *       collecting more often;
 *   <li>{@code liveAfterGc}: the most heap still in use right after any collection during the work
 *       (from the collectors' notifications) — a lower bound of what the work needed alive at once;
 *   <li>{@code gcCount}, {@code gcMillis}: collections and their accumulated time.
 * </ul>
 */
final class HeapMeter implements AutoCloseable {

  /** What {@link #stop()} measured, in bytes and milliseconds. */
  record Heap(long baseline, long peak, long liveAfterGc, long gcCount, long gcMillis) {
    long peakAboveBaseline() {
      return peak - baseline;
    }

    static String mib(long bytes) {
      return String.format("%,d", bytes >> 20);
    }
  }

  private static final java.util.Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(java.util.stream.Collectors.toSet());

  private final AtomicLong maxAfterGc = new AtomicLong();
  private final List<Runnable> detach = new ArrayList<>();
  private long baseline;
  private long gcCount0;
  private long gcMillis0;

  HeapMeter() {
    NotificationListener listener =
        (notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              notification.getType())) {
            var info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used =
                info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(e -> HEAP_POOLS.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed())
                    .sum();
            maxAfterGc.accumulateAndGet(used, Math::max);
          }
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        detach.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException e) {
                // already gone
              }
            });
      }
    }
  }

  /** Collects, takes the baseline, resets the peaks. */
  void start() {
    System.gc();
    System.gc();
    baseline = used();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    gcCount0 = gcCount();
    gcMillis0 = gcMillis();
    maxAfterGc.set(0);
  }

  Heap stop() {
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    return new Heap(baseline, peak, maxAfterGc.get(), gcCount() - gcCount0, gcMillis() - gcMillis0);
  }

  /** Heap in use now (after {@link System#gc()}: what is retained). */
  static long used() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getUsage().getUsed())
        .sum();
  }

  /** Collects twice and returns the heap still in use. */
  static long retained() {
    System.gc();
    System.gc();
    return used();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  @Override
  public void close() {
    detach.forEach(Runnable::run);
  }
}
