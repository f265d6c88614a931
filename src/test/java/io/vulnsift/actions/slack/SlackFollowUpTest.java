package io.vulnsift.actions.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Thread replies and the resolved edit, planned exactly and sent to a spec-checked fake Slack. */
class SlackFollowUpTest {

  static final Action.Slack BOT = SlackDeliveryTest.BOT;
  static final String TS = "1732622400.000100";
  static final Map<String, String> DELIVERED = Map.of("slackChannel", "C0123456789", "slackTs", TS);
  static final String FP = Fixtures.key().fingerprint();
  static final String REPLIED =
      "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1732622401.000200\","
          + "\"message\":{\"type\":\"message\",\"text\":\"x\",\"ts\":\"1732622401.000200\"}}";
  static final String UPDATED =
      "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\""
          + TS
          + "\",\"text\":\"x\",\"message\":{\"text\":\"x\"}}";

  WireMockServer slack;
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void start() {
    slack = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  SlackActionHandler handler() {
    return new SlackActionHandler(
        new SlackSettings("xoxb-secret", "http://127.0.0.1:" + slack.port() + "/api"),
        RetryPolicy.DEFAULT.withSleeper(slept::add));
  }

  static FollowUp followUp(FollowUp.Kind kind, String reason) {
    return new FollowUp(kind, Fixtures.alert(), DELIVERED, reason);
  }

  static PlannedRequest plan(FollowUp f) {
    return SlackPlanTest.HANDLER.planFollowUp(BOT, f).orElseThrow();
  }

  @Test
  void renotifyIsAThreadReplyPlannedExactly() throws Exception {
    PlannedRequest plan =
        plan(followUp(FollowUp.Kind.RENOTIFY, "new production workload prod-eu/payments/worker"));

    assertThat(plan.operation()).isEqualTo("slack.reply");
    String images = SlackBlocks.imagesList(Fixtures.group()).replace("\n", "\\n");
    String workloads = SlackBlocks.workloadsList(Fixtures.group()).replace("\n", "\\n");
    assertThat(plan.payload().toString())
        .isEqualTo(
            "{\"channel\":\"C0123456789\",\"thread_ts\":\""
                + TS
                + "\",\"text\":\"Re-notified: CRITICAL CVE-2024-6119 — new production workload"
                + " prod-eu/payments/worker\",\"blocks\":["
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Re-notified:* new production workload prod-eu/payments/worker\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Severity now:* CRITICAL, CVSS 9.8\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\""
                + images
                + "\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\""
                + workloads
                + "\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"
                + "\"vulnsift · workflow critical-production · fingerprint "
                + FP
                + "\"}]}],\"unfurl_links\":false,\"unfurl_media\":false}");
    BlockKitRoundTrip.assertRoundTrips(plan.payload().get("blocks"));
  }

  @Test
  void resolvePlansTheEditAndTheReply() throws Exception {
    PlannedRequest plan = plan(followUp(FollowUp.Kind.RESOLVE, "no longer matched for 24h"));

    assertThat(plan.operation()).isEqualTo("slack.update");
    assertThat(plan.payload().fieldNames()).toIterable().containsExactly("update", "reply");
    JsonNode update = plan.payload().get("update");
    assertThat(update.fieldNames()).toIterable().containsExactly("channel", "ts", "text", "blocks");
    assertThat(update.get("channel").asText()).isEqualTo("C0123456789");
    assertThat(update.get("ts").asText()).isEqualTo(TS);
    assertThat(update.get("text").asText())
        .isEqualTo(
            "✅ Resolved: CRITICAL CVE-2024-6119 in openssl 3.0.13 (payments/api),"
                + " 2 running workload(s)");
    ArrayNode blocks = (ArrayNode) update.get("blocks");
    assertThat(blocks.get(0).toString())
        .isEqualTo(
            "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"✅ Resolved: CRITICAL CVE-2024-6119 in openssl\",\"emoji\":true}}");
    assertThat(blocks.get(1).toString())
        .isEqualTo(
            "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\","
                + "\"text\":\"*Resolved:* no longer matched for 24h\"}]}");
    // the rest is the alert as it was posted
    JsonNode original = SlackMessage.build(BOT, Fixtures.alert()).get("blocks");
    ArrayNode rest = blocks.deepCopy();
    rest.remove(0);
    rest.remove(0);
    ArrayNode originalRest = (ArrayNode) original.deepCopy();
    originalRest.remove(0);
    assertThat(rest).isEqualTo(originalRest);
    BlockKitRoundTrip.assertRoundTrips(blocks);

    assertThat(plan.payload().get("reply").toString())
        .isEqualTo(
            "{\"channel\":\"C0123456789\",\"thread_ts\":\""
                + TS
                + "\",\"text\":\"✅ Resolved: CRITICAL CVE-2024-6119 — no longer matched for 24h\","
                + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*✅ Resolved:* no longer matched for 24h\"}},{\"type\":\"context\","
                + "\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"vulnsift · workflow"
                + " critical-production · fingerprint "
                + FP
                + "\"}]}],\"unfurl_links\":false,\"unfurl_media\":false}");
  }

  @Test
  void aReasonCannotPingTheChannel() {
    PlannedRequest plan = plan(followUp(FollowUp.Kind.REOPEN, "workload <!channel> & <@U123>"));

    assertThat(plan.payload().toString())
        .doesNotContain("<!channel>")
        .doesNotContain("<@U123>")
        .contains("*Regression:* workload &lt;!channel&gt; &amp; &lt;@U123&gt;");
  }

  @Test
  void limitsHoldForHugeGroupsAndReasons() {
    String huge = "<".repeat(50_000);
    List<Finding> findings = new ArrayList<>();
    List<String> images = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String digest = "sha256:" + String.format("%064d", i);
      images.add(digest);
      findings.add(Fixtures.finding(huge, huge, digest, List.of("t".repeat(300))));
      workloads.add(new Workload("c", "n", "w" + i + huge, "production", "p", "o" + i, digest));
    }
    var alert = Fixtures.alert(Fixtures.group(findings, images, workloads));
    for (FollowUp.Kind kind : FollowUp.Kind.values()) {
      JsonNode payload = plan(new FollowUp(kind, alert, DELIVERED, huge)).payload();
      for (JsonNode body : payload.has("update") ? payload : List.of(payload)) {
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        int total = 0;
        for (String text : blocks.findValuesAsText("text")) {
          assertThat(text.length()).isLessThanOrEqualTo(3000);
          total += text.length();
        }
        assertThat(total).as("%s", kind).isLessThanOrEqualTo(12_000);
        assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(3000);
      }
    }
  }

