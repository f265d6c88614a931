package io.vulnsift.shards;

import io.vulnsift.aws.DynamoDbCalls;
import io.vulnsift.engine.Collected;
import io.vulnsift.engine.Enriched;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The items of sharded runs, in the state table under their own partition {@code pk =
 * "run#<workflow>#<run>"} (never the workflow's {@code wf#} partition, which holds the reported
 * state):
 *
 * <ul>
 *   <li>{@code sk = "header"}: {@code shards} (N), {@code now} (the run's clock, epoch millis),
 *       {@code done} (string set of the finished shard indexes: the counter of finished shards, and
 *       which ones), {@code decider}/{@code decideLease} while one invocation decides, {@code
 *       decidedAt} after.
 *   <li>{@code sk = "s#00003"}: shard 3's summary ({@code summary}, gzip'd JSON), the {@code
 *       attempt} that saved it and its number of {@code chunks}.
 *   <li>{@code sk = "c#00003#<attempt>#000000"}: the chunks of that attempt ({@code data}, each at
 *       most 350 KB).
 * </ul>
 *
 * <p>Every item expires ({@code expiresAt}, TTL) {@link #RETENTION} after the run's clock. Each
 * step is one conditional write, so messages handled twice, concurrently or after a crash, agree:
 * the first attempt to save a shard's summary wins (a later attempt's chunks are never read and
 * expire); marking a shard done is {@code ADD} to the set under {@code NOT contains}, so a shard
 * counts once; deciding is claimed under a lease and finished once.
 */
public final class DynamoDbShardRuns {
  private static final Logger LOG = Logger.getLogger(DynamoDbShardRuns.class);

  /** How long a run's items are kept: far longer than SQS keeps retrying its messages. */
  public static final Duration RETENTION = Duration.ofDays(3);

  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final String HEADER = "header";
  private static final String EXPIRES = "expiresAt";

  private final DynamoDbCalls calls;
  private final String table;

  /** The state table ({@code VULNSIFT_STATE_TABLE}). */
  public DynamoDbShardRuns(DynamoDbClient client, String table) {
    this.calls = new DynamoDbCalls(client);
    this.table = table;
  }

  /** A run as its header says. */
  public record RunState(int shards, Set<Integer> done, Instant now, boolean decided) {
    public RunState {
      done = Set.copyOf(done);
    }

    /** Every shard has saved its part. */
    public boolean complete() {
      return done.size() >= shards;
    }
  }

  /** Outcome of {@link #claimDecision}. */
  public enum Claim {
    /** This invocation decides. */
    CLAIMED,
    /** Another invocation decides now, under a live lease. */
    HELD,
    /** Decided already. */
    DECIDED,
    /** Not every shard has finished (or the run is unknown). */
    NOT_READY
  }

  /** Creates the run's header; a second call for the same run changes nothing. */
  public void open(String workflow, String run, int shards, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(key(workflow, run, HEADER));
    item.put("workflow", s(workflow));
    item.put("shards", n(shards));
    item.put("now", n(now.toEpochMilli()));
    item.put(EXPIRES, n(now.plus(RETENTION).getEpochSecond()));
    // Opened before (a retried start): the existing header stands.
    putIfAbsent(item);
  }

  /** The run's header, or empty when the run is unknown (never opened, or expired). */
  public Optional<RunState> state(String workflow, String run) {
    return state(
        calls.get(table, b -> b.key(key(workflow, run, HEADER)).consistentRead(true)).item());
  }

