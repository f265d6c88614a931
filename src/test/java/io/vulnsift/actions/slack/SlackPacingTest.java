package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.workflow.Action;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 40-alert run against a fake that enforces Slack's 1 message/s per channel (burst 3): the
 * client's pacing means no request is ever rate limited, and everything arrives. Counts, not
 * timings: the fake's clock advances by what the client sleeps, so a client that did not wait would
 * be answered 429 here as by Slack.
 */
class SlackPacingTest {

  final FakeSlack fake = new FakeSlack();

  @AfterEach
  void stop() {
    fake.server.stop();
  }

  SlackActionHandler handler(String token) {
    return new SlackActionHandler(
        new SlackSettings(token, fake.apiUrl()),
        RetryPolicy.DEFAULT.withSleeper(fake.clock::sleep));
  }

  @Test
  void theFakeAnswers429BeyondTheBurst() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int[] statuses = new int[4];
    for (int i = 0; i < 4; i++) {
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(fake.apiUrl() + "/chat.postMessage"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("channel=C0DEFAULT00&text=x"))
              .build();
      statuses[i] = http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertThat(fake.rateLimited).hasValue(1);
  }

  @Test
  void fortyAlertsSpreadOverOwnersArriveWithoutA429() {
    Action.Slack action =
        FloodFixtures.bot(Map.of("team-a", "C0TEAMA000", "team-b", "C0TEAMB000"), 40);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(40, "team-a", "team-b", "team-c"));

    SlackFloodDeliveryTest.deliver(handler("xoxb-test"), action, run);

    assertThat(fake.rateLimited).hasValue(0);
    Map<String, Long> perChannel =
        fake.server.getAllServeEvents().stream()
            .collect(
                Collectors.groupingBy(
                    e -> FakeSlack.form(e.getRequest().getBodyAsString(), "channel"),
                    Collectors.counting()));
    assertThat(perChannel)
        .isEqualTo(Map.of("C0TEAMA000", 14L, "C0TEAMB000", 13L, FloodFixtures.DEFAULT, 13L));
  }

  @Test
  void fortyAlertsToOneChannelAreOneDigestAndFortyRepliesWithoutA429() {
    Action.Slack action = FloodFixtures.bot(null, null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(40));

    List<Map<String, String>> results =
        SlackFloodDeliveryTest.deliver(handler("xoxb-test"), action, run);

    assertThat(fake.rateLimited).hasValue(0);
    assertThat(fake.server.getAllServeEvents()).hasSize(41);
    assertThat(results).extracting(r -> r.get("slackTs")).doesNotHaveDuplicates().hasSize(40);
    assertThat(results).extracting(r -> r.get("slackDigestTs")).containsOnly("1732622400.000001");
  }

  @Test
  void aFortyAlertWebhookRunWithoutFloodControlIsPacedToo() {
    Action.Slack hook = FloodFixtures.hook(fake.webhookUrl(), 40);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(40));

    SlackFloodDeliveryTest.deliver(handler(null), hook, run);

    assertThat(fake.rateLimited).hasValue(0);
    assertThat(fake.server.getAllServeEvents()).hasSize(40);
  }
}
