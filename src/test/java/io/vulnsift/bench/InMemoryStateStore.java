package io.vulnsift.bench;

import io.vulnsift.engine.port.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reported state in a hash map, for what the engine costs without a database (SPEC §6: "in-
 * memory source and state"). It follows the port's contract as the DynamoDB adapter does for one
 * run at a time — marker, baseline, claims, results, lifecycle — without its concurrency guarantees
 * beyond a lock. Requests are counted as the DynamoDB adapter would make them (one BatchGetItem per
 * 100 groups, one BatchWriteItem per 25 baseline groups, one UpdateItem per claim or record), so a
 * benchmark can print the request counts the data implies.
 */
public final class InMemoryStateStore implements StateStore {

  private record Entry(
      GroupStatus status,
      Instant firstSeenAt,
      Instant lastSeenAt,
      Map<String, Delivery> deliveries,
      GroupSnapshot snapshot,
      Instant resolvedAt,
      long revision) {

    GroupState state() {
      return new GroupState(
          snapshot.fingerprint(),
          status,
          firstSeenAt,
          lastSeenAt,
          deliveries,
          snapshot,
          resolvedAt,
          revision,
          Map.of());
    }

    Entry with(String actionId, Delivery d) {
      Map<String, Delivery> all = new HashMap<>(deliveries);
      all.put(actionId, d);
      return new Entry(status, firstSeenAt, lastSeenAt, all, snapshot, resolvedAt, revision);
    }
  }

  private final Map<String, Map<String, Entry>> groups = new HashMap<>();
  private final Map<String, MarkerState> markers = new HashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  private void count(String op, int n) {
    if (n > 0) {
      requests.computeIfAbsent(op, k -> new AtomicInteger()).addAndGet(n);
    }
  }

  private Map<String, Entry> of(String workflow) {
    return groups.computeIfAbsent(workflow, w -> new HashMap<>());
  }

  @Override
  public synchronized Map<String, GroupState> load(
      String workflow, Collection<String> fingerprints, Instant now) {
    Collection<String> distinct = new LinkedHashSet<>(fingerprints);
    count("BatchGetItem", (distinct.size() + 99) / 100);
    Map<String, Entry> wf = of(workflow);
    Map<String, GroupState> out = new HashMap<>();
    for (String fp : distinct) {
      Entry e = wf.get(fp);
      if (e != null) {
        out.put(fp, e.state());
      }
    }
    return out;
  }

  @Override
  public synchronized MarkerState marker(String workflow, Instant now) {
    count("GetItem", 1);
    return markers.getOrDefault(workflow, new MarkerState(MarkerStatus.ABSENT, null, null));
  }

  @Override
  public synchronized MarkerState claimBaseline(
      String workflow, String runId, Instant now, Duration lease) {
    count("UpdateItem", 1);
    MarkerState m = markers.get(workflow);
    if (m != null && m.status() == MarkerStatus.DONE) {
      return m;
    }
    if (m != null && !m.owner().equals(runId) && m.leaseUntil().isAfter(now)) {
      return new MarkerState(MarkerStatus.HELD_BY_OTHER, m.owner(), m.leaseUntil());
    }
    MarkerState held = new MarkerState(MarkerStatus.ACQUIRED, runId, now.plus(lease));
    markers.put(workflow, held);
    return held;
  }

  @Override
  public synchronized void recordBaseline(
      String workflow, List<GroupSnapshot> baseline, Instant now) {
    count("BatchWriteItem", (baseline.size() + 24) / 25);
    Map<String, Entry> wf = of(workflow);
    for (GroupSnapshot g : baseline) {
      wf.put(g.fingerprint(), new Entry(GroupStatus.BASELINE, now, now, Map.of(), g, null, 0));
    }
  }

  @Override
  public synchronized void completeBaseline(String workflow, String runId, Instant now) {
    count("UpdateItem", 1);
    markers.put(workflow, new MarkerState(MarkerStatus.DONE, runId, null));
  }

  @Override
  public synchronized Claim claim(
      String workflow,
      GroupSnapshot group,
      String actionId,
      String runId,
      Instant now,
      Duration lease) {
    count("UpdateItem", 1);
    Map<String, Entry> wf = of(workflow);
    Entry e = wf.get(group.fingerprint());
    Delivery previous = e == null ? null : e.deliveries().get(actionId);
    if (previous != null) {
      boolean claimable =
          previous.status() == DeliveryStatus.FAILED
              || (previous.status() == DeliveryStatus.PENDING
                  && previous.leaseUntil().isBefore(now));
      if (!claimable) {
        return new Claim(
            previous.status() == DeliveryStatus.DELIVERED
                ? ClaimOutcome.ALREADY_DELIVERED
                : ClaimOutcome.HELD_BY_OTHER,
            previous);
      }
    }
    int attempts = previous == null ? 1 : previous.attempts() + 1;
    Delivery pending =
        new Delivery(DeliveryStatus.PENDING, runId, now.plus(lease), Map.of(), null, attempts);
    Entry base =
        e == null
            ? new Entry(GroupStatus.ACTIVE, now, now, Map.of(), group, null, 0)
            : new Entry(
                GroupStatus.ACTIVE,
                e.firstSeenAt(),
                now,
                e.deliveries(),
                group,
                e.resolvedAt(),
                e.revision());
    wf.put(group.fingerprint(), base.with(actionId, pending));
    return new Claim(ClaimOutcome.CLAIMED, previous);
  }

  @Override
  public synchronized void recordDelivered(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      Map<String, String> result,
      Instant now) {
    finish(workflow, fingerprint, actionId, runId, DeliveryStatus.DELIVERED, result, null);
  }

  @Override
  public synchronized void recordFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      String error,
      Instant now) {
    finish(workflow, fingerprint, actionId, runId, DeliveryStatus.FAILED, Map.of(), error);
  }

  private void finish(
      String workflow,
      String fingerprint,
      String actionId,
      String runId,
      DeliveryStatus status,
      Map<String, String> result,
      String error) {
    count("UpdateItem", 1);
    Map<String, Entry> wf = of(workflow);
    Entry e = wf.get(fingerprint);
    Delivery d = e == null ? null : e.deliveries().get(actionId);
    if (d != null && runId.equals(d.owner())) {
      wf.put(
          fingerprint,
          e.with(actionId, new Delivery(status, runId, null, result, error, d.attempts())));
    }
  }

  @Override
  public synchronized List<GroupState> listActive(String workflow, Instant now) {
    count("Query", 1);
    return of(workflow).values().stream()
        .filter(e -> e.status() == GroupStatus.ACTIVE)
        .map(Entry::state)
        .toList();
  }

  @Override
  public synchronized void recordFollowUpFailed(
      String workflow,
      String fingerprint,
      String actionId,
      String kind,
      String reason,
      Instant now) {
    count("UpdateItem", 1);
  }

  @Override
  public synchronized void clearFollowUp(String workflow, String fingerprint, String actionId) {
    count("UpdateItem", 1);
  }

  @Override
  public synchronized void touch(String workflow, GroupSnapshot snapshot, Instant now) {
    count("UpdateItem", 1);
    Map<String, Entry> wf = of(workflow);
    Entry e = wf.get(snapshot.fingerprint());
    if (e != null) {
      wf.put(
          snapshot.fingerprint(),
          new Entry(
              e.status(),
              e.firstSeenAt(),
              now,
              e.deliveries(),
              snapshot,
              e.resolvedAt(),
              e.revision()));
    }
  }

  @Override
  public synchronized boolean transition(
      String workflow,
      String fingerprint,
      long expectedRevision,
      GroupStatus status,
      GroupSnapshot snapshot,
      Instant now) {
    count("UpdateItem", 1);
    Map<String, Entry> wf = of(workflow);
    Entry e = wf.get(fingerprint);
    if (e == null || e.revision() != expectedRevision) {
      return false;
    }
    wf.put(
        fingerprint,
        new Entry(
            status,
            e.firstSeenAt(),
            now,
            e.deliveries(),
            snapshot == null ? e.snapshot() : snapshot,
            status == GroupStatus.RESOLVED ? now : null,
            e.revision() + 1));
    return true;
  }

  @Override
  public Map<String, Integer> requestCounts() {
    Map<String, Integer> out = new TreeMap<>();
    requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
