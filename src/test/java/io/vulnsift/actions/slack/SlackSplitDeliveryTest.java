package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An alert with many images: the alert, then the full list in its thread, through the SDK. */
class SlackSplitDeliveryTest {

  final FakeSlack fake = new FakeSlack();
  final Action.Slack action = FloodFixtures.bot(null, null);
  final SlackActionHandler handler =
      new SlackActionHandler(
          new SlackSettings("xoxb-test", fake.apiUrl()),
          RetryPolicy.DEFAULT.withSleeper(fake.clock::sleep));

  @AfterEach
  void stop() {
    fake.server.stop();
  }

  static Alert manyImages(int n) {
    List<Finding> findings = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String digest = "sha256:" + String.format("%064d", i);
      images.add(digest);
      findings.add(Fixtures.finding(digest, List.of("v" + i)));
    }
    return Fixtures.alert(Fixtures.group(findings, images, List.of()));
  }

  @Test
  void postsTheAlertThenTheFullListInItsThread() {
    Alert alert = manyImages(25);
    PlannedRequest plan = handler.plan(action, alert);

    Map<String, String> result = handler.deliver(action, plan, alert);

    List<ServeEvent> posts = new ArrayList<>(fake.server.getAllServeEvents());
    posts.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    assertThat(posts).hasSize(2);
    posts.forEach(SlackContracts::assertValid);
    String list = posts.get(1).getRequest().getBodyAsString();
    assertThat(FakeSlack.form(list, "thread_ts")).isEqualTo("1732622400.000001");
    assertThat(FakeSlack.form(list, "blocks")).contains("All affected images (25)", "v24");
    assertThat(result)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "slackChannel", FloodFixtures.DEFAULT,
                "slackTs", "1732622400.000001",
                "slackImagesTs", "1732622400.000002"));
  }

  @Test
  void aFailedListDoesNotFailThePostedAlert() {
    fake.failReplies = true;
    Alert alert = manyImages(25);

    Map<String, String> result = handler.deliver(action, handler.plan(action, alert), alert);

    assertThat(result)
        .containsEntry("slackTs", "1732622400.000001")
        .containsEntry("slackImages", "failed");
    assertThat(fake.server.getAllServeEvents()).hasSize(2);
  }
}
