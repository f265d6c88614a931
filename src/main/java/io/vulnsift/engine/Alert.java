package io.vulnsift.engine;

import io.vulnsift.model.Group;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A group about to be delivered, with what earlier actions of the same workflow returned for it (so
 * a Slack message can link the Jira issue created just before).
 *
 * @param earlierResults action id → recorded result of that action for this group
 * @param resumesUnfinished an earlier attempt of this delivery never recorded a success: it crashed
 *     or its lease ran out, or it failed — possibly after the service had acted (a timeout, a lost
 *     answer). The side effect may already exist, so the action should look for it before creating
 *     it again
 * @param batch every group this run delivers to the same action, and a scratch map shared by those
 *     deliveries (e.g. a Slack flood digest posted once per channel per run)
 */
public record Alert(
    String workflow,
    Group group,
    Map<String, Map<String, String>> earlierResults,
    Instant now,
    boolean resumesUnfinished,
    Batch batch) {
  public Alert {
    earlierResults = Map.copyOf(earlierResults);
    batch = batch == null ? Batch.of(List.of(group)) : batch;
  }

  public Alert(
      String workflow, Group group, Map<String, Map<String, String>> earlierResults, Instant now) {
    this(workflow, group, earlierResults, now, false, null);
  }

  /**
   * The groups one run delivers to one action, in delivery order, with a map the deliveries of that
   * run may share (thread-safe). Planning must not depend on the map: a dry run plans from {@link
   * #groups()} alone.
   */
  public record Batch(List<Group> groups, ConcurrentMap<String, Object> shared, Derived derived) {
    public Batch {
      groups = List.copyOf(groups);
      derived = derived == null ? new Derived() : derived;
    }

    public Batch(List<Group> groups, ConcurrentMap<String, Object> shared) {
      this(groups, shared, null);
    }

    public static Batch of(List<Group> groups) {
      return new Batch(groups, new ConcurrentHashMap<>());
    }
  }

  /**
   * Values a handler computes from a batch's groups alone, kept for the batch's other alerts (e.g.
   * the groups per Slack channel, which every alert of a run asks for): a cache, so planning stays
   * a function of {@link Batch#groups()}, and one computation per run instead of one per alert. One
   * value per type.
   */
  public static final class Derived {
    private final ConcurrentMap<Class<?>, Object> values = new ConcurrentHashMap<>();

    public <T> T get(Class<T> type, java.util.function.Supplier<T> compute) {
      return type.cast(values.computeIfAbsent(type, k -> compute.get()));
    }
  }
}
