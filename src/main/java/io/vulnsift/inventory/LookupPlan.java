package io.vulnsift.inventory;

/**
 * Query or Scan, by estimated cost in read request units (RRU: what DynamoDB bills on demand and
 * throttles on when provisioned). A strongly consistent Query costs one RRU per started 4 KB of the
 * items it returns, at least one; an image's few inventory items fit in 4 KB, so a Query per digest
 * is one RRU. A Scan costs one RRU per 4 KB of the whole table, in 1 MB pages. The Scan therefore
 * wins when the digests in play outnumber the table's 4 KB blocks, i.e. when they are a large share
 * of the table; it also needs far fewer requests, but requests are not what is billed.
 *
 * @param strategy {@code query} or {@code scan}
 * @param segments parallel Scan segments (1 for a query plan)
 * @param queryUnits estimated RRU of one Query per digest
 * @param scanUnits estimated RRU of a Scan of the table ({@code -1}: table size unknown)
 */
record LookupPlan(String strategy, int segments, long queryUnits, long scanUnits) {

  static final String QUERY = "query";
  static final String SCAN = "scan";

  static final long UNIT_BYTES = 4096;
  static final long PAGE_BYTES = 1 << 20;

  /**
   * A Scan segment ends with a partial page, so every segment costs up to one request more than its
   * share of the table's 1 MB pages. Ten pages per segment keep that overhead within 10% of the
   * minimum (SPEC §6); eight segments at most keep the read concurrency of the Query plan.
   */
  static final int PAGES_PER_SEGMENT = 10;

  static final int MAX_SEGMENTS = 8;

  /** The cheaper plan; a Query plan when the table's size is unknown (bounded by the digests). */
  static LookupPlan choose(int digests, TableStats stats) {
    if (stats == null || stats.itemCount() <= 0 || stats.sizeBytes() <= 0) {
      return new LookupPlan(QUERY, 1, digests, -1);
    }
    long scanUnits = ceil(stats.sizeBytes(), UNIT_BYTES);
    int segments = segments(stats.sizeBytes());
    return scanUnits < digests
        ? new LookupPlan(SCAN, segments, digests, scanUnits)
        : new LookupPlan(QUERY, 1, digests, scanUnits);
  }

  /** A forced plan (benchmarks, tests); the Scan sized from the stats when known. */
  static LookupPlan forced(String strategy, int digests, TableStats stats) {
    long size = stats == null ? 0 : stats.sizeBytes();
    return new LookupPlan(
        strategy,
        SCAN.equals(strategy) ? segments(size) : 1,
        digests,
        size > 0 ? ceil(size, UNIT_BYTES) : -1);
  }

  static int segments(long sizeBytes) {
    long pages = ceil(sizeBytes, PAGE_BYTES);
    return (int) Math.max(1, Math.min(MAX_SEGMENTS, pages / PAGES_PER_SEGMENT));
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
