package io.vulnsift.actions.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryDeadline;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackDeliveryTest {

  static final String OK =
      "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1732622400.000100\","
          + "\"message\":{\"type\":\"message\",\"text\":\"x\",\"ts\":\"1732622400.000100\"}}";
  static final Action.Slack BOT = new Action.Slack(null, "C0123456789", null, null, null, null);
  static final String HOOK_PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

  WireMockServer slack;
  final List<Duration> slept = new ArrayList<>();
  final Alert alert = Fixtures.alert();

  @BeforeEach
  void start() {
    slack = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  String base() {
    return "http://127.0.0.1:" + slack.port();
  }

  SlackActionHandler handler(String token) {
    return new SlackActionHandler(
        new SlackSettings(token, base() + "/api"), RetryPolicy.DEFAULT.withSleeper(slept::add));
  }

  Map<String, String> deliver(SlackActionHandler handler, Action.Slack action) {
    PlannedRequest plan = handler.plan(action, alert);
    return handler.deliver(action, plan, alert);
  }

  @Test
  void postsThePlannedMessageWithTheBotToken() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK)));
    SlackActionHandler handler = handler("xoxb-secret");
    PlannedRequest plan = handler.plan(BOT, alert);

    Map<String, String> result = handler.deliver(BOT, plan, alert);

    assertThat(result)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("slackChannel", "C0123456789", "slackTs", "1732622400.000100"));
    slack.verify(
        postRequestedFor(urlEqualTo("/api/chat.postMessage"))
            .withHeader("Authorization", equalTo("Bearer xoxb-secret"))
            .withFormParam("channel", equalTo("C0123456789"))
            .withFormParam("text", equalTo(plan.payload().get("text").asText()))
            .withFormParam("blocks", equalToJson(plan.payload().get("blocks").toString()))
            // the SDK encodes form booleans as 0/1, which Slack accepts
            .withFormParam("unfurl_links", equalTo("0"))
            .withFormParam("unfurl_media", equalTo("0"))
            .withFormParam("metadata", equalToJson(plan.payload().get("metadata").toString())));
    SlackContracts.assertValid(slack.getAllServeEvents().get(0));
  }

  /**
   * Slack may have posted before the connection broke: sending the request again at once (as OkHttp
   * does by default) would alert twice. The attempt fails; the engine retries it later and looks
   * for the message first (SlackResumedDeliveryTest).
   */
  @Test
  void aConnectionResetAfterSendingIsNotSilentlySentAgain() {
    // A first post leaves a kept-alive connection in the pool; the second post breaks on it.
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("reset")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK))
            .willSetStateTo("broken"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("reset")
            .whenScenarioStateIs("broken")
            .willReturn(
                aResponse()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("recovered"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("reset")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK)));
    SlackActionHandler handler = handler("xoxb-secret");
    deliver(handler, BOT);

    assertThatThrownBy(() -> deliver(handler, BOT)).isInstanceOf(DeliveryException.class);

    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void okFalseIsADeliveryErrorWithTheCode() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"invalid_auth\"}")));

    assertThatThrownBy(() -> deliver(handler("xoxb-secret"), BOT))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("invalid_auth")
        .hasMessageContaining("VULNSIFT_SLACK_BOT_TOKEN")
        .hasMessageNotContaining("xoxb-secret");
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void honoursRetryAfterOn429() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
            .willSetStateTo("ok"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK)));

    SlackActionHandler handler = handler("xoxb-secret");
    assertThat(deliver(handler, BOT)).containsEntry("slackTs", "1732622400.000100");
    assertThat(slept).containsExactly(Duration.ofSeconds(3));
    // Both attempts count: the run report shows what Slack's rate limit saw.
    assertThat(handler.requestCounts()).isEqualTo(Map.of("chat.postMessage", 2));
  }

  /** Slack answers every post with 429, asking for a second's wait. */
  private void rateLimitedForever() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
  }

  @Test
  void persistentRateLimitFailsAfterTheBudget() {
    rateLimitedForever();

    assertThatThrownBy(() -> deliver(handler("xoxb-secret"), BOT))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("429");
    slack.verify(4, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void noRetryThatCouldOutlastTheDeliverysClaim() {
    rateLimitedForever();
    // Less of the claim left than a wait and one more attempt may take (the handler's timeout).
    Instant deadline = Instant.now().plusSeconds(5);

    assertThatThrownBy(
            () -> DeliveryDeadline.within(deadline, () -> deliver(handler("xoxb-secret"), BOT)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("429");
    assertThat(slept).isEmpty();
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void webhookSendsThePayloadAndReadsPlainTextOk() {
    slack.stubFor(
        post(HOOK_PATH)
            .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("ok")));
    Action.Slack hook = new Action.Slack("hook", null, base() + HOOK_PATH, null, null, null);
    SlackActionHandler handler = handler(null);
    PlannedRequest plan = handler.plan(hook, alert);

    assertThat(handler.deliver(hook, plan, alert)).isEqualTo(Map.of("slackWebhook", "ok"));
    assertThat(handler.requestCounts()).isEqualTo(Map.of("webhook", 1));
    slack.verify(
        postRequestedFor(urlEqualTo(HOOK_PATH))
            .withRequestBody(equalToJson(plan.payload().toString())));
  }

  @Test
  void webhookErrorsKeepTheUrlSecret() {
    slack.stubFor(post(HOOK_PATH).willReturn(aResponse().withStatus(404).withBody("no_team")));
    Action.Slack hook = new Action.Slack("hook", null, base() + HOOK_PATH, null, null, null);

    assertThatThrownBy(() -> deliver(handler(null), hook))
        .isInstanceOf(DeliveryException.class)
        .hasMessage("Slack webhook failed with HTTP 404: no_team");
  }

  @Test
  void webhookRetriesAfter429() {
    slack.stubFor(
        post(HOOK_PATH)
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("rate_limited"))
            .willSetStateTo("ok"));
    slack.stubFor(
        post(HOOK_PATH)
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody("ok")));

    assertThat(
            deliver(
                handler(null),
                new Action.Slack("hook", null, base() + HOOK_PATH, null, null, null)))
        .containsEntry("slackWebhook", "ok");
    assertThat(slept).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void withoutTokenOrWebhookDeliveryFailsClearly() {
    assertThatThrownBy(() -> deliver(handler(null), BOT))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("VULNSIFT_SLACK_BOT_TOKEN");
  }

  @Test
  void pacesMessagesToTheSameChannel() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK)));
    SlackActionHandler handler = handler("xoxb-secret");

    deliver(handler, BOT);
    deliver(handler, BOT);
    deliver(handler, new Action.Slack("other", "C9876543210", null, null, null, null));

    // only the second message to the same channel waited, and for at most a second
    assertThat(slept).hasSize(1);
    assertThat(slept.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
  }
}
