package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.actions.HostileAlerts;
import io.vulnsift.actions.HostileText;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text scanners and clusters put into an alert, every Slack message vulnsift would send
 * for it (alert, split image list, flood digest, follow-up reply and resolved edit) mentions
 * nobody, links only to the advisory and NVD pages, has no broken entity or character, and keeps
 * within Block Kit's limits.
 */
class SlackMessageProperties {

  static final SlackActionHandler HANDLER =
      new SlackActionHandler(new SlackSettings("xoxb-secret", null));
  static final Pattern LINK = Pattern.compile("<(https?://[^<>|\\s\"]+)(?:\\|([^<>]*))?>");

  @Provide
  Arbitrary<Alert> alerts() {
    return HostileAlerts.alerts();
  }

  @Provide
  Arbitrary<String> textTemplates() {
    return Arbitraries.of(
        null,
        "{{ finding.title }} {{ finding.description }}",
        "*{{ finding.packageName }}* {{ finding.uri | link }} {{ finding.repository }}",
        "{% for w in workloads %}{{ w.path }} {{ w.owner }}\n{% endfor %}");
  }

  @Property(tries = 100)
  void alertsCannotMentionLinkOrBreakTheMessage(
      @ForAll("alerts") Alert alert, @ForAll("textTemplates") String template) throws Exception {
    Action.Slack action = new Action.Slack(null, "C0123456789", null, template, null, null);
    PlannedRequest plan = HANDLER.plan(action, alert);
    List<JsonNode> messages = messages(plan.payload());
    assertThat(messages).isNotEmpty();
    for (JsonNode message : messages) {
      assertSafe(message, allowedLinks(alert));
    }
  }

  @Property(tries = 50)
  void digestsCannotMentionLinkOrBreakTheMessage(
      @ForAll("alerts") Alert a, @ForAll("alerts") Alert b) throws Exception {
    assertSafe(
        SlackDigest.build("critical-production", "C0123456789", List.of(a.group(), b.group())),
        Set.of());
  }

  @Property(tries = 50)
  void followUpsCannotMentionLinkOrBreakTheMessage(
      @ForAll("alerts") Alert alert, @ForAll FollowUp.Kind kind, @ForAll("reasons") String reason)
      throws Exception {
    Action.Slack action = new Action.Slack(null, "C0123456789", null, null, null, null);
    FollowUp followUp =
        new FollowUp(
            kind,
            alert,
            Map.of("slackChannel", "C0123456789", "slackTs", "1700000000.000100"),
            reason);
    PlannedRequest plan = SlackFollowUps.plan(action, followUp).orElseThrow();
    for (JsonNode message : messages(plan.payload())) {
      assertSafe(message, allowedLinks(alert));
    }
  }

  @Provide
  Arbitrary<String> reasons() {
    return HostileText.text().injectNull(0.1);
  }

  @Example
  void aHugeCveIdIsNotLinkedHalfway() throws Exception {
    // regression: the NVD link of an absurdly long CVE id was cut inside "<url|label>"
    Finding f =
        io.vulnsift.actions.Fixtures.bareFinding(
            "CVE-2024-" + "1".repeat(2000),
            "t",
            "d",
            "123456789012",
            "payments/api",
            io.vulnsift.actions.Fixtures.DIGEST_A,
            io.vulnsift.actions.Fixtures.NOW,
            io.vulnsift.actions.Fixtures.NOW,
            Finding.ScanType.BASIC);
    Alert alert =
        io.vulnsift.actions.Fixtures.alert(
            io.vulnsift.actions.Fixtures.group(
                List.of(f), List.of(io.vulnsift.actions.Fixtures.DIGEST_A), List.of()));
    JsonNode body =
        HANDLER
            .plan(new Action.Slack(null, "C0123456789", null, null, null, null), alert)
            .payload();
    assertSafe(body, allowedLinks(alert));
  }

