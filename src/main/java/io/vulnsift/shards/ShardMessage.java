package io.vulnsift.shards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.workflow.Source;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One message of a sharded run on the shard queue: "collect shard {@code shard} of {@code shards}"
 * or "decide the run". Small (well under SQS's message size), self-describing JSON:
 *
 * <pre>{"kind":"shard","workflow":"critical-production","run":"…","now":"2026-11-20T12:00:00Z",
 *  "shard":3,"shards":8}</pre>
 *
 * @param run the id of the run (the coordinator's run id), which keys its items in the state table
 * @param now the run's clock: every shard judges "current" and the inventory's age by it
 * @param shard the shard to collect, or -1 for {@link Kind#DECIDE}
 */
public record ShardMessage(
    Kind kind, String workflow, String run, Instant now, int shard, int shards) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a message asks for. */
  public enum Kind {
    SHARD,
    DECIDE
  }

  public ShardMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(now, "now");
  }

  public static ShardMessage shard(String workflow, String run, Instant now, int shard, int n) {
    return new ShardMessage(Kind.SHARD, workflow, run, now, shard, n);
  }

  /** The decision of the run this message belongs to. */
  public ShardMessage decide() {
    return new ShardMessage(Kind.DECIDE, workflow, run, now, -1, shards);
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind == Kind.SHARD ? "shard" : "decide")
        .put("workflow", workflow)
        .put("run", run)
        .put("now", now.toString());
    if (kind == Kind.SHARD) {
      o.put("shard", shard);
    }
    o.put("shards", shards);
    return o.toString();
  }

  /**
   * Reads a message body.
   *
   * @throws IllegalArgumentException saying what is wrong, for a body that is not one of ours
   */
  public static ShardMessage parse(String body) {
    JsonNode o;
    try {
      o = body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Kind kind =
        switch (o.path("kind").asText("")) {
          case "shard" -> Kind.SHARD;
          case "decide" -> Kind.DECIDE;
          default ->
              throw new IllegalArgumentException(
                  "'kind' is " + o.get("kind") + ", expected \"shard\" or \"decide\"");
        };
    String workflow = text(o, "workflow");
    String run = text(o, "run");
    Instant now;
    try {
      now = Instant.parse(text(o, "now"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'now' is not an ISO-8601 instant: " + o.get("now"));
    }
    int shards = number(o, "shards", 1, Source.MAX_SHARDS);
    int shard = kind == Kind.SHARD ? number(o, "shard", 0, shards - 1) : -1;
    return new ShardMessage(kind, workflow, run, now, shard, shards);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is missing or not a non-empty string");
    }
    return v.asText();
  }

  private static int number(JsonNode o, String field, int min, int max) {
    JsonNode v = o.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + field + "' is missing or not a whole number");
    }
    int n = v.asInt();
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "'" + field + "' is " + n + ", expected " + min + " to " + max);
    }
    return n;
  }

  @Override
  public String toString() {
    return kind == Kind.SHARD
        ? workflow + " run " + run + " shard " + (shard + 1) + "/" + shards
        : workflow + " run " + run + " decision";
  }
}
