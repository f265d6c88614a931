package io.vulnsift.state;

import io.vulnsift.engine.port.StateStore.Delivery;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.GroupState;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Mapping between the state table's items and the {@code StateStore} records. */
final class StateItems {

  static final String PK = "pk";
  static final String SK = "sk";
  static final String MARKER_SK = "marker";
  static final String STATUS = "status";
  static final String KEY = "key";
  static final String IMAGES = "images";
  static final String WORKLOADS = "workloads";
  static final String MAX_SEVERITY = "maxSeverity";
  static final String EARLIEST = "earliestObservedAt";
  static final String FIRST_SEEN = "firstSeenAt";
  static final String LAST_SEEN = "lastSeenAt";
  static final String EXPIRES = "expiresAt";
  static final String OWNER = "owner";
  static final String LEASE = "lease";
  static final String AT = "at";
  static final String REVISION = "rev";

  /** {@code p_<actionId>}: a failed follow-up; {@code pendingFollowUps}: the set of those ids. */
  static final String FOLLOW_UP_PREFIX = "p_";

  static final String PENDING = "pendingFollowUps";
  static final String RESOLVED_AT = "resolvedAt";

  /** {@code d_<actionId>}: the delivery map; {@code n_<actionId>}: its attempt counter. */
  static final String DELIVERY_PREFIX = "d_";

  static final String ATTEMPTS_PREFIX = "n_";

  // Fields of a delivery map.
  static final String ST = "st";
  static final String RESULT = "result";
  static final String ERROR = "error";

  private StateItems() {}

  static String pk(String workflow) {
    return "wf#" + workflow;
  }

  static String groupSk(String fingerprint) {
    return "g#" + fingerprint;
  }

  static Map<String, AttributeValue> groupKey(String workflow, String fingerprint) {
    return Map.of(PK, s(pk(workflow)), SK, s(groupSk(fingerprint)));
  }

  static Map<String, AttributeValue> markerKey(String workflow) {
    return Map.of(PK, s(pk(workflow)), SK, s(MARKER_SK));
  }

