package io.vulnsift.actions.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery retried after an attempt that never confirmed its post (a crash, a timeout, a lost
 * answer): the alert that attempt may have posted is looked for in the channel's history by its
 * message metadata before anything is posted again (SPEC §3, exactly once). The end-to-end fault
 * suite drives the same against a killed process ({@code e2e.KilledRunIT}).
 */
class SlackResumedDeliveryTest {

  static final String POSTED =
      "{\"ok\":true,\"channel\":\"C0SECURITY1\",\"ts\":\"1732622999.000200\","
          + "\"message\":{\"type\":\"message\",\"text\":\"x\",\"ts\":\"1732622999.000200\"}}";
  static final Action.Slack BY_NAME =
      new Action.Slack(null, "#security-alerts", null, null, null, null);

  WireMockServer slack;
  final Alert group = Fixtures.alert();
  final Alert resumed =
      new Alert(group.workflow(), group.group(), Map.of(), group.now(), true, null);

  @BeforeEach
  void start() {
    slack = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    slack.stubFor(post("/api/chat.postMessage").willReturn(json(POSTED)));
    slack.stubFor(
        post("/api/conversations.list")
            .willReturn(
                json(
                    "{\"ok\":true,\"channels\":[{\"id\":\"C0GENERAL1\",\"name\":\"general\"},"
                        + "{\"id\":\"C0SECURITY1\",\"name\":\"security-alerts\"}],"
                        + "\"response_metadata\":{\"next_cursor\":\"\"}}")));
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  Map<String, String> deliver(Alert alert) {
    SlackActionHandler handler =
        new SlackActionHandler(
            new SlackSettings("xoxb-test", "http://127.0.0.1:" + slack.port() + "/api"),
            RetryPolicy.DEFAULT.withSleeper(d -> {}));
    PlannedRequest plan = handler.plan(BY_NAME, alert);
    return handler.deliver(BY_NAME, plan, alert);
  }

  /** History of the security channel: someone's message, then (newer) the given ones. */
  void history(String... alerts) {
    List<String> messages = new ArrayList<>(List.of(alerts));
    messages.add("{\"type\":\"message\",\"text\":\"hello\",\"ts\":\"1732600000.000001\"}");
    slack.stubFor(
        post("/api/conversations.history")
            .willReturn(
                json(
                    "{\"ok\":true,\"messages\":["
                        + String.join(",", messages)
                        + "],\"has_more\":false,\"pin_count\":0,\"channel_actions_ts\":null,"
                        + "\"channel_actions_count\":0}")));
  }

  static String alertOf(String fingerprint, String workflow, String ts) {
    return "{\"type\":\"message\",\"text\":\"alert\",\"ts\":\""
        + ts
        + "\",\"metadata\":{\"event_type\":\"vulnsift_alert\",\"event_payload\":"
        + "{\"fingerprint\":\""
        + fingerprint
        + "\",\"workflow\":\""
        + workflow
        + "\"}}}";
  }

  @Test
  void aResumedDeliveryAdoptsTheAlertTheEarlierAttemptPosted() {
    String fp = group.group().fingerprint();
    history(alertOf(fp, group.workflow(), "1732622400.000100"));

    assertThat(deliver(resumed))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("slackChannel", "C0SECURITY1", "slackTs", "1732622400.000100"));

    slack.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    slack.verify(
        postRequestedFor(urlEqualTo("/api/conversations.history"))
            .withFormParam("channel", equalTo("C0SECURITY1"))
            .withFormParam("include_all_metadata", equalTo("1")));
    slack.getAllServeEvents().forEach(SlackContracts::assertValid);
  }

  @Test
  void theAlertOfAnotherGroupOrWorkflowIsNotAdopted() {
    String fp = group.group().fingerprint();
    history(
        alertOf("0000000000aaaaaaaaaa", group.workflow(), "1732622400.000100"),
        alertOf(fp, "another-workflow", "1732622400.000200"));

    assertThat(deliver(resumed)).containsEntry("slackTs", "1732622999.000200");

    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    slack.getAllServeEvents().forEach(SlackContracts::assertValid);
  }

  @Test
  void aFailingSearchStillPosts() {
    slack.stubFor(
        post("/api/conversations.history")
            .willReturn(json("{\"ok\":false,\"error\":\"missing_scope\"}")));

    assertThat(deliver(resumed)).containsEntry("slackTs", "1732622999.000200");

    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void aFirstAttemptPostsWithoutSearching() {
    assertThat(deliver(group)).containsEntry("slackTs", "1732622999.000200");

    slack.verify(0, postRequestedFor(urlEqualTo("/api/conversations.history")));
    slack.verify(0, postRequestedFor(urlEqualTo("/api/conversations.list")));
  }
}
