package io.vulnsift.actions.slack;

import static io.vulnsift.actions.template.Mrkdwn.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Mrkdwn;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Block Kit blocks of a Slack alert. Every untrusted value is mrkdwn-escaped and every block is
 * capped so that the sum stays under Slack's undocumented ~12,000-character block text limit:
 * header 150, title 1,500, six fields of at most 300, two lists of 3,000, links and context short.
 */
public final class SlackBlocks {

  public static final int HEADER_MAX = 150;
  public static final int SECTION_MAX = 3000;
  public static final int TITLE_MAX = 1500;
  public static final int FIELD_MAX = 300;
  public static final int LIST_ITEMS = 10;

  /** Longer URLs are not linked: with their labels they could not stay whole within a block. */
  static final int URL_MAX = 500;

  /** The vulnerability id as shown in the title and the links. */
  static final int ID_MAX = 100;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SlackBlocks() {}

  public static ArrayNode build(Alert alert) {
    Group group = alert.group();
    Finding lead = group.lead();
    String id = Objects.toString(lead.vulnerabilityId(), "unknown vulnerability");
    ArrayNode blocks = JSON.arrayNode();
    String header =
        group.maxSeverity().name() + " " + id + " in " + Objects.toString(lead.packageName(), "?");
    blocks
        .addObject()
        .put("type", "header")
        .set("text", plain(Text.truncate(Text.oneLine(header), HEADER_MAX, "…")));

    String nvd = TemplateModel.nvdUrl(id);
    // Only an absurd CVE id makes a long NVD URL; not linking it keeps the link whole in the title
    String nvdLink = nvd.isEmpty() || nvd.length() > URL_MAX ? null : nvd;
    String shownId = Text.truncate(Text.oneLine(id), ID_MAX, "…");
    String title = "*" + Mrkdwn.link(nvdLink, shownId) + "* " + escape(Text.oneLine(lead.title()));
    blocks.add(section(Mrkdwn.truncate(title, TITLE_MAX)));

    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    field(fields, "Repository", lead.repository());
    field(
        fields,
        "Package",
        lead.packageName()
            + " "
            + lead.packageVersion()
            + " → "
            + or(lead.fixedInVersion(), "no fix yet"));
    String cvss = TemplateModel.formatCvss(group.maxCvss());
    field(
        fields,
        "CVSS",
        cvss.isEmpty() ? "unknown" : cvss + " " + Objects.toString(lead.cvssVector(), ""));
    field(
        fields,
        "Fix / exploit available",
        or(lead.fixAvailable(), "unknown") + " / " + or(lead.exploitAvailable(), "unknown"));
    String epss = TemplateModel.formatEpss(lead.epssScore());
    if (!epss.isEmpty()) {
      field(fields, "EPSS", epss);
    }
    field(
        fields, "Owner", group.owners().isEmpty() ? "unknown" : String.join(", ", group.owners()));

    blocks.add(section(imagesList(group)));
    blocks.add(section(workloadsList(group)));

    List<String> links = new ArrayList<>();
    Map<String, String> jira = TemplateModel.jiraResult(alert);
    if (jira.get("jiraUrl") != null) {
      links.add("Jira: " + Mrkdwn.link(jira.get("jiraUrl"), jira.get("jiraKey")));
    }
    if (nvdLink != null) {
      links.add(Mrkdwn.link(nvdLink, "NVD " + shownId));
    }
    if (!Text.isBlank(lead.uri())) {
      links.add(Mrkdwn.link(lead.uri().length() <= URL_MAX ? lead.uri() : null, "Advisory"));
    }
    if (!links.isEmpty()) {
      blocks.add(section(Mrkdwn.truncate(String.join("  ·  ", links), SECTION_MAX)));
    }

    blocks.add(context(footer(alert)));
    return blocks;
  }

  /** The context line naming the workflow and the group, so a message can be traced back. */
  static String footer(Alert alert) {
    return "vulnsift · workflow "
        + escape(Text.truncate(alert.workflow(), 100, "…"))
        + " · fingerprint "
        + alert.group().fingerprint();
  }

  static ObjectNode context(String mrkdwn) {
    ObjectNode ctx = JSON.objectNode().put("type", "context");
    ctx.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
    return ctx;
  }

  /** The affected images as a capped, escaped mrkdwn list. */
  static String imagesList(Group group) {
    return list("Affected images", imageLines(group));
  }

  /** One escaped line per affected image: repository, tags, digest. */
  static List<String> imageLines(Group group) {
    List<String> images = new ArrayList<>();
    for (Map<String, Object> image : TemplateModel.affectedImages(group)) {
      String tags = (String) image.get("tagsText");
      images.add(
          escape(
              image.get("repository")
                  + (tags.isEmpty() ? "" : " (" + tags + ")")
                  + " "
                  + image.get("digest")));
    }
    return images;
  }

  /** The running workloads as a capped, escaped mrkdwn list. */
  static String workloadsList(Group group) {
    List<String> workloads = new ArrayList<>();
    for (Workload w : group.workloads()) {
      String owner = w.owner() == null ? "" : ", owner " + w.owner();
      workloads.add(escape(w.path() + " — " + w.stage() + owner));
    }
    return list("Running workloads", workloads);
  }

  /** {@code *Title (n)*} then bullets, {@code LIST_ITEMS} at most, then "and N more". */
  static String list(String title, List<String> escapedItems) {
    StringBuilder sb = new StringBuilder("*" + title + " (" + escapedItems.size() + ")*");
    int shown = 0;
    for (String item : escapedItems) {
      String line = "\n• " + Mrkdwn.truncate(item, 280);
      int rest = escapedItems.size() - shown;
      if (shown == LIST_ITEMS || sb.length() + line.length() + 20 > SECTION_MAX) {
        sb.append("\n… and ").append(rest).append(" more");
        break;
      }
      sb.append(line);
      shown++;
    }
    if (escapedItems.isEmpty()) {
      sb.append("\nnone");
    }
    return sb.toString();
  }

  private static void field(ArrayNode fields, String label, String untrusted) {
    String value = Mrkdwn.truncate(escape(Text.oneLine(untrusted)), FIELD_MAX);
    fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + value);
  }

  static ObjectNode section(String mrkdwn) {
    ObjectNode s = JSON.objectNode().put("type", "section");
    s.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    return s;
  }

  static ObjectNode plain(String text) {
    return JSON.objectNode().put("type", "plain_text").put("text", text).put("emoji", true);
  }

  private static String or(String value, String fallback) {
    return Text.isBlank(value) ? fallback : value;
  }
}