  /** The snapshot attributes a claim or a baseline writes (absent values left out). */
  static Map<String, AttributeValue> snapshot(GroupSnapshot g) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    Map<String, AttributeValue> key = new HashMap<>();
    g.key().forEach((k, v) -> key.put(k, v == null ? AttributeValue.fromNul(true) : s(v)));
    m.put(KEY, AttributeValue.fromM(key));
    m.put(IMAGES, AttributeValue.fromL(g.affectedImages().stream().map(StateItems::s).toList()));
    m.put(WORKLOADS, AttributeValue.fromL(g.workloads().stream().map(StateItems::s).toList()));
    if (g.maxSeverity() != null) {
      m.put(MAX_SEVERITY, s(g.maxSeverity()));
    }
    if (g.earliestObservedAt() != null) {
      m.put(EARLIEST, seconds(g.earliestObservedAt()));
    }
    return m;
  }

  /**
   * Appends {@code , #s0 = :s0, …} for every snapshot attribute to an update expression's SET
   * clause, with the names and values it uses.
   */
  static void setSnapshot(
      GroupSnapshot g,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      StringBuilder set) {
    int i = 0;
    for (Map.Entry<String, AttributeValue> e : snapshot(g).entrySet()) {
      names.put("#s" + i, e.getKey());
      values.put(":s" + i, e.getValue());
      set.append(", #s").append(i).append(" = :s").append(i);
      i++;
    }
  }

  /** A whole BASELINE group item, as recordBaseline puts it. */
  static Map<String, AttributeValue> baselineItem(String workflow, GroupSnapshot g, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(snapshot(g));
    item.putAll(groupKey(workflow, g.fingerprint()));
    item.put(STATUS, s(GroupStatus.BASELINE.name()));
    item.put(FIRST_SEEN, seconds(now));
    item.put(LAST_SEEN, seconds(now));
    return item;
  }

  static Map<String, AttributeValue> pending(String runId, Instant leaseUntil, Instant now) {
    return Map.of(
        ST, s(DeliveryStatus.PENDING.name()),
        OWNER, s(runId),
        LEASE, millis(leaseUntil),
        AT, millis(now));
  }

  static Map<String, AttributeValue> delivered(
      String runId, Map<String, String> result, Instant now) {
    Map<String, AttributeValue> r = new HashMap<>();
    result.forEach((k, v) -> r.put(k, v == null ? AttributeValue.fromNul(true) : s(v)));
    return Map.of(
        ST,
        s(DeliveryStatus.DELIVERED.name()),
        OWNER,
        s(runId),
        RESULT,
        AttributeValue.fromM(r),
        AT,
        millis(now));
  }

  static Map<String, AttributeValue> failed(String runId, String error, Instant now) {
    return Map.of(
        ST, s(DeliveryStatus.FAILED.name()),
        OWNER, s(runId),
        ERROR, s(error == null || error.isEmpty() ? "unknown error" : truncate(error, 2000)),
        AT, millis(now));
  }

  /** True when the item carries a TTL that lies before {@code now}: treated as absent. */
  static boolean expired(Map<String, AttributeValue> item, Instant now) {
    Long expiresAt = number(item.get(EXPIRES));
    return expiresAt != null && expiresAt < now.getEpochSecond();
  }

  static GroupState groupState(Map<String, AttributeValue> item) {
    String sk = item.get(SK).s();
    Map<String, Delivery> deliveries = new HashMap<>();
    item.forEach(
        (name, value) -> {
          if (name.startsWith(DELIVERY_PREFIX) && value.hasM()) {
            String action = name.substring(DELIVERY_PREFIX.length());
            deliveries.put(action, delivery(value, item.get(ATTEMPTS_PREFIX + action)));
          }
        });
    Long revision = number(item.get(REVISION));
    return new GroupState(
        sk.substring(2),
        GroupStatus.valueOf(str(item.get(STATUS), GroupStatus.ACTIVE.name())),
        instantSeconds(item.get(FIRST_SEEN)),
        instantSeconds(item.get(LAST_SEEN)),
        deliveries,
        storedSnapshot(sk.substring(2), item),
        instantSeconds(item.get(RESOLVED_AT)),
        revision == null ? 0 : revision,
        pendingFollowUps(item));
  }

  private static Map<String, io.vulnsift.engine.port.StateStore.PendingFollowUp> pendingFollowUps(
      Map<String, AttributeValue> item) {
    Map<String, io.vulnsift.engine.port.StateStore.PendingFollowUp> out = new HashMap<>();
    item.forEach(
        (name, value) -> {
          if (name.startsWith(FOLLOW_UP_PREFIX) && value.hasM()) {
            Map<String, AttributeValue> m = value.m();
            Long n = number(item.get("q_" + name.substring(FOLLOW_UP_PREFIX.length())));
            out.put(
                name.substring(FOLLOW_UP_PREFIX.length()),
                new io.vulnsift.engine.port.StateStore.PendingFollowUp(
                    str(m.get("kind"), "RESOLVE"),
                    str(m.get("reason"), ""),
                    n == null ? 0 : n.intValue()));
          }
        });
    return out;
  }

  /** The snapshot attributes read back; absent lists read as empty. */
  static GroupSnapshot storedSnapshot(String fingerprint, Map<String, AttributeValue> item) {
    Map<String, String> key = new HashMap<>();
    AttributeValue k = item.get(KEY);
    if (k != null && k.hasM()) {
      k.m().forEach((name, v) -> key.put(name, v.s() == null ? "" : v.s()));
    }
    return new GroupSnapshot(
        fingerprint,
        key,
        strings(item.get(IMAGES)),
        strings(item.get(WORKLOADS)),
        str(item.get(MAX_SEVERITY), null),
        instantSeconds(item.get(EARLIEST)));
  }

  private static java.util.List<String> strings(AttributeValue list) {
    if (list == null || !list.hasL()) {
      return java.util.List.of();
    }
    return list.l().stream().map(AttributeValue::s).filter(v -> v != null).toList();
  }

  /** A delivery map (may be null: no record) with its attempt counter. */
  static Delivery delivery(AttributeValue map, AttributeValue attempts) {
    if (map == null || !map.hasM()) {
      return null;
    }
    Map<String, AttributeValue> m = map.m();
    Map<String, String> result = new HashMap<>();
    AttributeValue r = m.get(RESULT);
    if (r != null && r.hasM()) {
      r.m().forEach((k, v) -> result.put(k, v.s()));
    }
    result.values().removeIf(v -> v == null);
    Long lease = number(m.get(LEASE));
    Long n = number(attempts);
    return new Delivery(
        DeliveryStatus.valueOf(str(m.get(ST), DeliveryStatus.PENDING.name())),
        str(m.get(OWNER), null),
        lease == null ? null : Instant.ofEpochMilli(lease),
        result,
        str(m.get(ERROR), null),
        n == null ? 0 : n.intValue());
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue seconds(Instant t) {
    return AttributeValue.fromN(Long.toString(t.getEpochSecond()));
  }

  static AttributeValue millis(Instant t) {
    return AttributeValue.fromN(Long.toString(t.toEpochMilli()));
  }

  static String str(AttributeValue v, String fallback) {
    return v == null || v.s() == null ? fallback : v.s();
  }

  static Long number(AttributeValue v) {
    if (v == null || v.n() == null) {
      return null;
    }
    // Other writers may store decimals; whole units are all we compare.
    return new BigDecimal(v.n()).longValue();
  }

  static Instant instantSeconds(AttributeValue v) {
    Long n = number(v);
    return n == null ? null : Instant.ofEpochSecond(n);
  }

  static Instant instantMillis(AttributeValue v) {
    Long n = number(v);
    return n == null ? null : Instant.ofEpochMilli(n);
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
