package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackPlanTest {

  static final Action.Slack ACTION = new Action.Slack(null, "C0123456789", null, null, null, null);
  static final SlackActionHandler HANDLER =
      new SlackActionHandler(new SlackSettings("xoxb-secret", null));

  @Test
  void postMessageBodyIsExact() throws Exception {
    PlannedRequest plan = HANDLER.plan(ACTION, Fixtures.alert());
    assertThat(plan.operation()).isEqualTo("slack.post");
    JsonNode body = plan.payload();
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("channel", "text", "blocks", "unfurl_links", "unfurl_media", "metadata");
    assertThat(body.get("channel").asText()).isEqualTo("C0123456789");
    assertThat(body.get("text").asText())
        .isEqualTo(
            "CRITICAL CVE-2024-6119 in openssl 3.0.13 (payments/api), 2 running workload(s)");
    assertThat(body.get("unfurl_links").asBoolean(true)).isFalse();
    assertThat(body.get("metadata").toString())
        .isEqualTo(
            "{\"event_type\":\"vulnsift_alert\",\"event_payload\":{\"fingerprint\":\""
                + Fixtures.key().fingerprint()
                + "\",\"workflow\":\"critical-production\"}}");

    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get(0).toString())
        .isEqualTo(
            "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"CRITICAL CVE-2024-6119 in openssl\",\"emoji\":true}}");
    assertThat(blocks.get(1).get("text").get("text").asText())
        .isEqualTo(
            "*<https://nvd.nist.gov/vuln/detail/CVE-2024-6119|CVE-2024-6119>* Improper certificate validation");
    List<String> fields = new ArrayList<>();
    blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
    assertThat(fields)
        .containsExactly(
            "*Repository*\npayments/api",
            "*Package*\nopenssl 3.0.13 → 3.0.15",
            "*CVSS*\n9.8 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "*Fix / exploit available*\nYES / NO",
            "*EPSS*\n94.3%",
            "*Owner*\nteam-payments");
    assertThat(blocks.get(3).get("text").get("text").asText())
        .isEqualTo(
            "*Affected images (2)*\n• payments/api (v1.2.3, latest) "
                + Fixtures.DIGEST_A
                + "\n• payments/api (v1.2.2) "
                + Fixtures.DIGEST_B);
    assertThat(blocks.get(4).get("text").get("text").asText())
        .isEqualTo(
            "*Running workloads (2)*\n• prod-eu/payments/api — production, owner team-payments\n• prod-eu/payments/worker — production, owner team-payments");
    assertThat(blocks.get(5).get("text").get("text").asText())
        .isEqualTo(
            "<https://nvd.nist.gov/vuln/detail/CVE-2024-6119|NVD CVE-2024-6119>  ·  <https://security-tracker.debian.org/tracker/CVE-2024-6119|Advisory>");
    assertThat(blocks.get(6).get("elements").get(0).get("text").asText())
        .isEqualTo(
            "vulnsift · workflow critical-production · fingerprint "
                + Fixtures.key().fingerprint());

    List<LayoutBlock> model = BlockKitRoundTrip.assertRoundTrips(blocks);
    assertThat(model.get(0)).isInstanceOf(HeaderBlock.class);
    assertThat(model.get(2)).isInstanceOf(SectionBlock.class);
    assertThat(model.get(6)).isInstanceOf(ContextBlock.class);
  }

  @Test
  void linksTheJiraIssueCreatedEarlier() {
    Alert alert =
        new Alert(
            "wf",
            Fixtures.group(),
            Map.of(
                "jira",
                Map.of("jiraKey", "SEC-12", "jiraUrl", "https://acme.atlassian.net/browse/SEC-12")),
            Fixtures.NOW);
    JsonNode blocks = HANDLER.plan(ACTION, alert).payload().get("blocks");
    assertThat(blocks.get(5).get("text").get("text").asText())
        .startsWith("Jira: <https://acme.atlassian.net/browse/SEC-12|SEC-12>  ·  ");
  }

  @Test
  void webhookPayloadHasNoChannel() {
    JsonNode body =
        HANDLER
            .plan(
                new Action.Slack(
                    "s", "ignored", "https://hooks.slack.com/services/T0/B0/x", null, null, null),
                Fixtures.alert())
            .payload();
    assertThat(body.has("channel")).isFalse();
    assertThat(body.has("blocks")).isTrue();
  }

  @Test
  void hostileTextCanNeverPingOrLink() throws Exception {
    String evil = "<!channel> <@U123> <!here|x> <https://evil|click> & co";
    Finding f = Fixtures.finding(evil, evil, Fixtures.DIGEST_A, List.of("<!everyone>"));
    Workload w =
        new Workload("c", "<!channel>", "w", "production", "p", "<@U999>", Fixtures.DIGEST_A);
    var group = Fixtures.group(List.of(f), List.of(Fixtures.DIGEST_A), List.of(w));
    JsonNode body =
        HANDLER
            .plan(
                new Action.Slack(
                    null, "C0123456789", null, "{{ finding.title }} <!subteam^S1>", null, null),
                Fixtures.alert(group))
            .payload();
    String all = body.toString();
    assertThat(all)
        .doesNotContain(
            "<!channel>", "<@U123>", "<!here", "<https://evil", "<!everyone>", "<@U999>");
    assertThat(body.get("text").asText())
        .isEqualTo(
            "&lt;!channel&gt; &lt;@U123&gt; &lt;!here|x&gt; &lt;https://evil|click&gt; &amp; co <!subteam^S1>");
    BlockKitRoundTrip.assertRoundTrips(body.get("blocks"));
  }

  @Test
  void limitsHoldForHugeGroups() throws Exception {
    String huge = "<".repeat(50_000);
    List<Finding> findings = new ArrayList<>();
    List<String> images = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String digest = "sha256:" + String.format("%064d", i);
      images.add(digest);
      findings.add(Fixtures.finding(huge, huge, digest, List.of("t".repeat(300))));
      workloads.add(
          new Workload(
              "c", "n", "w" + i + huge.substring(0, 500), "production", "p", "o" + i, digest));
    }
    var group = Fixtures.group(findings, images, workloads);
    PlannedRequest plan =
        HANDLER.plan(
            new Action.Slack(null, "C0123456789", null, "{{ finding.title }}", null, null),
            Fixtures.alert(group));
    // the alert shows 10 images; the full list is split into a reply in its thread
    assertThat(plan.operation()).isEqualTo("slack.split");
    JsonNode body = plan.payload().get("post");
    JsonNode list = plan.payload().get("images");
    assertThat(list.get("thread_ts").asText()).isEqualTo("$post");
    assertThat(list.get("channel").asText()).isEqualTo("C0123456789");
    assertWithinLimits(list.get("blocks"));
    String listed = list.get("blocks").get(0).at("/text/text").asText();
    assertThat(listed)
        // each line cut visibly, like the message's own list
        .startsWith("*All affected images (300)*\n• payments/api (ttt")
        .contains("t…\n• ");
    int shown = (int) list.toString().chars().filter(c -> c == '•').count();
    assertThat(shown).isGreaterThan(30);
    assertThat(list.get("blocks").get(list.get("blocks").size() - 2).at("/text/text").asText())
        .endsWith("… and " + (300 - shown) + " more");
    BlockKitRoundTrip.assertRoundTrips(list.get("blocks"));
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    int total = 0;
    for (String text : blocks.findValuesAsText("text")) {
      assertThat(text.length()).isLessThanOrEqualTo(3000);
      total += text.length();
    }
    assertThat(total).isLessThanOrEqualTo(12_000);
    assertThat(blocks.get(0).get("text").get("text").asText().length()).isLessThanOrEqualTo(150);
    blocks
        .get(2)
        .get("fields")
        .forEach(fl -> assertThat(fl.get("text").asText().length()).isLessThanOrEqualTo(2000));
    assertThat(blocks.get(3).get("text").get("text").asText())
        .contains("*Affected images (300)*")
        .endsWith("… and 290 more");
    assertThat(blocks.get(4).get("text").get("text").asText()).contains("and 290 more");
    assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(3000);
    assertThat(body.get("text").asText()).doesNotContain("<").endsWith("…");
    BlockKitRoundTrip.assertRoundTrips(blocks);
  }

  static void assertWithinLimits(JsonNode blocks) {
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    int total = 0;
    for (String text : blocks.findValuesAsText("text")) {
      assertThat(text.length()).isLessThanOrEqualTo(3000);
      total += text.length();
    }
    assertThat(total).isLessThanOrEqualTo(12_000);
  }

  @Test
  void aFewImagesAreNotSplitNorAreWebhookAlerts() {
    assertThat(HANDLER.plan(ACTION, Fixtures.alert()).operation()).isEqualTo("slack.post");
    List<Finding> findings = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String digest = "sha256:" + String.format("%064d", i);
      images.add(digest);
      findings.add(Fixtures.finding(digest, List.of("v" + i)));
    }
    Alert eleven = Fixtures.alert(Fixtures.group(findings, images, List.of()));
    assertThat(HANDLER.plan(ACTION, eleven).operation()).isEqualTo("slack.split");
    Action.Slack hook =
        new Action.Slack(null, null, "https://hooks.slack.com/services/x", null, null, null);
    assertThat(HANDLER.plan(hook, eleven).operation()).isEqualTo("slack.post");
  }

  @Test
  void configuredWithWebhookOrBotToken() {
    assertThat(HANDLER.configured(ACTION)).isTrue();
    SlackActionHandler none = new SlackActionHandler(SlackSettings.NONE);
    assertThat(none.configured(ACTION)).isFalse();
    assertThat(
            none.configured(
                new Action.Slack(
                    null, null, "https://hooks.slack.com/services/x", null, null, null)))
        .isTrue();
    assertThat(new SlackSettings("xoxb-secret", null).toString())
        .doesNotContain("xoxb")
        .contains("https://slack.com/api/");
    assertThat(
            SlackSettings.fromEnv(Map.of("VULNSIFT_SLACK_API_URL", "http://127.0.0.1:1/api"))
                .apiUrl())
        .isEqualTo("http://127.0.0.1:1/api/");
  }
}