  /**
   * Saves one attempt's part of a shard: the chunks, then the summary that names the attempt. The
   * summary is written only if no attempt wrote one before, so the part a run decides on is one
   * attempt's, whole.
   *
   * @return whether this attempt's part is the one kept
   */
  public boolean save(
      String workflow, String run, int shard, String attempt, Collected part, Instant now) {
    List<byte[]> chunks = ShardChunks.chunks(part.findings());
    AttributeValue expires = n(now.plus(RETENTION).getEpochSecond());
    List<WriteRequest> puts = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      Map<String, AttributeValue> item =
          new HashMap<>(
              key(
                  workflow,
                  run,
                  chunkPrefix(shard, attempt) + String.format(Locale.ROOT, "%06d", i)));
      item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(chunks.get(i))));
      item.put(EXPIRES, expires);
      puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    calls.writeAll(table, puts);
    Map<String, AttributeValue> summary = new HashMap<>(key(workflow, run, summarySk(shard)));
    summary.put("attempt", s(attempt));
    summary.put("chunks", n(chunks.size()));
    summary.put("findings", n(part.findings().size()));
    summary.put("summary", AttributeValue.fromB(SdkBytes.fromByteArray(ShardChunks.summary(part))));
    summary.put(EXPIRES, expires);
    return putIfAbsent(summary); // false: an earlier attempt of this shard saved its part first
  }

  /**
   * Writes {@code item} unless an item with its key exists: the first writer wins, and a repeated
   * write (a message handled twice) leaves the first one's item as it was.
   *
   * @return whether this call wrote it
   */
  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      calls.put(
          table,
          b ->
              b.item(item)
                  .conditionExpression("attribute_not_exists(#pk)")
                  .expressionAttributeNames(Map.of("#pk", PK)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * Counts a shard as finished (once, however often it is called) and returns the run's state
   * after; empty when the run is unknown.
   */
  public Optional<RunState> markDone(String workflow, String run, int shard) {
    Map<String, AttributeValue> values =
        Map.of(
            ":s",
            AttributeValue.fromSs(List.of(Integer.toString(shard))),
            ":i",
            s(Integer.toString(shard)));
    try {
      return state(
          calls
              .update(
                  table,
                  b ->
                      b.key(key(workflow, run, HEADER))
                          .updateExpression("ADD #done :s")
                          .conditionExpression("attribute_exists(#pk) AND NOT contains(#done, :i)")
                          .expressionAttributeNames(Map.of("#pk", PK, "#done", "done"))
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW)
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD))
              .attributes());
    } catch (ConditionalCheckFailedException e) {
      return state(e.item()); // counted before, or no such run
    }
  }

  /**
   * Claims the decision of a complete run for {@code owner} until {@code now + lease}: succeeds
   * when no one decided yet and no other invocation holds a live claim.
   */
  public Claim claimDecision(
      String workflow, String run, int shards, String owner, Instant now, Duration lease) {
    Map<String, String> names =
        Map.of(
            "#pk", PK,
            "#done", "done",
            "#decided", "decidedAt",
            "#decider", "decider",
            "#lease", "decideLease");
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":me", s(owner));
    values.put(":until", n(now.plus(lease).toEpochMilli()));
    values.put(":now", n(now.toEpochMilli()));
    values.put(":n", n(shards));
    try {
      calls.update(
          table,
          b ->
              b.key(key(workflow, run, HEADER))
                  .updateExpression("SET #decider = :me, #lease = :until")
                  .conditionExpression(
                      "attribute_exists(#pk) AND attribute_not_exists(#decided)"
                          + " AND size(#done) >= :n"
                          + " AND (attribute_not_exists(#decider) OR #lease < :now OR #decider = :me)")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException e) {
      Optional<RunState> st = state(e.item());
      if (st.isEmpty() || !st.get().complete()) {
        return Claim.NOT_READY;
      }
      return st.get().decided() ? Claim.DECIDED : Claim.HELD;
    }
  }

  /** Marks the run decided, if {@code owner} still holds the claim. */
  public void decided(String workflow, String run, String owner, Instant now) {
    try {
      calls.update(
          table,
          b ->
              b.key(key(workflow, run, HEADER))
                  .updateExpression("SET #decided = :at REMOVE #decider, #lease")
                  .conditionExpression("#decider = :me")
                  .expressionAttributeNames(
                      Map.of(
                          "#decided", "decidedAt", "#decider", "decider", "#lease", "decideLease"))
                  .expressionAttributeValues(
                      Map.of(":at", n(now.toEpochMilli()), ":me", s(owner))));
    } catch (ConditionalCheckFailedException e) {
      // The lease ran out and another invocation took the decision over; the claims of the
      // reported state kept the deliveries of both exactly once.
      LOG.warnf(
          "%s run %s: decided by %s after its claim on the decision was taken over",
          workflow, run, owner);
    }
  }

  /** Gives the claim up (a failed decision), so that a retry may decide at once. */
  public void release(String workflow, String run, String owner) {
    try {
      calls.update(
          table,
          b ->
              b.key(key(workflow, run, HEADER))
                  .updateExpression("REMOVE #decider, #lease")
                  .conditionExpression("#decider = :me")
                  .expressionAttributeNames(Map.of("#decider", "decider", "#lease", "decideLease"))
                  .expressionAttributeValues(Map.of(":me", s(owner))));
    } catch (ConditionalCheckFailedException e) {
      // Not ours any more: nothing to give up.
    }
  }

  /**
   * The parts of every shard, in shard order: one Query of the run's partition (paginated).
   *
   * @throws IllegalStateException when a shard's part is missing or incomplete
   */
  public List<Collected> parts(String workflow, String run, int shards) {
    Map<String, Map<String, AttributeValue>> summaries = new TreeMap<>();
    Map<String, byte[]> chunks = new TreeMap<>(); // sorted: chunk order within an attempt
    QueryRequest query =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", PK))
            .expressionAttributeValues(Map.of(":pk", s(pk(workflow, run))))
            .build();
    calls.queryPages(
        table,
        query,
        item -> {
          String sk = item.get(SK).s();
          if (sk.startsWith("s#")) {
            summaries.put(sk, item);
          } else if (sk.startsWith("c#")) {
            chunks.put(sk, item.get("data").b().asByteArray());
          }
        });
    List<Collected> parts = new ArrayList<>(shards);
    for (int shard = 0; shard < shards; shard++) {
      Map<String, AttributeValue> summary = summaries.get(summarySk(shard));
      if (summary == null) {
        throw new IllegalStateException(
            workflow + " run " + run + ": shard " + shard + " is done but saved no part");
      }
      String prefix = chunkPrefix(shard, summary.get("attempt").s());
      List<byte[]> mine =
          chunks.entrySet().stream()
              .filter(e -> e.getKey().startsWith(prefix))
              .map(Map.Entry::getValue)
              .toList();
      int expected = Integer.parseInt(summary.get("chunks").n());
      if (mine.size() != expected) {
        throw new IllegalStateException(
            workflow
                + " run "
                + run
                + ": shard "
                + shard
                + " has "
                + mine.size()
                + " of "
                + expected
                + " chunks");
      }
      List<Enriched> findings = ShardChunks.findings(mine);
      parts.add(ShardChunks.part(summary.get("summary").b().asByteArray(), findings));
    }
    return parts;
  }

  /** Request counters since this store was created, by operation. */
  public Map<String, Integer> requestCounts() {
    return calls.counts();
  }

  private static Optional<RunState> state(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !item.containsKey("shards")) {
      return Optional.empty();
    }
    Set<Integer> done = new TreeSet<>();
    AttributeValue ss = item.get("done");
    if (ss != null && ss.hasSs()) {
      ss.ss().forEach(v -> done.add(Integer.parseInt(v)));
    }
    return Optional.of(
        new RunState(
            Integer.parseInt(item.get("shards").n()),
            done,
            Instant.ofEpochMilli(Long.parseLong(item.get("now").n())),
            item.containsKey("decidedAt")));
  }

  static String pk(String workflow, String run) {
    return "run#" + workflow + "#" + run;
  }

  private static Map<String, AttributeValue> key(String workflow, String run, String sk) {
    return Map.of(PK, s(pk(workflow, run)), SK, s(sk));
  }

  private static String summarySk(int shard) {
    return String.format(Locale.ROOT, "s#%05d", shard);
  }

  private static String chunkPrefix(int shard, String attempt) {
    return String.format(Locale.ROOT, "c#%05d#%s#", shard, attempt);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
