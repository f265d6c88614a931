package io.vulnsift.actions.slack;

import static io.vulnsift.actions.template.Mrkdwn.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Mrkdwn;
import io.vulnsift.actions.template.Text;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import java.util.List;
import java.util.Objects;

/**
 * The flood digest: one message listing a run's alerts for a channel (severity, vulnerability,
 * package, repository), posted instead of N top-level messages. Lines are escaped (a {@code
 * <!channel>} in a package name must not ping) and capped so the message stays within Block Kit's
 * limits: each line 200 characters, each section 3,000, {@link #LISTED_MAX} characters listed in
 * all and at most {@link #SECTIONS_MAX} sections, then "… and N more".
 */
final class SlackDigest {

  static final int LINE_MAX = 200;
  static final int LISTED_MAX = 9_000;
  static final int SECTIONS_MAX = 40;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SlackDigest() {}

  /**
   * The {@code chat.postMessage} body for {@code channel}, or the webhook payload when {@code
   * channel} is null (a webhook cannot thread, so the digest says the alerts are not attached).
   */
  static ObjectNode build(String workflow, String channel, List<Group> groups) {
    boolean threaded = channel != null;
    ObjectNode body = JSON.objectNode();
    if (threaded) {
      body.put("channel", channel);
    }
    String summary = groups.size() + " vulnerability alerts from workflow " + workflow;
    ArrayNode blocks = body.putArray("blocks");
    blocks
        .addObject()
        .put("type", "header")
        .set("text", SlackBlocks.plain(Text.truncate(summary, SlackBlocks.HEADER_MAX, "…")));
    lines(blocks, groups);
    blocks.add(
        SlackBlocks.context(
            "vulnsift · workflow "
                + escape(Text.truncate(workflow, 100, "…"))
                + " · too many alerts for one message each"
                + (threaded ? ": each alert is in this thread" : "")));
    String text = summary + (threaded ? " (each in this thread)" : "");
    body.put("text", Mrkdwn.truncate(escape(text), SlackMessage.TEXT_MAX));
    body.put("unfurl_links", false);
    body.put("unfurl_media", false);
    return body;
  }

  /** Adds the list as sections of whole lines, stopping at the caps with "… and N more". */
  private static void lines(ArrayNode blocks, List<Group> groups) {
    StringBuilder section = new StringBuilder();
    int listed = 0;
    int sections = 0;
    for (int i = 0; i < groups.size(); i++) {
      String line = Mrkdwn.truncate(line(groups.get(i)), LINE_MAX);
      boolean full = section.length() + line.length() + 1 > SlackBlocks.SECTION_MAX - 40;
      if (full) {
        blocks.add(SlackBlocks.section(section.toString()));
        section.setLength(0);
        sections++;
      }
      if (listed + line.length() > LISTED_MAX || sections == SECTIONS_MAX) {
        section.append(section.length() == 0 ? "" : "\n");
        section.append("… and ").append(groups.size() - i).append(" more");
        break;
      }
      section.append(section.length() == 0 ? "" : "\n").append(line);
      listed += line.length();
    }
    if (section.length() > 0) {
      blocks.add(SlackBlocks.section(section.toString()));
    }
  }

  /** {@code • *CRITICAL* CVE-… · openssl 3.0.13 · payments/api}, every value escaped. */
  static String line(Group group) {
    Finding lead = group.lead();
    return "• *"
        + group.maxSeverity().name()
        + "* "
        + escape(Text.oneLine(Objects.toString(lead.vulnerabilityId(), "unknown vulnerability")))
        + " · "
        + escape(Text.oneLine(lead.packageName() + " " + lead.packageVersion()))
        + " · "
        + escape(Text.oneLine(Objects.toString(lead.repository(), "?")));
  }
}
