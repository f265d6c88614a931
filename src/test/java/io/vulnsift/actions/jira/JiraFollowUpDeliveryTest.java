package io.vulnsift.actions.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Comment, resolve and reopen against a fake Jira whose every exchange meets the vendor specs. */
class JiraFollowUpDeliveryTest {

  static final Action.Jira ACTION =
      new Action.Jira(
          null, "SEC", null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null);
  static final String V3 = "/rest/api/3/issue/SEC-12";
  static final String V2 = "/rest/api/2/issue/SEC-12";
  static final String COMMENTED =
      "{\"id\":\"10100\",\"self\":\"http://127.0.0.1/rest/api/3/issue/10000/comment/10100\"}";
  static final String OPEN =
      "{\"id\":\"10000\",\"key\":\"SEC-12\",\"fields\":{\"status\":{\"name\":\"In Progress\","
          + "\"statusCategory\":{\"key\":\"indeterminate\"}},\"resolution\":null,"
          + "\"resolutiondate\":null}}";

  WireMockServer jira;
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void start() {
    jira = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    jira.start();
    jira.stubFor(post(V3 + "/comment").willReturn(json(201, COMMENTED)));
    jira.stubFor(post(V2 + "/comment").willReturn(json(201, COMMENTED)));
  }

  @AfterEach
  void stop() {
    jira.stop();
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  JiraActionHandler cloud() {
    return new JiraActionHandler(
        new JiraSettings("http://127.0.0.1:" + jira.port(), "bot@acme.io", "tok3n", null),
        RetryPolicy.DEFAULT.withSleeper(slept::add));
  }

  JiraActionHandler dataCenter() {
    return new JiraActionHandler(
        new JiraSettings("http://127.0.0.1:" + jira.port(), null, null, "p4t"),
        RetryPolicy.DEFAULT.withSleeper(slept::add));
  }

  static FollowUp followUp(FollowUp.Kind kind, String reason) {
    return new FollowUp(
        kind,
        Fixtures.alert(),
        Map.of("jiraKey", "SEC-12", "jiraUrl", "http://127.0.0.1/browse/SEC-12"),
        reason);
  }

  /** Plans and delivers, as the engine does; returns the plan for assertions. */
  static Map<String, String> send(JiraActionHandler handler, FollowUp f, PlannedRequest[] plan) {
    plan[0] = handler.planFollowUp(ACTION, f).orElseThrow();
    return handler.deliverFollowUp(ACTION, plan[0], f);
  }

  /** An issue in a Done status with this resolution, resolved this long before the run. */
  static String resolved(String resolution, Duration ago) {
    String at = Fixtures.NOW.minus(ago).toString().replace("Z", ".000+0000");
    return "{\"id\":\"10000\",\"key\":\"SEC-12\",\"fields\":{\"status\":{\"name\":\"Done\","
        + "\"statusCategory\":{\"key\":\"done\"}},\"resolution\":{\"name\":\""
        + resolution
        + "\"},\"resolutiondate\":\""
        + at
        + "\"}}";
  }

  static String transitions(String... idNameTo) {
    StringBuilder sb = new StringBuilder("{\"transitions\":[");
    for (int i = 0; i < idNameTo.length; i += 3) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(idNameTo[i])
          .append("\",\"name\":\"")
          .append(idNameTo[i + 1])
          .append("\",\"to\":{\"id\":\"1000")
          .append(i)
          .append("\",\"name\":\"")
          .append(idNameTo[i + 2])
          .append("\"},\"fields\":{}}");
    }
    return sb.append("]}").toString();
  }

  void stubIssue(String base, String body) {
    jira.stubFor(get(urlPathEqualTo(base)).willReturn(json(200, body)));
  }

  void stubTransitions(String base, String body) {
    jira.stubFor(get(urlPathEqualTo(base + "/transitions")).willReturn(json(200, body)));
    jira.stubFor(post(base + "/transitions").willReturn(aResponse().withStatus(204)));
  }

