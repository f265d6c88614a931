package io.vulnsift.workflow;

import java.time.Duration;
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
   * @param description Pebble template for the description (wiki markup on Data Center, converted
   *     to ADF on Cloud)
   * @param resolveTransition on resolve, the transition (or target status) to take (default {@code
   *     Done})
   * @param resolveFallbacks tried in order when {@code resolveTransition} is not available (default
   *     {@code [Resolved, Closed]}); when none is, a comment is left instead
   * @param reopenTransition on a regression, the transition (or target status) to take (default
   *     {@code Reopen})
   * @param reopenFallbacks tried in order when {@code reopenTransition} is not available (default
   *     {@code [Reopened, To Do, Open]})
   * @param neverReopen resolutions a regression never reopens, only comments on (default {@code
   *     [Won't Fix, Won't Do, Duplicate]})
   * @param reopenWindow an issue resolved longer ago than this is not reopened, only commented on
   *     (default 30d)
   * @param components component names set on every issue (default none)
   * @param customFields custom field id → Pebble template of its value (a number when it parses as
   *     one; an object or array when the template is written as one and the result parses)
   * @param owners group owner → project, assignee and components for that owner's issues
   * @param cvssPriorities CVSS threshold → priority name; the highest threshold at or below the
   *     group's CVSS wins over {@code priorities}
   */
  @Doc("Creates a Jira issue per new group.")
  record Jira(
      @Doc("Unique action id within the workflow (default jira).") String id,
      @Required @Doc("Jira project key, e.g. SEC.") String project,
      @Doc("Issue type name (default Bug).") String issueType,
      @Doc("Extra labels; the group's fingerprint label is always added.") List<String> labels,
      @Format(ValueFormat.SEVERITY)
          @Doc("Severity to Jira priority name, e.g. {CRITICAL: Highest} (default by severity).")
          Map<String, String> priorities,
      @Format(ValueFormat.TEMPLATE)
          @Doc("Pebble template for the summary (at most 255 characters after rendering).")
          String summary,
      @Format(ValueFormat.TEMPLATE) @Doc("Pebble template for the description.") String description,
      @Doc(
              "On resolve, the transition to take, by transition or target status name (default"
                  + " Done).")
          String resolveTransition,
      @Doc(
              "Tried in order when resolveTransition is not available (default [Resolved,"
                  + " Closed]); when none is, a comment is left instead.")
          List<String> resolveFallbacks,
      @Doc(
              "On a regression, the transition to take, by transition or target status name"
                  + " (default Reopen).")
          String reopenTransition,
      @Doc(
              "Tried in order when reopenTransition is not available (default [Reopened, To Do,"
                  + " Open]); when none is, a comment is left instead.")
          List<String> reopenFallbacks,
      @Doc(
              "Resolutions a regression never reopens, it only comments (default [Won't Fix,"
                  + " Won't Do, Duplicate]).")
          List<String> neverReopen,
      @Doc(
              "A regression reopens only issues resolved within this window; older ones get a"
                  + " comment (default 30d).")
          Duration reopenWindow,
      @Doc("Component names set on every issue (default none).") List<String> components,
      @Doc(
              "Custom field id to Pebble template, rendered with the description's variables,"
                  + " e.g. {customfield_10010: '{{ maxSeverity }}'}; a result that parses as a JSON"
                  + " number is sent as a number, one that parses as an object or array as that"
                  + " JSON when the template is written as one ({...} or [...]), else a string.")
          Map<String, String> customFields,
      @Doc(
              "Group owner (inventory owner/team label) to project, assignee and components;"
                  + " the first owner of the group with an entry wins, else the action's own"
                  + " settings.")
          Map<String, Owner> owners,
      @Doc(
              "CVSS score threshold to Jira priority name, e.g. {9.0: Highest, 7.0: High}: the"
                  + " highest threshold at or below the group's highest CVSS score wins over"
                  + " priorities; without a CVSS score, or below every threshold, priorities"
                  + " apply.")
          Map<String, String> cvssPriorities)
      implements Action {

    /**
     * Where the issues of one owner go.
     *
     * @param project project key instead of the action's
     * @param assignee account id (Cloud) or user name (Data Center)
     * @param components component names instead of the action's
     */
    @Doc("Routing of one owner's issues.")
    public record Owner(
        @Doc("Project key instead of the action's.") String project,
        @Doc("Assignee: account id on Jira Cloud, user name on Data Center.") String assignee,
        @Doc("Component names instead of the action's.") List<String> components) {
      public Owner {
        components = components == null ? null : List.copyOf(components);
      }
    }

    public Jira {
      id = id == null ? "jira" : id;
      issueType = issueType == null ? "Bug" : issueType;
      labels = labels == null ? List.of() : List.copyOf(labels);
      priorities = priorities == null ? Map.of() : Map.copyOf(priorities);
      resolveTransition = resolveTransition == null ? "Done" : resolveTransition;
      resolveFallbacks =
          resolveFallbacks == null ? List.of("Resolved", "Closed") : List.copyOf(resolveFallbacks);
      reopenTransition = reopenTransition == null ? "Reopen" : reopenTransition;
      reopenFallbacks =
          reopenFallbacks == null
              ? List.of("Reopened", "To Do", "Open")
              : List.copyOf(reopenFallbacks);
      neverReopen =
          neverReopen == null
              ? List.of("Won't Fix", "Won't Do", "Duplicate")
              : List.copyOf(neverReopen);
      reopenWindow = reopenWindow == null ? Duration.ofDays(30) : reopenWindow;
      components = components == null ? List.of() : List.copyOf(components);
      // Sorted, so the planned body is the same on every run.
      customFields =
          customFields == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(customFields));
      owners = owners == null ? Map.of() : Map.copyOf(owners);
      cvssPriorities = cvssPriorities == null ? Map.of() : Map.copyOf(cvssPriorities);
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
   * @param owners group owner → channel; the first of a group's owners (sorted) with an entry picks
   *     the channel, else {@code channel} (ignored with a webhook, which is bound to one channel)
   * @param floodCap above this many alerts for one channel in one run, one digest message lists
   *     them and each alert goes into its thread (default 10)
   */
  @Doc("Posts a Slack alert per new group, to a channel (bot token) or an incoming webhook.")
  @RequireOneOf({"channel", "webhookUrl"})
  record Slack(
      @Doc("Unique action id within the workflow (default slack).") String id,
      @Doc("Channel id or name, e.g. #security-alerts.") String channel,
      @Doc("Incoming-webhook URL, instead of the bot token.") String webhookUrl,
      @Format(ValueFormat.TEMPLATE) @Doc("Pebble template for the message's plain-text fallback.")
          String text,
      @Doc(
              "Group owner to channel, e.g. {team-payments: C0123456789}; the first of a group's"
                  + " owners with an entry wins, else channel (ignored with a webhook).")
          Map<String, String> owners,
      @Doc(
              "Above this many alerts for one channel in one run, one digest message lists them"
                  + " and each alert goes into its thread (default 10).")
          Integer floodCap)
      implements Action {
    public static final int DEFAULT_FLOOD_CAP = 10;

    public Slack {
      id = id == null ? "slack" : id;
      owners = owners == null ? Map.of() : Map.copyOf(owners);
      floodCap = floodCap == null ? DEFAULT_FLOOD_CAP : floodCap;
    }

    /** {@link #floodCap()}; the loader has checked it is a whole number of at least 1. */
    public int floodLimit() {
      return floodCap;
    }

    /** Without the webhook URL, which is a credential: whoever has it can post to the channel. */
    @Override
    public String toString() {
      return "Slack[id="
          + id
          + ", channel="
          + channel
          + ", webhookUrl="
          + (webhookUrl == null ? "null" : "<redacted>")
          + ", text="
          + text
          + ", owners="
          + owners
          + ", floodCap="
          + floodCap
          + "]";
    }

    @Override
    public String type() {
      return "slack";
    }
  }
}
