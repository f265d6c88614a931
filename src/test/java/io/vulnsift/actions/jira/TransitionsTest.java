package io.vulnsift.actions.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.workflow.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Action.Jira ACTION = JiraFollowUpDeliveryTest.ACTION;

  static JsonNode listed(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void matchesTheTargetStatusIgnoringCaseAndSkipsUnavailableOnes() throws Exception {
    JsonNode transitions =
        listed(
            "{'transitions':[{'id':'1','name':'Finish','to':{'name':'DONE'},'isAvailable':false},"
                + "{'id':'2','name':'Close it','to':{'name':'closed'}},"
                + "{'id':'3','name':'Complete','to':{'name':'Done'}}]}");

    assertThat(Transitions.pick(transitions, "done", List.of("Closed")))
        .map(t -> t.get("id").asText())
        .contains("3");
    assertThat(Transitions.pick(transitions, "Resolved", List.of("Closed")))
        .map(t -> t.get("id").asText())
        .contains("2");
    assertThat(Transitions.pick(transitions, "Resolved", List.of())).isEmpty();
  }

  @Test
  void readsJirasTimestampsAndResolutionlessDoneStatuses() throws Exception {
    IssueState state =
        IssueState.of(
            listed(
                "{'fields':{'status':{'name':'Done','statusCategory':{'key':'done'}},"
                    + "'resolution':null,'resolutiondate':null,"
                    + "'statuscategorychangedate':'2026-11-20T10:00:00.000+0100'}}"));

    assertThat(state.resolved()).isTrue();
    assertThat(state.resolution()).isNull();
    assertThat(state.resolvedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
  }

  @Test
  void whyARegressionIsNotReopened() {
    Instant now = Fixtures.NOW;
    IssueState open = new IssueState("In Progress", null, null, false);
    IssueState wontFix = new IssueState("Closed", "won't fix", now, true);
    IssueState unknownDate = new IssueState("Done", "Done", null, true);
    IssueState recent = new IssueState("Done", "Done", now.minus(Duration.ofDays(29)), true);

    assertThat(IssueLifecycle.notReopened(ACTION, open, now))
        .get()
        .asString()
        .contains("not resolved");
    assertThat(IssueLifecycle.notReopened(ACTION, wontFix, now)).get().asString().contains("never");
    assertThat(IssueLifecycle.notReopened(ACTION, unknownDate, now)).isPresent();
    assertThat(IssueLifecycle.notReopened(ACTION, recent, now)).isEmpty();
  }
}