  @Test
  void renotifyPostsTheExactPlannedComment() {
    PlannedRequest[] plan = new PlannedRequest[1];
    Map<String, String> result =
        send(cloud(), followUp(FollowUp.Kind.RENOTIFY, "severity raised to CRITICAL"), plan);

    assertThat(result).containsEntry("jiraKey", "SEC-12").containsEntry("jiraFollowUp", "comment");
    jira.verify(
        postRequestedFor(urlEqualTo(V3 + "/comment"))
            .withRequestBody(equalToJson(plan[0].payload().toString())));
    assertThat(jira.getAllServeEvents()).hasSize(1);
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void renotifyOnDataCenterIsAWikiComment() {
    PlannedRequest[] plan = new PlannedRequest[1];
    send(dataCenter(), followUp(FollowUp.Kind.RENOTIFY, "new image"), plan);

    jira.verify(
        postRequestedFor(urlEqualTo(V2 + "/comment"))
            .withHeader("Authorization", equalTo("Bearer p4t"))
            .withRequestBody(equalToJson(plan[0].payload().toString())));
    assertThat(plan[0].payload().get("body").isTextual()).isTrue();
    JiraContracts.assertValid(JiraContracts.dataCenter(), jira.getAllServeEvents());
  }

  @Test
  void resolveTakesTheDoneTransitionWithTheComment() {
    stubIssue(V3, OPEN);
    String listed = transitions("11", "Start progress", "In Progress", "41", "Done", "Done");
    // Done's screen has a comment field, so the comment goes along with the transition.
    listed =
        listed.replace(
            "\"Done\"},\"fields\":{}",
            "\"Done\"},\"fields\":{\"comment\":{"
                + "\"required\":false,\"name\":\"Comment\",\"key\":\"comment\",\"operations\":[\"add\"],"
                + "\"schema\":{\"type\":\"comments-page\",\"system\":\"comment\"}}}");
    stubTransitions(V3, listed);
    PlannedRequest[] plan = new PlannedRequest[1];

    Map<String, String> result =
        send(cloud(), followUp(FollowUp.Kind.RESOLVE, "no longer matched for 24h"), plan);

    assertThat(result)
        .containsEntry("jiraFollowUp", "transition")
        .containsEntry("jiraStatus", "Done");
    ObjectNode expected = plan[0].payload().deepCopy();
    ((ObjectNode) expected.get("transition")).removeAll().put("id", "41");
    jira.verify(
        postRequestedFor(urlEqualTo(V3 + "/transitions"))
            .withRequestBody(equalToJson(expected.toString())));
    jira.verify(
        getRequestedFor(urlPathEqualTo(V3)).withQueryParam("fields", equalTo(IssueState.FIELDS)));
    jira.verify(0, postRequestedFor(urlEqualTo(V3 + "/comment")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void whenDoneIsMissingTheFallbackOrderDecidesNotJirasOrder() {
    stubIssue(V2, OPEN);
    stubTransitions(
        V2, transitions("2", "Close Issue", "Closed", "5", "Resolve Issue", "Resolved"));
    PlannedRequest[] plan = new PlannedRequest[1];

    Map<String, String> result =
        send(dataCenter(), followUp(FollowUp.Kind.RESOLVE, "no longer matched"), plan);

    assertThat(result).containsEntry("jiraStatus", "Resolved");
    // No comment field on that screen: the transition goes alone, the comment after it.
    jira.verify(
        postRequestedFor(urlEqualTo(V2 + "/transitions"))
            .withRequestBody(equalToJson("{\"transition\":{\"id\":\"5\"}}")));
    JsonNode comment = plan[0].payload().at("/update/comment/0/add/body");
    jira.verify(
        postRequestedFor(urlEqualTo(V2 + "/comment"))
            .withRequestBody(equalToJson("{\"body\":" + comment + "}")));
    JiraContracts.assertValid(JiraContracts.dataCenter(), jira.getAllServeEvents());
  }

  @Test
  void whenNoTransitionFitsItCommentsAndDoesNotFail() {
    stubIssue(V3, OPEN);
    stubTransitions(V3, transitions("11", "Start progress", "In Progress"));

    Map<String, String> result =
        send(cloud(), followUp(FollowUp.Kind.RESOLVE, "gone"), new PlannedRequest[1]);

    assertThat(result).containsEntry("jiraFollowUp", "comment").doesNotContainKey("jiraStatus");
    jira.verify(0, postRequestedFor(urlEqualTo(V3 + "/transitions")));
    String body =
        jira.findAll(postRequestedFor(urlEqualTo(V3 + "/comment"))).get(0).getBodyAsString();
    assertThat(body)
        .contains("Resolved by vulnsift: gone")
        .contains(
            "No transition to Done, Resolved, Closed is available from the issue's current status");
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void anIssueSomeoneResolvedIsOnlyCommented() {
    stubIssue(V3, resolved("Won't Fix", Duration.ofDays(2)));

    assertThat(send(cloud(), followUp(FollowUp.Kind.RESOLVE, "gone"), new PlannedRequest[1]))
        .containsEntry("jiraFollowUp", "comment");
    jira.verify(0, getRequestedFor(urlPathEqualTo(V3 + "/transitions")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void aRegressionWithinTheWindowReopens() {
    stubIssue(V2, resolved("Done", Duration.ofDays(3)));
    stubTransitions(V2, transitions("3", "Reopen Issue", "Reopened", "2", "Close Issue", "Closed"));

    Map<String, String> result =
        send(dataCenter(), followUp(FollowUp.Kind.REOPEN, "matches again"), new PlannedRequest[1]);

    assertThat(result).containsEntry("jiraStatus", "Reopened");
    jira.verify(
        postRequestedFor(urlEqualTo(V2 + "/transitions"))
            .withRequestBody(equalToJson("{\"transition\":{\"id\":\"3\"}}")));
    jira.verify(1, postRequestedFor(urlEqualTo(V2 + "/comment")));
    JiraContracts.assertValid(JiraContracts.dataCenter(), jira.getAllServeEvents());
  }

  @Test
  void wontFixIsNeverReopened() {
    stubIssue(V3, resolved("Won’t Fix", Duration.ofDays(1)));
    stubTransitions(V3, transitions("3", "Reopen", "To Do"));

    assertThat(
            send(cloud(), followUp(FollowUp.Kind.REOPEN, "matches again"), new PlannedRequest[1]))
        .containsEntry("jiraFollowUp", "comment");

    jira.verify(0, postRequestedFor(urlEqualTo(V3 + "/transitions")));
    String body =
        jira.findAll(postRequestedFor(urlEqualTo(V3 + "/comment"))).get(0).getBodyAsString();
    assertThat(body)
        .contains("Regression found by vulnsift: matches again")
        .contains("Not reopened: issues resolved as Won’t Fix are never reopened.");
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void aRegressionOutsideTheWindowIsNotReopened() {
    stubIssue(V3, resolved("Done", Duration.ofDays(45)));
    stubTransitions(V3, transitions("3", "Reopen", "To Do"));

    assertThat(
            send(cloud(), followUp(FollowUp.Kind.REOPEN, "matches again"), new PlannedRequest[1]))
        .containsEntry("jiraFollowUp", "comment");

    jira.verify(0, postRequestedFor(urlEqualTo(V3 + "/transitions")));
    String body =
        jira.findAll(postRequestedFor(urlEqualTo(V3 + "/comment"))).get(0).getBodyAsString();
    assertThat(body).contains("more than 30d ago (reopenWindow)");
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void aRateLimitStormOnTheTransitionIsWaitedOut() {
    stubIssue(V3, OPEN);
    jira.stubFor(
        get(urlPathEqualTo(V3 + "/transitions"))
            .willReturn(json(200, transitions("41", "Done", "Done"))));
    String state = Scenario.STARTED;
    for (int i = 1; i <= 3; i++) {
      jira.stubFor(
          post(V3 + "/transitions")
              .inScenario("storm")
              .whenScenarioStateIs(state)
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Retry-After", String.valueOf(i * 2))
                      .withHeader("RateLimit-Reason", "jira-per-issue-on-write"))
              .willSetStateTo("after " + i));
      state = "after " + i;
    }
    jira.stubFor(
        post(V3 + "/transitions")
            .inScenario("storm")
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withStatus(204)));

    Map<String, String> result =
        send(cloud(), followUp(FollowUp.Kind.RESOLVE, "gone"), new PlannedRequest[1]);

    assertThat(result).containsEntry("jiraStatus", "Done");
    assertThat(slept)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(6));
    jira.verify(4, postRequestedFor(urlEqualTo(V3 + "/transitions")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void anEndlessStormFailsTheFollowUpForTheNextRun() {
    stubIssue(V3, OPEN);
    jira.stubFor(
        get(urlPathEqualTo(V3 + "/transitions"))
            .willReturn(json(200, transitions("41", "Done", "Done"))));
    jira.stubFor(
        post(V3 + "/transitions")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    assertThatThrownBy(
            () -> send(cloud(), followUp(FollowUp.Kind.RESOLVE, "gone"), new PlannedRequest[1]))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("rate limited");
    jira.verify(4, postRequestedFor(urlEqualTo(V3 + "/transitions")));
    jira.verify(0, postRequestedFor(urlEqualTo(V3 + "/comment")));
  }

  @Test
  void unauthorizedNamesTheSettingNeverTheToken() {
    jira.stubFor(get(urlPathEqualTo(V3)).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(
            () -> send(cloud(), followUp(FollowUp.Kind.REOPEN, "again"), new PlannedRequest[1]))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("VULNSIFT_JIRA_API_TOKEN")
        .hasMessageNotContaining("tok3n");
  }

  @Test
  void aDeletedIssueFailsTheCommentWithAClearMessage() {
    jira.stubFor(
        post(V3 + "/comment")
            .willReturn(
                json(
                    404,
                    "{\"errorMessages\":[\"Issue does not exist or you do not have permission to"
                        + " see it.\"],\"errors\":{}}")));

    assertThatThrownBy(
            () ->
                send(cloud(), followUp(FollowUp.Kind.RENOTIFY, "new image"), new PlannedRequest[1]))
        .isInstanceOf(DeliveryException.class)
        .hasMessage(
            "Jira POST /rest/api/3/issue/SEC-12/comment failed with HTTP 404: not found; check"
                + " VULNSIFT_JIRA_URL and that the issue still exists. Issue does not exist or you"
                + " do not have permission to see it.");
    jira.verify(1, postRequestedFor(urlEqualTo(V3 + "/comment")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }
}
