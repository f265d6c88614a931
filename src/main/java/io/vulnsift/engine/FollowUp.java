package io.vulnsift.engine;

import java.util.Map;

/**
 * Something happened to a group that was already delivered to an action: the action may update what
 * it created (a Jira comment or transition, a Slack thread reply or message update).
 *
 * @param kind what happened
 * @param alert the group as this run sees it (for RESOLVE: as it was last reported)
 * @param delivered what the action recorded when it first delivered the group (e.g. {@code
 *     jiraKey}, {@code slackChannel} + {@code slackTs})
 * @param reason in words, e.g. {@code "new production workload prod-eu/payments/api"}
 */
public record FollowUp(Kind kind, Alert alert, Map<String, String> delivered, String reason) {

  public FollowUp {
    delivered = Map.copyOf(delivered);
  }

  /** The lifecycle events of a reported group. */
  public enum Kind {
    /** The group changed in a way a re-notify rule asks to report (severity, new workload). */
    RENOTIFY,
    /** The group stopped matching for the grace period: it is resolved. */
    RESOLVE,
    /** A resolved group matches again (regression). */
    REOPEN
  }
}