  /** The NVD page of the lead's CVE and every finding's advisory URL, as the message may link. */
  static Set<String> allowedLinks(Alert alert) {
    Set<String> allowed = new HashSet<>();
    allowed.add(TemplateModel.nvdUrl(alert.group().lead().vulnerabilityId()));
    alert.group().findings().forEach(f -> allowed.add(f.uri()));
    return allowed;
  }

  /** The message bodies of a plan: the body itself, or the bodies of a split or an update. */
  static List<JsonNode> messages(JsonNode payload) {
    if (payload.has("blocks") || payload.has("text")) {
      return List.of(payload);
    }
    List<JsonNode> out = new ArrayList<>();
    payload.forEach(out::add);
    return out;
  }

  static void assertSafe(JsonNode message, Set<String> allowedLinks) throws Exception {
    assertThat(message.has("link_names")).as("link_names turns @here into a mention").isFalse();
    assertThat(message.path("parse").asText("none")).isEqualTo("none");
    assertThat(message.get("text").asText().length()).isLessThanOrEqualTo(SlackMessage.TEXT_MAX);
    assertMrkdwnSafe(message.get("text").asText(), allowedLinks);
    JsonNode blocks = message.get("blocks");
    if (blocks == null) {
      return;
    }
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    int total = 0;
    for (JsonNode block : blocks) {
      switch (block.get("type").asText()) {
        case "header" -> {
          assertThat(block.at("/text/type").asText()).isEqualTo("plain_text");
          assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(150);
        }
        case "section" -> {
          if (block.has("text")) {
            assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
          }
          assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
          block
              .path("fields")
              .forEach(f -> assertThat(f.get("text").asText().length()).isLessThanOrEqualTo(2000));
        }
        case "context" -> {
          assertThat(block.get("elements").size()).isLessThanOrEqualTo(10);
          block
              .get("elements")
              .forEach(e -> assertThat(e.get("text").asText().length()).isLessThanOrEqualTo(3000));
        }
        default -> throw new AssertionError("unexpected block " + block);
      }
    }
    List<JsonNode> texts = new ArrayList<>();
    textObjects(blocks, texts);
    assertThat(texts).isNotEmpty();
    for (JsonNode text : texts) {
      JsonNode t = text.get("text");
      total += t.asText().length();
      if ("mrkdwn".equals(text.path("type").asText())) {
        assertMrkdwnSafe(t.asText(), allowedLinks);
      } else {
        assertThat(HostileText.wellFormed(t.asText())).isTrue();
      }
    }
    assertThat(total).isLessThanOrEqualTo(12_000);
    BlockKitRoundTrip.assertRoundTrips(blocks);
  }

  /** Every object of the tree with a textual {@code text} (text objects of any depth). */
  static void textObjects(JsonNode node, List<JsonNode> out) {
    if (node.path("text").isTextual()) {
      out.add(node);
    }
    node.forEach(child -> textObjects(child, out));
  }

  /**
   * Every {@code <…>} is a whole link to an allowed http(s) URL with a literal label; outside of
   * links there is no {@code <} or {@code >}; every {@code &} starts an entity; no lone surrogate.
   */
  static void assertMrkdwnSafe(String mrkdwn, Set<String> allowedLinks) {
    StringBuilder outside = new StringBuilder();
    Matcher m = LINK.matcher(mrkdwn);
    int at = 0;
    while (m.find()) {
      outside.append(mrkdwn, at, m.start());
      String url = m.group(1).replace("&amp;", "&");
      assertThat(allowedLinks).as("link target in %s", mrkdwn).contains(url);
      assertThat(m.group(1).replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
      if (m.group(2) != null) {
        outside.append(m.group(2));
      }
      at = m.end();
    }
    outside.append(mrkdwn.substring(at));
    String rest = outside.toString();
    assertThat(rest).as("markup outside of links in %s", mrkdwn).doesNotContain("<", ">");
    assertThat(rest.replaceAll("&(amp|lt|gt);", ""))
        .as("broken entity in %s", mrkdwn)
        .doesNotContain("&");
    assertThat(HostileText.wellFormed(mrkdwn)).as("well-formed UTF-16: %s", mrkdwn).isTrue();
  }
}
