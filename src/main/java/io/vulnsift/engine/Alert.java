package io.vulnsift.engine;

import io.vulnsift.model.Group;
import java.time.Instant;
import java.util.Map;

/**
 * A group about to be delivered, with what earlier actions of the same workflow returned for it (so
 * a Slack message can link the Jira issue created just before).
 *
 * @param earlierResults action id → recorded result of that action for this group
 * @param resumesUnfinished an earlier attempt claimed this delivery and never recorded its outcome
 *     (it crashed, or its lease ran out): the side effect may already exist, so the action should
 *     look for it before creating it again
 */
public record Alert(
    String workflow,
    Group group,
    Map<String, Map<String, String>> earlierResults,
    Instant now,
    boolean resumesUnfinished) {
  public Alert {
    earlierResults = Map.copyOf(earlierResults);
  }

  public Alert(
      String workflow, Group group, Map<String, Map<String, String>> earlierResults, Instant now) {
    this(workflow, group, earlierResults, now, false);
  }
}
