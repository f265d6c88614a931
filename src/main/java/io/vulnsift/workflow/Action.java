package io.vulnsift.workflow;

import java.util.List;
import java.util.Map;

/**
 * Where a new group is delivered. Each action of a workflow has a unique {@link #id()}; the
 * reported state remembers each (group, action) delivery separately.
 */
public sealed interface Action permits Action.Jira, Action.Slack {

  /** Unique id within the workflow (defaults to the type). */
  String id();

  /** The action type as written in YAML. */
  String type();

  /**
   * Creates a Jira issue per new group.
   *
   * @param id unique action id (default {@code jira})
   * @param project project key, e.g. {@code SEC}
   * @param issueType issue type name (default {@code Bug})
   * @param labels extra labels; the group's fingerprint label is always added
   * @param priorities severity → Jira priority name (default CRITICAL→Highest, HIGH→High, …)
   * @param summary Pebble template for the summary (≤ 255 characters after rendering)
   * @param description Pebble template for the description (wiki markup on Data Center,
   *     converted to ADF on Cloud)
   */
  record Jira(
      String id,
      String project,
      String issueType,
      List<String> labels,
      Map<String, String> priorities,
      String summary,
      String description)
      implements Action {
    public Jira {
      id = id == null ? "jira" : id;
      issueType = issueType == null ? "Bug" : issueType;
      labels = labels == null ? List.of() : List.copyOf(labels);
      priorities = priorities == null ? Map.of() : Map.copyOf(priorities);
    }

    @Override
    public String type() {
      return "jira";
    }
  }

  /**
   * Posts a Slack alert per new group.
   *
   * @param id unique action id (default {@code slack})
   * @param channel channel id or name for the bot token (ignored with a webhook)
   * @param webhookUrl incoming-webhook URL, instead of the bot token
   * @param text Pebble template for the message's plain-text fallback
   */
  record Slack(String id, String channel, String webhookUrl, String text) implements Action {
    public Slack {
      id = id == null ? "slack" : id;
    }

    @Override
    public String type() {
      return "slack";
    }
  }
}
