package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A flooded channel gets one digest and every alert in its thread, through the real SDK. */
class SlackFloodDeliveryTest {

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

  /** Plans and delivers like the engine: in batch order, each alert on its own. */
  static List<Map<String, String>> deliver(
      SlackActionHandler handler, Action.Slack action, List<Alert> alerts) {
    List<Map<String, String>> results = new ArrayList<>();
    for (Alert alert : alerts) {
      PlannedRequest plan = handler.plan(action, alert);
      results.add(handler.deliver(action, plan, alert));
    }
    return results;
  }

  /** The requests in the order they arrived, each checked against Slack's Web API spec. */
  List<ServeEvent> requests() {
    List<ServeEvent> events = new ArrayList<>(fake.server.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    return events;
  }

  @Test
  void oneDigestThenEveryAlertInItsThreadAndFollowUpsThreadThere() {
    Action.Slack action = FloodFixtures.bot(null, null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(12));

    List<Map<String, String>> results = deliver(handler("xoxb-test"), action, run);

    List<ServeEvent> posts = requests();
    assertThat(posts).hasSize(13);
    posts.forEach(SlackContracts::assertValid);
    String digestBody = posts.get(0).getRequest().getBodyAsString();
    assertThat(FakeSlack.form(digestBody, "thread_ts")).isNull();
    assertThat(FakeSlack.form(digestBody, "text")).startsWith("12 vulnerability alerts");
    String digestTs = "1732622400.000001";
    for (int i = 1; i < 13; i++) {
      String body = posts.get(i).getRequest().getBodyAsString();
      assertThat(FakeSlack.form(body, "thread_ts")).isEqualTo(digestTs);
      assertThat(FakeSlack.form(body, "metadata")).contains(run.get(i - 1).group().fingerprint());
    }
    for (int i = 0; i < 12; i++) {
      assertThat(results.get(i))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "slackChannel",
                  FloodFixtures.DEFAULT,
                  "slackTs",
                  String.format("1732622400.%06d", i + 2),
                  "slackDigestTs",
                  digestTs));
    }
    assertThat(fake.rateLimited).hasValue(0);

    // follow-ups reply in the digest's thread (Slack threads on the parent) and edit the alert
    FollowUp resolve = new FollowUp(FollowUp.Kind.RESOLVE, run.get(4), results.get(4), "fixed");
    PlannedRequest followUp = handler("xoxb-test").planFollowUp(action, resolve).orElseThrow();
    assertThat(followUp.payload().at("/update/ts").asText()).isEqualTo("1732622400.000006");
    assertThat(followUp.payload().at("/reply/thread_ts").asText()).isEqualTo(digestTs);
    FollowUp renotify = new FollowUp(FollowUp.Kind.RENOTIFY, run.get(4), results.get(4), "x");
    assertThat(
            handler("xoxb-test")
                .planFollowUp(action, renotify)
                .orElseThrow()
                .payload()
                .get("thread_ts")
                .asText())
        .isEqualTo(digestTs);
  }

  @Test
  void concurrentDeliveriesOfOneRunPostOneDigest() throws Exception {
    Action.Slack action = FloodFixtures.bot(null, null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(16));
    SlackActionHandler handler = handler("xoxb-test");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Map<String, String>>> results = new ArrayList<>();
      for (Alert alert : run) {
        results.add(pool.submit(() -> handler.deliver(action, handler.plan(action, alert), alert)));
      }
      for (Future<Map<String, String>> r : results) {
        assertThat(r.get())
            .containsEntry("slackDigestTs", results.get(0).get().get("slackDigestTs"));
      }
    } finally {
      pool.shutdownNow();
    }
    long digests =
        fake.server.getAllServeEvents().stream()
            .filter(e -> FakeSlack.form(e.getRequest().getBodyAsString(), "thread_ts") == null)
            .count();
    assertThat(digests).isEqualTo(1);
    assertThat(fake.server.getAllServeEvents()).hasSize(17);
    assertThat(fake.rateLimited).hasValue(0);
  }

  @Test
  void aReplyPostsTheDigestWhenTheFirstGroupDidNot() {
    Action.Slack action = FloodFixtures.bot(null, null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(12));

    // the first group is held by another run (or was delivered before): the rest still thread
    List<Map<String, String>> results = deliver(handler("xoxb-test"), action, run.subList(1, 12));

    List<ServeEvent> posts = requests();
    assertThat(posts).hasSize(12);
    assertThat(FakeSlack.form(posts.get(0).getRequest().getBodyAsString(), "text"))
        .startsWith("12 vulnerability alerts");
    assertThat(results)
        .allSatisfy(r -> assertThat(r).containsEntry("slackDigestTs", "1732622400.000001"));
  }

  @Test
  void aFailedDigestFailsThatDeliveryAndTheNextOneTriesAgain() {
    Action.Slack action = FloodFixtures.bot(null, null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(11));
    SlackActionHandler handler = handler("xoxb-test");
    fake.failNext.set(1);

    assertThatThrownBy(() -> handler.deliver(action, handler.plan(action, run.get(0)), run.get(0)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("channel_not_found");
    Map<String, String> second =
        handler.deliver(action, handler.plan(action, run.get(1)), run.get(1));

    assertThat(second).containsEntry("slackDigestTs", "1732622400.000001");
    assertThat(fake.server.getAllServeEvents()).hasSize(3); // failed digest, digest, reply
  }

  @Test
  void aFloodedWebhookSendsOnlyTheDigest() {
    Action.Slack hook = FloodFixtures.hook(fake.webhookUrl(), null);
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(12));

    List<Map<String, String>> results = deliver(handler(null), hook, run);

    assertThat(fake.server.getAllServeEvents()).hasSize(1);
    assertThat(fake.server.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .contains("12 vulnerability alerts");
    assertThat(results)
        .allSatisfy(
            r -> assertThat(r).isEqualTo(Map.of("slackWebhook", "ok", "slackDigest", "webhook")));
  }
}
