package io.vulnsift.shards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.engine.Collected;
import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a shard keeps of its part, as binary attributes of state-table items: the survivors of the
 * filters in gzip'd JSON chunks that each fit an item (DynamoDB items are at most 400 KB), and a
 * summary (funnel, skips, call counts). A chunk holds its findings and, once per image digest, the
 * inventory records of that digest — what the group step reads to list workloads.
 */
final class ShardChunks {

  /** Compressed bytes per chunk: an item's 400 KB, less room for its key and attribute names. */
  static final int MAX_CHUNK_BYTES = 350_000;

  /** Uncompressed JSON per chunk before it is compressed and checked against the limit. */
  private static final int RAW_BUDGET = 2_000_000;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

  /** One chunk's JSON: digest → its live inventory records, and the findings. */
  record Chunk(Map<String, List<InventoryRecord>> runtimes, List<Finding> findings) {}

  /** The part without its findings. */
  record Summary(
      List<FunnelStage> funnel,
      Map<String, Integer> skippedImages,
      Map<String, Integer> calls,
      Map<String, Map<String, Integer>> storeCalls,
      Map<String, Map<String, Double>> storeCapacity) {}

  private ShardChunks() {}

  static byte[] summary(Collected part) {
    return gzip(
        new Summary(
            part.funnel(),
            part.skippedImages(),
            part.calls(),
            part.storeCalls(),
            part.storeCapacity()));
  }

  static Collected part(byte[] summary, List<Enriched> findings) {
    Summary s = gunzip(summary, Summary.class);
    return new Collected(
        findings, s.funnel(), s.skippedImages(), s.calls(), s.storeCalls(), s.storeCapacity());
  }

  /** The findings in chunks of at most {@link #MAX_CHUNK_BYTES}, in order. */
  static List<byte[]> chunks(List<Enriched> findings) {
    List<byte[]> out = new ArrayList<>();
    List<Enriched> pending = new ArrayList<>();
    // A digest's findings share its records (one RuntimeContext per digest): sized once each.
    Map<List<InventoryRecord>, Long> runtimeSizes = new IdentityHashMap<>();
    long raw = 0;
    for (Enriched e : findings) {
      // The runtime is counted with every finding: an over-estimate, never an under-estimate.
      long size =
          jsonSize(e.finding())
              + runtimeSizes.computeIfAbsent(e.runtime().records(), ShardChunks::jsonSize);
      if (!pending.isEmpty() && raw + size > RAW_BUDGET) {
        pack(pending, out);
        pending = new ArrayList<>();
        raw = 0;
      }
      pending.add(e);
      raw += size;
    }
    if (!pending.isEmpty()) {
      pack(pending, out);
    }
    return out;
  }

  /** The findings of the chunks, in order, each with the runtime context of its digest. */
  static List<Enriched> findings(List<byte[]> chunks) {
    List<Enriched> out = new ArrayList<>();
    for (byte[] bytes : chunks) {
      Chunk chunk = gunzip(bytes, Chunk.class);
      Map<String, RuntimeContext> contexts = new LinkedHashMap<>();
      if (chunk.runtimes() != null) {
        chunk
            .runtimes()
            .forEach((digest, records) -> contexts.put(digest, new RuntimeContext(records)));
      }
      for (Finding f : chunk.findings()) {
        out.add(new Enriched(f, contexts.getOrDefault(f.imageDigest(), RuntimeContext.NONE)));
      }
    }
    return out;
  }

  // Halves a chunk until it compresses below the limit: scanner text is repetitive, so this
  // nearly never splits, but a limit that only usually holds would fail the shard for good.
  private static void pack(List<Enriched> findings, List<byte[]> out) {
    byte[] bytes = gzip(chunk(findings));
    if (bytes.length <= MAX_CHUNK_BYTES) {
      out.add(bytes);
      return;
    }
    if (findings.size() == 1) {
      Finding f = findings.get(0).finding();
      throw new IllegalStateException(
          "finding "
              + f.vulnerabilityId()
              + " of image "
              + f.imageDigest()
              + " takes "
              + bytes.length
              + " bytes compressed, more than a state item holds");
    }
    int half = findings.size() / 2;
    pack(findings.subList(0, half), out);
    pack(findings.subList(half, findings.size()), out);
  }

  private static Chunk chunk(List<Enriched> findings) {
    Map<String, List<InventoryRecord>> runtimes = new LinkedHashMap<>();
    List<Finding> list = new ArrayList<>(findings.size());
    for (Enriched e : findings) {
      list.add(e.finding());
      if (!e.runtime().records().isEmpty()) {
        runtimes.putIfAbsent(e.finding().imageDigest(), e.runtime().records());
      }
    }
    return new Chunk(runtimes, list);
  }

  private static long jsonSize(Object value) {
    try {
      return JSON.writeValueAsBytes(value).length;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static byte[] gzip(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      JSON.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T gunzip(byte[] bytes, Class<T> type) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return JSON.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored shard result cannot be read: " + e.getMessage(), e);
    }
  }
}
