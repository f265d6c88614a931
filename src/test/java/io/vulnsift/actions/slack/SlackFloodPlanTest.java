package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Group;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Owner routing and flood-control plans, asserted exactly; pure, so dry runs show them. */
class SlackFloodPlanTest {

  static final SlackActionHandler HANDLER = SlackPlanTest.HANDLER;
  static final Map<String, String> OWNERS = Map.of("team-a", "C0TEAMA000", "team-b", "C0TEAMB000");

  @Test
  void routesToTheFirstOwnerWithAChannelElseTheDefault() {
    Group base = FloodFixtures.group(1, "team-b");
    Workload second = base.workloads().get(0);
    Workload first =
        new Workload("c", "n", "w2", "production", "p", "team-a", second.imageDigest());
    Group both =
        new Group(base.key(), base.findings(), base.affectedImages(), List.of(second, first));
    Action.Slack action = FloodFixtures.bot(OWNERS, null);
    Action.Slack plain = FloodFixtures.bot(null, null);

    for (var c :
        List.of(
            Map.entry(both, "C0TEAMA000"), // owners are sorted: team-a before team-b
            Map.entry(FloodFixtures.group(2, "team-b"), "C0TEAMB000"),
            Map.entry(FloodFixtures.group(3, "team-z"), FloodFixtures.DEFAULT),
            Map.entry(FloodFixtures.group(4, null), FloodFixtures.DEFAULT))) {
      Alert alert = FloodFixtures.alerts(List.of(c.getKey())).get(0);
      PlannedRequest plan = HANDLER.plan(action, alert);
      ObjectNode expected = (ObjectNode) HANDLER.plan(plain, alert).payload();
      expected.put("channel", c.getValue());
      assertThat(plan.operation()).isEqualTo("slack.post");
      assertThat(plan.payload()).isEqualTo(expected);
    }
  }

