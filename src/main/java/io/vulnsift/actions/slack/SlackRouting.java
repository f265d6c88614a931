package io.vulnsift.actions.slack;

import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.Alert;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a group's alert goes, and whether its channel is flooded in this run. Pure: it reads only
 * the action and the run's batch, so a dry run plans exactly what a real run sends.
 */
final class SlackRouting {

  /** The destination of an incoming webhook: it is bound to one channel, owners do not apply. */
  static final String WEBHOOK = "webhook";

  private SlackRouting() {}

  /**
   * The first of the group's owners (sorted) with a channel in {@code owners}, else the default.
   */
  static String channel(Action.Slack action, Group group) {
    for (String owner : group.owners()) {
      String channel = action.owners().get(owner);
      if (!Text.isBlank(channel)) {
        return channel;
      }
    }
    return action.channel();
  }

  /** The channel, or {@link #WEBHOOK}: the key that flood control and pacing count by. */
  static String destination(Action.Slack action, Group group) {
    return Text.isBlank(action.webhookUrl()) ? channel(action, group) : WEBHOOK;
  }

  /** The groups of this run going where this alert goes, in delivery order. */
  static List<Group> sameDestination(Action.Slack action, Alert alert) {
    // Every alert of the run asks this: computed once per run, planning N alerts is O(N), not
    // O(N²) (docs/benchmarks.md).
    Destinations all =
        alert
            .batch()
            .derived()
            .get(Destinations.class, () -> Destinations.of(action, alert.batch().groups()));
    return all.byDestination().getOrDefault(destination(action, alert.group()), List.of());
  }

  /** A batch's groups by destination, each list in delivery order. */
  private record Destinations(Map<String, List<Group>> byDestination) {
    static Destinations of(Action.Slack action, List<Group> groups) {
      Map<String, List<Group>> out = new HashMap<>();
      for (Group g : groups) {
        out.computeIfAbsent(destination(action, g), d -> new ArrayList<>()).add(g);
      }
      out.replaceAll((d, list) -> List.copyOf(list));
      return new Destinations(out);
    }
  }

  /** More alerts for this alert's destination in this run than the action's cap allows. */
  static boolean flooded(Action.Slack action, List<Group> sameDestination) {
    return sameDestination.size() > action.floodLimit();
  }

  /** Whether the alert is the first of its destination's groups, the one that plans the digest. */
  static boolean first(Alert alert, List<Group> sameDestination) {
    return !sameDestination.isEmpty()
        && sameDestination.get(0).fingerprint().equals(alert.group().fingerprint());
  }
}
