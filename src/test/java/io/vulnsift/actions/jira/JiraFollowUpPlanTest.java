package io.vulnsift.actions.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraFollowUpPlanTest {

  static final Action.Jira ACTION = JiraFollowUpDeliveryTest.ACTION;
  static final Map<String, String> DELIVERED =
      Map.of("jiraKey", "SEC-12", "jiraUrl", "https://acme.atlassian.net/browse/SEC-12");
  static final String FP = Fixtures.key().fingerprint();
  static final String DETAILS =
      "Severity now: CRITICAL — CVSS 9.8\n\n"
          + "Affected images now (2):\n"
          + "- payments/api (v1.2.3, latest) "
          + Fixtures.DIGEST_A
          + "\n- payments/api (v1.2.2) "
          + Fixtures.DIGEST_B
          + "\n\nRunning workloads now (2):\n"
          + "- prod\\-eu/payments/api — stage production, owner team\\-payments\n"
          + "- prod\\-eu/payments/worker — stage production, owner team\\-payments\n\n";

  static FollowUp followUp(FollowUp.Kind kind, String reason) {
    return new FollowUp(kind, Fixtures.alert(), DELIVERED, reason);
  }

  static PlannedRequest dc(FollowUp followUp) {
    return new JiraActionHandler(JiraPlanTest.DC).planFollowUp(ACTION, followUp).orElseThrow();
  }

  @Test
  void renotifyIsACommentSayingWhatChangedDataCenter() {
    PlannedRequest plan =
        dc(followUp(FollowUp.Kind.RENOTIFY, "new production workload prod-eu/payments/worker"));

    assertThat(plan.operation()).isEqualTo("jira.comment");
    assertThat(plan.payload().toString())
        .isEqualTo(
            JsonNodeFactory.instance
                .objectNode()
                .put(
                    "body",
                    "vulnsift re-notification: new production workload"
                        + " prod\\-eu/payments/worker\n\n"
                        + DETAILS
                        + "vulnsift fingerprint: "
                        + FP
                        + " (workflow critical\\-production)")
                .toString());
  }

  @Test
  void resolveIsATransitionByNameWithTheCommentDataCenter() {
    PlannedRequest plan = dc(followUp(FollowUp.Kind.RESOLVE, "no longer matched for 24h"));

    assertThat(plan.operation()).isEqualTo("jira.transition");
    assertThat(plan.payload().toString())
        .isEqualTo(
            "{\"transition\":{\"name\":\"Done\"},\"update\":{\"comment\":[{\"add\":{\"body\":"
                + "\"Resolved by vulnsift: no longer matched for 24h\\n\\nvulnsift fingerprint: "
                + FP
                + " (workflow critical\\\\-production)\"}}]}}");
  }

  @Test
  void reopenUsesTheConfiguredTransitionName() {
    Action.Jira custom =
        new Action.Jira(
            null,
            "SEC",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "Back to triage",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    PlannedRequest plan =
        new JiraActionHandler(JiraPlanTest.DC)
            .planFollowUp(custom, followUp(FollowUp.Kind.REOPEN, "matches again"))
            .orElseThrow();

    assertThat(plan.operation()).isEqualTo("jira.transition");
    assertThat(plan.payload().get("transition").toString())
        .isEqualTo("{\"name\":\"Back to triage\"}");
    assertThat(plan.payload().at("/update/comment/0/add/body").asText())
        .isEqualTo(
            "Regression found by vulnsift: matches again\n\n"
                + DETAILS
                + "vulnsift fingerprint: "
                + FP
                + " (workflow critical\\-production)");
  }

  @Test
  void cloudCommentIsAdf() {
    PlannedRequest plan =
        new JiraActionHandler(JiraPlanTest.CLOUD)
            .planFollowUp(ACTION, followUp(FollowUp.Kind.RENOTIFY, "severity raised to CRITICAL"))
            .orElseThrow();

    assertThat(plan.payload().fieldNames()).toIterable().containsExactly("body");
    JsonNode doc = plan.payload().get("body");
    AdfAssert.valid(doc);
    assertThat(doc.get("content").get(0).toString())
        .isEqualTo(
            "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"vulnsift re-notification: severity raised to CRITICAL\"}]}");
    assertThat(doc.get("content").get(1).toString())
        .isEqualTo(
            "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"Severity now: CRITICAL — CVSS 9.8\"}]}");
    assertThat(doc.get("content").get(3).get("type").asText()).isEqualTo("bulletList");
    assertThat(doc.get("content").get(3).get("content")).hasSize(2);
  }

  @Test
  void hostileScannerTextCannotBreakTheComment() {
    Finding hostile =
        Fixtures.finding("{code}h1. x{code}", "[link|javascript:x]", Fixtures.DIGEST_A, List.of());
    var group =
        Fixtures.group(
            List.of(hostile), List.of(Fixtures.DIGEST_A), List.of(Fixtures.workload("api", null)));
    FollowUp f =
        new FollowUp(
            FollowUp.Kind.RENOTIFY,
            Fixtures.alert(group),
            DELIVERED,
            "new workload {noformat}*[x|http://evil]*");

    String wiki = dc(f).payload().get("body").asText();

    assertThat(wiki).startsWith("vulnsift re-notification: new workload \\{noformat\\}\\*\\[x\\|");
    assertThat(wiki).doesNotContain("{noformat}").doesNotContain("[x|");
  }

  @Test
  void nothingIsPlannedWithoutARecordedIssue() {
    FollowUp outbox =
        new FollowUp(FollowUp.Kind.RESOLVE, Fixtures.alert(), Map.of("outbox", "x"), "gone");
    assertThat(new JiraActionHandler(JiraPlanTest.CLOUD).planFollowUp(ACTION, outbox)).isEmpty();
  }

  @Test
  void aNoteFullOfLinksStillFitsACloudComment() {
    // A body near the limit, and a note whose URLs each become a link node in the ADF JSON.
    JsonNode body = Adf.fromPlainText("x".repeat(31_000));
    String note = "see http://x.example/a ".repeat(40);

    JsonNode noted = FollowUpComment.withNote(body, note);

    assertThat(noted.toString().length()).isLessThanOrEqualTo(FollowUpComment.COMMENT_MAX);
    assertThat(noted.toString()).contains("http://x.example/a");
  }
}
