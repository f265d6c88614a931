package io.vulnsift.inventory;

import io.vulnsift.model.InventoryRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapping of the public inventory item (SPEC §4). Other tools write these items, so reading is
 * lenient: any attribute but the keys may be missing, and times may be numbers (epoch seconds, as
 * specified) or, from a sloppier writer, ISO-8601 strings.
 */
final class InventoryItems {

  static final String DIGEST = "imageDigest";
  static final String CONTAINER_ID = "containerId";
  static final String LAST_SEEN = "lastSeenAt";
  static final String EXPIRES = "expiresAt";

  private InventoryItems() {}

  static Map<String, AttributeValue> toItem(InventoryRecord r) {
    Map<String, AttributeValue> item = new HashMap<>();
    put(item, DIGEST, r.imageDigest());
    put(item, CONTAINER_ID, r.containerId());
    put(item, "registry", r.registry());
    put(item, "repository", r.repository());
    put(item, "imageName", r.imageName());
    put(item, "cluster", r.cluster());
    put(item, "namespace", r.namespace());
    put(item, "workload", r.workload());
    put(item, "container", r.container());
    put(item, "status", r.status());
    put(item, "releaseStage", r.releaseStage());
    put(item, "releaseProduct", r.releaseProduct());
    put(item, "releaseVersion", r.releaseVersion());
    put(item, "owner", r.owner());
    put(item, "source", r.source());
    if (r.lastSeenAt() != null) {
      item.put(LAST_SEEN, AttributeValue.fromN(Long.toString(r.lastSeenAt().getEpochSecond())));
    }
    if (r.expiresAt() != null) {
      item.put(EXPIRES, AttributeValue.fromN(Long.toString(r.expiresAt().getEpochSecond())));
    }
    return item;
  }

  static InventoryRecord fromItem(Map<String, AttributeValue> item) {
    return new InventoryRecord(
        str(item, DIGEST),
        str(item, CONTAINER_ID),
        str(item, "registry"),
        str(item, "repository"),
        str(item, "imageName"),
        str(item, "cluster"),
        str(item, "namespace"),
        str(item, "workload"),
        str(item, "container"),
        str(item, "status"),
        str(item, "releaseStage"),
        str(item, "releaseProduct"),
        str(item, "releaseVersion"),
        str(item, "owner"),
        instant(item.get(LAST_SEEN)),
        instant(item.get(EXPIRES)),
        str(item, "source"));
  }

  /** Live: seen at or after {@code seenSince} and not past its TTL at {@code now}. */
  static boolean live(InventoryRecord r, Instant seenSince, Instant now) {
    boolean fresh =
        seenSince == null || (r.lastSeenAt() != null && !r.lastSeenAt().isBefore(seenSince));
    boolean expired = r.expiresAt() != null && r.expiresAt().isBefore(now);
    return fresh && !expired;
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    // DynamoDB rejects empty key strings and we have nothing to say with an empty value either.
    if (value != null && !value.isEmpty()) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant instant(AttributeValue v) {
    if (v == null) {
      return null;
    }
    try {
      if (v.n() != null) {
        return Instant.ofEpochSecond(new BigDecimal(v.n()).longValue());
      }
      if (v.s() != null) {
        String s = v.s().trim();
        return s.chars().allMatch(Character::isDigit)
            ? Instant.ofEpochSecond(Long.parseLong(s))
            : Instant.parse(s);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // An unreadable time is no time: the record then counts as not recently seen.
    }
    return null;
  }
}
