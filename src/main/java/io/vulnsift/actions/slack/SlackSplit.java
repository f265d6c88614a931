package io.vulnsift.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Mrkdwn;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Long lists, split rather than only cut: when a top-level alert (bot token) shows fewer affected
 * images than the group has, the full list follows as one reply in the alert's thread, so the alert
 * stays readable at a glance and nothing is hidden. Plan {@code slack.split}: {@code {"post":
 * <chat.postMessage>, "images": <chat.postMessage with "thread_ts": "$post">}}, {@code "$post"}
 * being the alert's ts, filled at delivery. The reply itself keeps to Block Kit's limits (sections
 * of whole lines, {@link #LISTED_MAX} characters, then "… and N more").
 *
 * <p>Alerts in a flood digest's thread, and webhooks, which cannot thread, keep the truncated list.
 */
final class SlackSplit {

  static final String SPLIT = "slack.split";
  static final String PARENT = "$post";
  static final int LISTED_MAX = 10_000;

  private static final System.Logger LOG = System.getLogger(SlackSplit.class.getName());

  private SlackSplit() {}

  /** The split plan of a top-level alert, or empty when its message shows every image. */
  static Optional<PlannedRequest> plan(ObjectNode post, Alert alert) {
    List<String> images = SlackBlocks.imageLines(alert.group());
    if (!post.has("channel") || images.size() <= SlackBlocks.LIST_ITEMS) {
      return Optional.empty();
    }
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.set("channel", post.get("channel"));
    reply.put("thread_ts", PARENT);
    reply.put("text", "All " + images.size() + " affected images");
    ArrayNode blocks = reply.putArray("blocks");
    StringBuilder section = new StringBuilder("*All affected images (" + images.size() + ")*");
    int listed = 0;
    for (int i = 0; i < images.size(); i++) {
      String line = "\n• " + Mrkdwn.truncate(images.get(i), 280);
      if (listed + line.length() > LISTED_MAX) {
        section.append("\n… and ").append(images.size() - i).append(" more");
        break;
      }
      if (section.length() + line.length() > SlackBlocks.SECTION_MAX - 40) {
        blocks.add(SlackBlocks.section(section.toString()));
        section.setLength(0);
        line = line.substring(1);
      }
      section.append(line);
      listed += line.length();
    }
    blocks.add(SlackBlocks.section(section.toString()));
    blocks.add(SlackBlocks.context(SlackBlocks.footer(alert)));
    reply.put("unfurl_links", false);
    reply.put("unfurl_media", false);
    ObjectNode both = JsonNodeFactory.instance.objectNode();
    both.set("post", post);
    both.set("images", reply);
    return Optional.of(new PlannedRequest(SPLIT, both));
  }

  /**
   * Posts the alert, then the list in its thread. The alert is the delivery: once it is posted, a
   * failed list is logged and recorded ({@code slackImages: failed}), not thrown, because a retry
   * would post the alert a second time.
   */
  static Map<String, String> deliver(SlackClient client, JsonNode payload) {
    Map<String, String> result = new LinkedHashMap<>(client.post(payload.get("post")));
    ObjectNode images = payload.get("images").deepCopy();
    images.put("thread_ts", result.get("slackTs"));
    try {
      result.put("slackImagesTs", client.post(images).get("slackTs"));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Slack images list not posted: {0}", e.getMessage());
      result.put("slackImages", "failed");
    }
    return result;
  }
}
