package io.vulnsift.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Group;
import io.vulnsift.workflow.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Flood control: when a run has more alerts for one channel than the action's {@code floodCap}, the
 * channel gets one digest ({@link SlackDigest}) and each alert becomes a reply in its thread. Plans
 * (pure; {@code "$digest"} stands for the ts of this run's digest, filled at delivery):
 *
 * <ul>
 *   <li>the channel's first group: {@code slack.digest} {@code {"digest": <chat.postMessage>,
 *       "reply": <chat.postMessage with "thread_ts": "$digest">}};
 *   <li>the others: {@code slack.reply}, the reply alone.
 *   <li>With a webhook, which cannot thread, only the digest is sent: the first group plans {@code
 *       slack.digest} {@code {"digest": <payload>}}, the others {@code slack.digested} {@code
 *       {"digest": "$digest"}}: nothing of their own is sent, their result records the digest.
 * </ul>
 *
 * <p>The digest is not a (group, action) delivery the engine claims: whichever delivery of the
 * channel runs first in the run posts it, once, and the others reuse its ts from the run's shared
 * map. A delivery planned as a reply still posts the digest (rebuilt from the same batch) when the
 * first group's delivery did not (already delivered, held by another run, or failed). If the run
 * dies between the digest and its first reply, the next run posts a new digest: a duplicate digest
 * is the price of never losing an alert.
 */
final class SlackFlood {

  static final String DIGEST = "slack.digest";
  static final String REPLY = "slack.reply";
  static final String DIGESTED = "slack.digested";
  static final String PARENT = "$digest";

  private SlackFlood() {}

  /** The flood plan of this alert, or empty when its channel is within the cap. */
  static Optional<PlannedRequest> plan(Action.Slack action, Alert alert) {
    List<Group> same = SlackRouting.sameDestination(action, alert);
    if (!SlackRouting.flooded(action, same)) {
      return Optional.empty();
    }
    boolean first = SlackRouting.first(alert, same);
    ObjectNode both = JsonNodeFactory.instance.objectNode();
    if (isWebhook(action)) {
      if (!first) {
        return Optional.of(new PlannedRequest(DIGESTED, both.put("digest", PARENT)));
      }
      both.set("digest", digest(action, alert, same));
      return Optional.of(new PlannedRequest(DIGEST, both));
    }
    ObjectNode reply = reply(action, alert);
    if (!first) {
      return Optional.of(new PlannedRequest(REPLY, reply));
    }
    both.set("digest", digest(action, alert, same));
    both.set("reply", reply);
    return Optional.of(new PlannedRequest(DIGEST, both));
  }

  /** Sends a flood plan: the run's digest once per channel, then (bot token) the group's reply. */
  static Map<String, String> deliver(
      SlackClient client, Action.Slack action, PlannedRequest request, Alert alert) {
    String destination = SlackRouting.destination(action, alert.group());
    Once once =
        (Once)
            alert.batch().shared().computeIfAbsent("slack.digest:" + destination, k -> new Once());
    JsonNode planned = request.payload().path("digest");
    JsonNode digest =
        planned.isObject()
            ? planned
            : digest(action, alert, SlackRouting.sameDestination(action, alert));
    Map<String, String> result = new LinkedHashMap<>();
    if (isWebhook(action)) {
      once.get(() -> client.send(action.webhookUrl(), digest).get("slackWebhook"));
      result.put("slackWebhook", "ok");
      result.put("slackDigest", "webhook");
      return result;
    }
    String digestTs = once.get(() -> client.post(digest).get("slackTs"));
    ObjectNode reply =
        (request.payload().has("reply") ? request.payload().get("reply") : request.payload())
            .deepCopy();
    reply.put("thread_ts", digestTs);
    result.putAll(client.post(reply));
    result.put("slackDigestTs", digestTs);
    return result;
  }

  private static ObjectNode digest(Action.Slack action, Alert alert, List<Group> same) {
    String channel = isWebhook(action) ? null : SlackRouting.channel(action, alert.group());
    return SlackDigest.build(alert.workflow(), channel, same);
  }

  /** The group's full alert as a thread reply: {@code thread_ts} right after {@code channel}. */
  private static ObjectNode reply(Action.Slack action, Alert alert) {
    ObjectNode message = SlackMessage.build(action, alert);
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.set("channel", message.remove("channel"));
    reply.put("thread_ts", PARENT);
    reply.setAll(message);
    return reply;
  }

  private static boolean isWebhook(Action.Slack action) {
    return !Text.isBlank(action.webhookUrl());
  }

  /**
   * The run's digest of one channel: posted by the first delivery that needs it, under a lock so
   * concurrent deliveries of one run wait rather than post twice. A failed post leaves it unset, so
   * the next delivery of the channel tries again.
   */
  static final class Once {
    private String value;

    synchronized String get(Supplier<String> post) {
      if (value == null) {
        value = post.get();
      }
      return value;
    }
  }
}
