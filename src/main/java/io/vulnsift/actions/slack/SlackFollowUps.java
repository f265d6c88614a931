package io.vulnsift.actions.slack;

import static io.vulnsift.actions.template.Mrkdwn.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Mrkdwn;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans the follow-ups of a Slack alert; pure, like the post plan. They go where the alert went
 * ({@code slackChannel}, {@code slackTs} as recorded), so a thread keeps a group's history:
 *
 * <ul>
 *   <li>{@code RENOTIFY}, {@code REOPEN} → {@code slack.reply}: exactly the {@code
 *       chat.postMessage} body of a thread reply ({@code channel}, {@code thread_ts}, {@code text},
 *       {@code blocks}) saying what happened and the group as it is now.
 *   <li>{@code RESOLVE} → {@code slack.update}: two exact bodies, {@code {"update": <chat.update>,
 *       "reply": <chat.postMessage>}}, sent in that order — the alert itself is edited to read "✅
 *       Resolved" with the reason under its header, and a thread reply says why.
 * </ul>
 *
 * <p>An alert sent through an incoming webhook has no channel id or ts to address, and webhooks can
 * neither edit nor thread, so nothing is planned for it (nor for an alert with no recorded ts, e.g.
 * one written to the outbox).
 */
final class SlackFollowUps {

  static final String REPLY = "slack.reply";
  static final String UPDATE = "slack.update";
  static final String RESOLVED = "✅ Resolved: ";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SlackFollowUps() {}

  static Optional<PlannedRequest> plan(Action.Slack action, FollowUp followUp) {
    String channel = followUp.delivered().get("slackChannel");
    String ts = followUp.delivered().get("slackTs");
    if (!Text.isBlank(action.webhookUrl()) || Text.isBlank(channel) || Text.isBlank(ts)) {
      return Optional.empty();
    }
    // An alert sent into a flood digest's thread is itself a reply: Slack threads on the parent,
    // so its follow-ups reply to the digest, while the resolved edit still targets the alert.
    String digestTs = followUp.delivered().get("slackDigestTs");
    String parent = Text.isBlank(digestTs) ? ts : digestTs;
    if (followUp.kind() != FollowUp.Kind.RESOLVE) {
      return Optional.of(new PlannedRequest(REPLY, reply(channel, parent, followUp)));
    }
    ObjectNode both = JSON.objectNode();
    both.set("update", update(action, channel, ts, followUp));
    both.set("reply", reply(channel, parent, followUp));
    return Optional.of(new PlannedRequest(UPDATE, both));
  }

  /** The alert as it was, marked resolved: header prefixed, the reason right under it. */
  static ObjectNode update(Action.Slack action, String channel, String ts, FollowUp followUp) {
    ObjectNode original = SlackMessage.build(action, followUp.alert());
    ArrayNode blocks = (ArrayNode) original.get("blocks");
    ObjectNode header = (ObjectNode) blocks.get(0).get("text");
    String title = RESOLVED + header.get("text").asText();
    header.put("text", Text.truncate(title, SlackBlocks.HEADER_MAX, "…"));
    blocks.insert(1, SlackBlocks.context("*Resolved:* " + reason(followUp)));
    ObjectNode body = JSON.objectNode().put("channel", channel).put("ts", ts);
    String text = RESOLVED + original.get("text").asText();
    body.put("text", Mrkdwn.truncate(text, SlackMessage.TEXT_MAX));
    body.set("blocks", blocks);
    return body;
  }

  /** A thread reply: what happened, then (unless resolved) the group as it is now. */
  static ObjectNode reply(String channel, String ts, FollowUp followUp) {
    Group group = followUp.alert().group();
    String what =
        switch (followUp.kind()) {
          case RENOTIFY -> "Re-notified";
          case REOPEN -> "Regression";
          case RESOLVE -> "✅ Resolved";
        };
    String id = Objects.toString(group.lead().vulnerabilityId(), "unknown vulnerability");
    ArrayNode blocks = JSON.arrayNode();
    blocks.add(
        SlackBlocks.section(
            Mrkdwn.truncate("*" + what + ":* " + reason(followUp), SlackBlocks.SECTION_MAX)));
    if (followUp.kind() != FollowUp.Kind.RESOLVE) {
      String cvss = TemplateModel.formatCvss(group.maxCvss());
      blocks.add(
          SlackBlocks.section(
              "*Severity now:* "
                  + group.maxSeverity().name()
                  + (cvss.isEmpty() ? "" : ", CVSS " + cvss)));
      blocks.add(SlackBlocks.section(SlackBlocks.imagesList(group)));
      blocks.add(SlackBlocks.section(SlackBlocks.workloadsList(group)));
    }
    blocks.add(SlackBlocks.context(SlackBlocks.footer(followUp.alert())));
    String text = what + ": " + group.maxSeverity().name() + " " + id + " — " + raw(followUp);
    ObjectNode body = JSON.objectNode().put("channel", channel).put("thread_ts", ts);
    body.put("text", Mrkdwn.truncate(escape(text), SlackMessage.TEXT_MAX));
    body.set("blocks", blocks);
    body.put("unfurl_links", false);
    body.put("unfurl_media", false);
    return body;
  }

  /**
   * The engine's reason, escaped: it may quote workload names from the inventory. Short, because
   * the edited alert must stay under Slack's ~12,000-character block text limit.
   */
  private static String reason(FollowUp followUp) {
    return Mrkdwn.truncate(escape(raw(followUp)), 500);
  }

  private static String raw(FollowUp followUp) {
    return Text.isBlank(followUp.reason()) ? "no reason given" : Text.oneLine(followUp.reason());
  }
}
