package io.vulnsift.actions.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JiraDeliveryTest {

  static final String CREATED =
      "{\"id\":\"10000\",\"key\":\"SEC-12\",\"self\":\"http://127.0.0.1/rest/api/3/issue/10000\"}";
  static final String PROPERTY_PATH = "/rest/api/3/issue/SEC-12/properties/vulnsift.fingerprint";
  static final Action.Jira ACTION =
      new Action.Jira(
          null, "SEC", null, List.of(), null, null, null, null, null, null, null, null, null, null,
          null, null, null);

  WireMockServer jira;
  final List<Duration> slept = new ArrayList<>();
  final Alert alert = Fixtures.alert();

  @BeforeEach
  void start() {
    jira = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    jira.start();
    // No earlier issue of the group, unless a test says otherwise (stubs added later win).
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(json(200, "{\"issues\":[],\"isLast\":true}")));
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/2/search"))
            .willReturn(json(200, "{\"startAt\":0,\"maxResults\":10,\"total\":0,\"issues\":[]}")));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @AfterEach
  void stop() {
    jira.stop();
  }

  String base() {
    return "http://127.0.0.1:" + jira.port();
  }

  JiraActionHandler cloud() {
    return handler(new JiraSettings(base() + "/", "bot@acme.io", "tok3n", null));
  }

  JiraActionHandler handler(JiraSettings settings) {
    return new JiraActionHandler(settings, RetryPolicy.DEFAULT.withSleeper(slept::add));
  }

  Map<String, String> deliver(JiraActionHandler handler) {
    PlannedRequest plan = handler.plan(ACTION, alert);
    return handler.deliver(ACTION, plan, alert);
  }

  @Test
  void cloudCreatesTheIssueThenTagsItWithTheFingerprint() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(CREATED)));
    jira.stubFor(
        put(PROPERTY_PATH)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    JiraActionHandler handler = cloud();
    PlannedRequest plan = handler.plan(ACTION, alert);

    Map<String, String> result = handler.deliver(ACTION, plan, alert);

    assertThat(result)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("jiraKey", "SEC-12", "jiraUrl", base() + "/browse/SEC-12"));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("bot@acme.io:tok3n".getBytes(StandardCharsets.UTF_8));
    jira.verify(
        postRequestedFor(urlEqualTo("/rest/api/3/issue"))
            .withHeader("Authorization", equalTo(basic))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(plan.payload().toString())));
    String fp = alert.group().fingerprint();
    jira.verify(
        putRequestedFor(urlEqualTo(PROPERTY_PATH))
            .withHeader("Authorization", equalTo(basic))
            .withRequestBody(
                equalToJson(
                    "{\"fingerprint\":\"" + fp + "\",\"workflow\":\"critical-production\"}")));
    jira.verify(
        getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql"))
            .withHeader("Authorization", equalTo(basic))
            .withQueryParam(
                "jql",
                equalTo(
                    "project = \"SEC\" AND labels = \"vulnsift-"
                        + fp
                        + "\" AND statusCategory != Done ORDER BY created ASC"))
            .withQueryParam("maxResults", equalTo("10")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
    assertThat(slept).isEmpty();
    // What the run report counts: one request of each kind, named without the issue key.
    assertThat(handler.requestCounts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "GET /search/jql", 1,
                "POST /issue", 1,
                "PUT /issue/{key}/properties/vulnsift.fingerprint", 1));
  }

  @Test
  void adoptsTheOpenIssueAnInterruptedDeliveryCreated() {
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(
                json(200, "{\"issues\":[{\"id\":\"10007\",\"key\":\"SEC-7\"}],\"isLast\":true}")));
    String fp = alert.group().fingerprint();
    jira.stubFor(
        get("/rest/api/3/issue/SEC-7/properties/vulnsift.fingerprint")
            .willReturn(
                json(
                    200,
                    "{\"key\":\"vulnsift.fingerprint\",\"value\":{\"fingerprint\":\""
                        + fp
                        + "\",\"workflow\":\"critical-production\"}}")));

    assertThat(deliver(cloud()))
        .containsEntry("jiraKey", "SEC-7")
        .containsEntry("jiraUrl", base() + "/browse/SEC-7");

    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void doesNotAdoptTheIssueOfAnotherWorkflow() {
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(
                json(200, "{\"issues\":[{\"id\":\"10007\",\"key\":\"SEC-7\"}],\"isLast\":true}")));
    String fp = alert.group().fingerprint();
    jira.stubFor(
        get("/rest/api/3/issue/SEC-7/properties/vulnsift.fingerprint")
            .willReturn(
                json(
                    200,
                    "{\"key\":\"vulnsift.fingerprint\",\"value\":{\"fingerprint\":\""
                        + fp
                        + "\",\"workflow\":\"other\"}}")));
    jira.stubFor(post("/rest/api/3/issue").willReturn(json(201, CREATED)));
    jira.stubFor(put(PROPERTY_PATH).willReturn(json(200, "{}")));

    assertThat(deliver(cloud())).containsEntry("jiraKey", "SEC-12");
  }

  @Test
  void aFailingLookupDoesNotBlockTheDelivery() {
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(json(400, "{\"errorMessages\":[\"bad jql\"]}")));
    jira.stubFor(post("/rest/api/3/issue").willReturn(json(201, CREATED)));
    jira.stubFor(put(PROPERTY_PATH).willReturn(json(200, "{}")));

    assertThat(deliver(cloud())).containsEntry("jiraKey", "SEC-12");
  }

  @Test
  void honoursRetryAfterOn429() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    jira.stubFor(
        post("/rest/api/3/issue")
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(CREATED)));
    jira.stubFor(
        put(PROPERTY_PATH)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));

    JiraActionHandler handler = cloud();
    assertThat(deliver(handler)).containsEntry("jiraKey", "SEC-12");

    assertThat(slept).containsExactly(Duration.ofSeconds(7));
    jira.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    assertThat(handler.requestCounts()).containsEntry("POST /issue", 2);
    JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents());
  }

  @Test
  void backsOffOn5xxAndGivesUpAfterTheBudget() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));

    assertThatThrownBy(() -> deliver(cloud()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("HTTP 503");

    assertThat(slept)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    jira.verify(4, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void noRetryThatCouldOutlastTheDeliverysClaim() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
    // 20 s left of the claim: another attempt (1 s back-off + up to 30 s) could still be creating
    // the issue when another run takes the claim over and, finding none, creates it too.
    Instant deadline = Instant.now().plusSeconds(20);

    assertThatThrownBy(() -> DeliveryDeadline.within(deadline, () -> deliver(cloud())))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("HTTP 503");

    assertThat(slept).isEmpty();
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void aRetryAfterBeyondTheBudgetFailsNowForTheNextRun() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> deliver(cloud()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("rate limited");
    assertThat(slept).isEmpty();
  }

  @Test
  void unauthorizedNamesTheSettingsNeverTheToken() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(aResponse().withStatus(401).withBody("Client must be authenticated")));

    assertThatThrownBy(() -> deliver(cloud()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("VULNSIFT_JIRA_API_TOKEN")
        .hasMessageNotContaining("tok3n");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void badRequestCarriesJirasErrors() {
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errorMessages\":[\"Field 'priority' is required\"],\"errors\":{\"labels\":\"bad label\"}}")));

    assertThatThrownBy(() -> deliver(cloud()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("Field 'priority' is required")
        .hasMessageContaining("labels: bad label");
  }

  @Test
  void aFailedPropertyStillReturnsTheCreatedIssue() {
    jira.stubFor(
        post("/rest/api/3/issue").willReturn(aResponse().withStatus(201).withBody(CREATED)));
    jira.stubFor(put(PROPERTY_PATH).willReturn(aResponse().withStatus(500)));

    assertThat(deliver(cloud())).containsEntry("jiraKey", "SEC-12");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void dataCenterUsesRestV2WithBearerPat() {
    jira.stubFor(
        post("/rest/api/2/issue")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"10000\",\"key\":\"SEC-3\",\"self\":\"http://127.0.0.1/rest/api/2/issue/10000\"}")));
    jira.stubFor(
        put("/rest/api/2/issue/SEC-3/properties/vulnsift.fingerprint")
            .willReturn(aResponse().withStatus(200)));
    JiraActionHandler handler = handler(new JiraSettings(base(), null, null, "p4t"));
    PlannedRequest plan = handler.plan(ACTION, alert);

    assertThat(handler.deliver(ACTION, plan, alert))
        .containsEntry("jiraUrl", base() + "/browse/SEC-3");

    jira.verify(
        postRequestedFor(urlEqualTo("/rest/api/2/issue"))
            .withHeader("Authorization", equalTo("Bearer p4t"))
            .withRequestBody(equalToJson(plan.payload().toString())));
    assertThat(plan.payload().at("/fields/description").isTextual()).isTrue();
    JiraContracts.assertValid(JiraContracts.dataCenter(), jira.getAllServeEvents());
  }

  @Test
  void unconfiguredDeliveryFailsClearly() {
    JiraActionHandler handler = handler(JiraSettings.NONE);
    assertThatThrownBy(() -> deliver(handler))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("VULNSIFT_JIRA_URL");
  }

  @Test
  void theContractCheckIsNotVacuous() {
    // A numeric id violates CreatedIssue; the validator must notice (README: "integer found").
    jira.stubFor(
        post("/rest/api/3/issue")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":10000,\"key\":\"SEC-12\"}")));
    jira.stubFor(
        put(PROPERTY_PATH)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    deliver(cloud());
    assertThatThrownBy(
            () -> JiraContracts.assertValid(JiraContracts.cloud(), jira.getAllServeEvents()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("integer");
  }
}