  @Test
  void webhookAlertsGetNoFollowUps() {
    Action.Slack hook =
        new Action.Slack("hook", null, "https://hooks.slack.com/services/T/B/x", null, null, null);
    for (FollowUp.Kind kind : FollowUp.Kind.values()) {
      FollowUp f = new FollowUp(kind, Fixtures.alert(), Map.of("slackWebhook", "ok"), "x");
      assertThat(SlackPlanTest.HANDLER.planFollowUp(hook, f)).as("%s", kind).isEmpty();
    }
    FollowUp outbox =
        new FollowUp(FollowUp.Kind.RESOLVE, Fixtures.alert(), Map.of("outbox", "o"), "x");
    assertThat(SlackPlanTest.HANDLER.planFollowUp(BOT, outbox)).isEmpty();
  }

  @Test
  void threadReplyIsPostedInTheOriginalChannelAndThread() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(REPLIED)));
    FollowUp f = followUp(FollowUp.Kind.REOPEN, "matches again");
    SlackActionHandler handler = handler();
    PlannedRequest plan = handler.planFollowUp(BOT, f).orElseThrow();

    Map<String, String> result = handler.deliverFollowUp(BOT, plan, f);

    assertThat(result)
        .containsEntry("slackTs", TS)
        .containsEntry("slackReplyTs", "1732622401.000200");
    slack.verify(
        postRequestedFor(urlEqualTo("/api/chat.postMessage"))
            .withFormParam("channel", equalTo("C0123456789"))
            .withFormParam("thread_ts", equalTo(TS))
            .withFormParam("text", equalTo(plan.payload().get("text").asText()))
            .withFormParam("blocks", equalToJson(plan.payload().get("blocks").toString())));
    slack.getAllServeEvents().forEach(SlackContracts::assertValid);
  }

  @Test
  void resolveEditsTheAlertThenRepliesInItsThread() {
    slack.stubFor(post("/api/chat.update").willReturn(okJson(UPDATED)));
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(REPLIED)));
    FollowUp f = followUp(FollowUp.Kind.RESOLVE, "no longer matched for 24h");
    SlackActionHandler handler = handler();
    PlannedRequest plan = handler.planFollowUp(BOT, f).orElseThrow();

    Map<String, String> result = handler.deliverFollowUp(BOT, plan, f);

    assertThat(result).containsEntry("slackUpdate", "resolved").containsKey("slackReplyTs");
    JsonNode update = plan.payload().get("update");
    slack.verify(
        postRequestedFor(urlEqualTo("/api/chat.update"))
            .withHeader("Authorization", equalTo("Bearer xoxb-secret"))
            .withFormParam("channel", equalTo("C0123456789"))
            .withFormParam("ts", equalTo(TS))
            .withFormParam("text", equalTo(update.get("text").asText()))
            .withFormParam("blocks", equalToJson(update.get("blocks").toString())));
    slack.verify(
        postRequestedFor(urlEqualTo("/api/chat.postMessage"))
            .withFormParam("thread_ts", equalTo(TS)));
    List<ServeEvent> events = new ArrayList<>(slack.getAllServeEvents());
    assertThat(events).hasSize(2);
    // WireMock lists the newest first: the edit came before the reply
    assertThat(events.get(1).getRequest().getUrl()).isEqualTo("/api/chat.update");
    events.forEach(SlackContracts::assertValid);
    // the reply to the same channel was paced after the edit
    assertThat(slept).hasSize(1);
  }

  @Test
  void anAlertThatCannotBeEditedStillGetsTheReply() {
    slack.stubFor(
        post("/api/chat.update")
            .willReturn(okJson("{\"ok\":false,\"error\":\"message_not_found\"}")));
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(REPLIED)));
    FollowUp f = followUp(FollowUp.Kind.RESOLVE, "gone");
    SlackActionHandler handler = handler();

    Map<String, String> result =
        handler.deliverFollowUp(BOT, handler.planFollowUp(BOT, f).orElseThrow(), f);

    assertThat(result).containsEntry("slackUpdate", "skipped").containsKey("slackReplyTs");
  }

  @Test
  void theEditHonoursRetryAfter() {
    slack.stubFor(
        post("/api/chat.update")
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
            .willSetStateTo("ok"));
    slack.stubFor(
        post("/api/chat.update")
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(UPDATED)));
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(REPLIED)));
    FollowUp f = followUp(FollowUp.Kind.RESOLVE, "gone");
    SlackActionHandler handler = handler();

    handler.deliverFollowUp(BOT, handler.planFollowUp(BOT, f).orElseThrow(), f);

    assertThat(slept).startsWith(Duration.ofSeconds(3));
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.update")));
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}