  @Test
  void atTheCapEveryAlertIsATopLevelPost() {
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(10));
    Action.Slack action = FloodFixtures.bot(null, null);
    assertThat(run)
        .allSatisfy(a -> assertThat(HANDLER.plan(action, a).operation()).isEqualTo("slack.post"));
  }

  @Test
  void aboveTheCapTheFirstPlansTheDigestAndEveryAlertIsAReplyInItsThread() throws Exception {
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(11));
    Action.Slack action = FloodFixtures.bot(null, null);
    List<PlannedRequest> plans = run.stream().map(a -> HANDLER.plan(action, a)).toList();

    assertThat(plans.get(0).operation()).isEqualTo("slack.digest");
    assertThat(plans.get(0).payload().fieldNames()).toIterable().containsExactly("digest", "reply");
    assertThat(plans.subList(1, 11))
        .allSatisfy(p -> assertThat(p.operation()).isEqualTo("slack.reply"));

    JsonNode digest = plans.get(0).payload().get("digest");
    assertThat(digest.fieldNames())
        .toIterable()
        .containsExactly("channel", "blocks", "text", "unfurl_links", "unfurl_media");
    assertThat(digest.get("channel").asText()).isEqualTo(FloodFixtures.DEFAULT);
    assertThat(digest.get("text").asText())
        .isEqualTo(
            "11 vulnerability alerts from workflow critical-production (each in this thread)");
    String lines =
        IntStream.range(0, 11)
            .mapToObj(i -> "• *HIGH* CVE-2026-" + (1000 + i) + " · pkg-" + i + " 1.0 · repo/" + i)
            .collect(Collectors.joining("\n"));
    JsonNode blocks = digest.get("blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).at("/text/text").asText())
        .isEqualTo("11 vulnerability alerts from workflow critical-production");
    assertThat(blocks.get(1).at("/text/text").asText()).isEqualTo(lines);
    assertThat(blocks.get(2).at("/elements/0/text").asText())
        .isEqualTo(
            "vulnsift · workflow critical-production · too many alerts for one message each:"
                + " each alert is in this thread");
    BlockKitRoundTrip.assertRoundTrips(blocks);

    for (int i = 0; i < 11; i++) {
      JsonNode reply = i == 0 ? plans.get(0).payload().get("reply") : plans.get(i).payload();
      ObjectNode expected =
          (ObjectNode)
              HANDLER
                  .plan(action, FloodFixtures.alerts(List.of(run.get(i).group())).get(0))
                  .payload();
      assertThat(reply.fieldNames()).toIterable().startsWith("channel", "thread_ts");
      assertThat(reply.get("thread_ts").asText()).isEqualTo("$digest");
      ObjectNode withoutParent = reply.deepCopy();
      withoutParent.remove("thread_ts");
      assertThat(withoutParent).isEqualTo(expected);
    }
    // pure: the same plan again, and nothing left in the run's shared map
    assertThat(HANDLER.plan(action, run.get(0))).isEqualTo(plans.get(0));
    assertThat(run.get(0).batch().shared()).isEmpty();
  }

  @Test
  void theCapCountsPerChannel() {
    List<Group> groups = new ArrayList<>(FloodFixtures.groups(11, "team-a"));
    for (int i = 0; i < 3; i++) {
      groups.add(FloodFixtures.group(100 + i, "team-c"));
    }
    List<Alert> run = FloodFixtures.alerts(groups);
    Action.Slack action = FloodFixtures.bot(OWNERS, null);
    List<String> ops = run.stream().map(a -> HANDLER.plan(action, a).operation()).toList();
    assertThat(ops.subList(0, 11)).first().isEqualTo("slack.digest");
    assertThat(ops.subList(1, 11)).containsOnly("slack.reply");
    assertThat(ops.subList(11, 14)).containsOnly("slack.post");
    assertThat(HANDLER.plan(action, run.get(0)).payload().at("/digest/channel").asText())
        .isEqualTo("C0TEAMA000");
  }

  @Test
  void aLargerCapKeepsPosts() {
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(11));
    assertThat(HANDLER.plan(FloodFixtures.bot(null, 11), run.get(0)).operation())
        .isEqualTo("slack.post");
    assertThat(
            HANDLER
                .plan(
                    FloodFixtures.bot(null, 1),
                    FloodFixtures.alerts(FloodFixtures.groups(2)).get(1))
                .operation())
        .isEqualTo("slack.reply");
  }

  @Test
  void floodCapDefaultsToTen() {
    assertThat(FloodFixtures.bot(null, null).floodLimit()).isEqualTo(10);
  }

  @Test
  void webhookFloodSendsOnlyTheDigest() {
    List<Alert> run = FloodFixtures.alerts(FloodFixtures.groups(11, "team-a", "team-b"));
    Action.Slack hook = FloodFixtures.hook("https://hooks.slack.com/services/T0/B0/x", null);
    List<PlannedRequest> plans = run.stream().map(a -> HANDLER.plan(hook, a)).toList();
    assertThat(plans.get(0).operation()).isEqualTo("slack.digest");
    JsonNode digest = plans.get(0).payload().get("digest");
    assertThat(plans.get(0).payload().fieldNames()).toIterable().containsExactly("digest");
    assertThat(digest.has("channel")).isFalse();
    assertThat(digest.get("text").asText())
        .isEqualTo("11 vulnerability alerts from workflow critical-production");
    assertThat(plans.subList(1, 11))
        .allSatisfy(
            p -> {
              assertThat(p.operation()).isEqualTo("slack.digested");
              assertThat(p.payload().toString()).isEqualTo("{\"digest\":\"$digest\"}");
            });
  }

  @Test
  void digestEscapesUntrustedTextAndStaysWithinBlockKitLimits() throws Exception {
    String evil = "<!channel> <@U123> & <https://evil|x>" + "<".repeat(400);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      groups.add(FloodFixtures.group("CVE-" + i + evil, "pkg" + evil, "repo" + evil, null));
    }
    JsonNode digest =
        HANDLER
            .plan(FloodFixtures.bot(null, null), FloodFixtures.alerts(groups).get(0))
            .payload()
            .get("digest");
    String all = digest.toString();
    assertThat(all).doesNotContain("<!channel>", "<@U123>", "<https://evil");
    JsonNode blocks = digest.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    int total = 0;
    for (String text : blocks.findValuesAsText("text")) {
      assertThat(text.length()).isLessThanOrEqualTo(3000);
      total += text.length();
    }
    assertThat(total).isLessThanOrEqualTo(12_000);
    String last = blocks.get(blocks.size() - 2).at("/text/text").asText();
    int listed = (int) all.chars().filter(c -> c == '•').count();
    assertThat(last).endsWith("… and " + (600 - listed) + " more");
    assertThat(listed).isGreaterThan(20);
    BlockKitRoundTrip.assertRoundTrips(blocks);
  }
}
