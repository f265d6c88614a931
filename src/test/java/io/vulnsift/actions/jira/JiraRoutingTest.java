package io.vulnsift.actions.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.vulnsift.actions.jira.JiraDeliveryTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Components, custom fields and owner routing: exact plan bodies, valid for both contracts. */
class JiraRoutingTest {

  static final ObjectMapper JSON = new ObjectMapper();

  // Fixtures' workloads are owned by team-payments.
  static final Action.Jira ROUTED =
      action(
          List.of("Backend"),
          customFields(),
          Map.of(
              "team-unknown",
              new Action.Jira.Owner("NOPE", "nobody", null),
              "team-payments",
              new Action.Jira.Owner("PAY", "5b10ac8d82e05b22cc7d4ef5", List.of("Payments"))));

  WireMockServer jira;
  final Alert alert = Fixtures.alert();

  static Action.Jira action(
      List<String> components, Map<String, String> customFields, Map<String, Action.Jira.Owner> o) {
    return new Action.Jira(
        null,
        "SEC",
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        components,
        customFields,
        o,
        null);
  }

  static Map<String, String> customFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("customfield_10010", "{{ maxSeverity }}");
    fields.put("customfield_10020", "{{ cvss }}");
    fields.put("customfield_10030", "{\"value\": \"{{ finding.repository }}\"}");
    fields.put("customfield_10040", "[\"{{ finding.packageName }}\"]");
    fields.put("customfield_10050", "12 apples");
    return fields;
  }

  @BeforeEach
  void start() {
    jira = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    jira.start();
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(json(200, "{\"issues\":[],\"isLast\":true}")));
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/2/search"))
            .willReturn(json(200, "{\"startAt\":0,\"maxResults\":10,\"total\":0,\"issues\":[]}")));
  }

  @AfterEach
  void stop() {
    jira.stop();
  }

  /** The fields this class adds, without summary/description (asserted elsewhere). */
  static ObjectNode routedFields(PlannedRequest plan) {
    ObjectNode fields = ((ObjectNode) plan.payload().get("fields")).deepCopy();
    fields.remove(List.of("summary", "description", "issuetype", "priority", "labels"));
    return fields;
  }

  @Test
  void cloudPlanRoutesToTheOwnerWithAccountIdComponentsAndTypedCustomFields() throws Exception {
    PlannedRequest plan = new JiraActionHandler(JiraPlanTest.CLOUD).plan(ROUTED, alert);

    String cvss = alert.group().maxCvss().toString();
    assertThat(routedFields(plan))
        .isEqualTo(
            JSON.readTree(
                """
                {"project":{"key":"PAY"},
                 "components":[{"name":"Payments"}],
                 "assignee":{"accountId":"5b10ac8d82e05b22cc7d4ef5"},
                 "customfield_10010":"CRITICAL",
                 "customfield_10020":%s,
                 "customfield_10030":{"value":"payments/api"},
                 "customfield_10040":["openssl"],
                 "customfield_10050":"12 apples"}
                """
                    .formatted(cvss)));
  }

  @Test
  void dataCenterAssignsByUserName() throws Exception {
    PlannedRequest plan = new JiraActionHandler(JiraPlanTest.DC).plan(ROUTED, alert);

    assertThat(plan.payload().at("/fields/assignee"))
        .isEqualTo(JSON.readTree("{\"name\":\"5b10ac8d82e05b22cc7d4ef5\"}"));
    assertThat(plan.payload().at("/fields/project/key").asText()).isEqualTo("PAY");
  }

  @Test
  void withoutAnOwnerEntryTheActionDefaultsApply() throws Exception {
    Action.Jira action =
        action(
            List.of("Backend", "Security"),
            Map.of(),
            Map.of("team-other", new Action.Jira.Owner("OTH", "x", null)));
    PlannedRequest plan = new JiraActionHandler(JiraPlanTest.CLOUD).plan(action, alert);

    assertThat(routedFields(plan))
        .isEqualTo(
            JSON.readTree(
                """
                {"project":{"key":"SEC"},
                 "components":[{"name":"Backend"},{"name":"Security"}]}
                """));
  }

  @Test
  void anOwnerEntryWithoutComponentsKeepsTheActionsAndWithoutAssigneeAssignsNobody()
      throws Exception {
    Action.Jira action =
        action(
            List.of("Backend"),
            Map.of(),
            Map.of("team-payments", new Action.Jira.Owner(null, null, null)));
    PlannedRequest plan = new JiraActionHandler(JiraPlanTest.CLOUD).plan(action, alert);

    assertThat(routedFields(plan))
        .isEqualTo(
            JSON.readTree(
                "{\"project\":{\"key\":\"SEC\"},\"components\":[{\"name\":\"Backend\"}]}"));
  }

  @Test
  void routedIssuesAreValidOnBothContracts() {
    for (boolean cloud : List.of(true, false)) {
      jira.resetRequests();
      String v = cloud ? "3" : "2";
      jira.stubFor(
          post("/rest/api/" + v + "/issue")
              .willReturn(
                  json(
                      201,
                      "{\"id\":\"10000\",\"key\":\"PAY-7\",\"self\":\"http://127.0.0.1/rest/api/"
                          + v
                          + "/issue/10000\"}")));
      jira.stubFor(
          put("/rest/api/" + v + "/issue/PAY-7/properties/vulnsift.fingerprint")
              // Data Center answers the property PUT without a body.
              .willReturn(cloud ? json(201, "{}") : aResponse().withStatus(200)));
      String base = "http://127.0.0.1:" + jira.port();
      JiraSettings settings =
          cloud
              ? new JiraSettings(base, "bot@acme.io", "tok3n", null)
              : new JiraSettings(base, null, null, "p4t");
      JiraActionHandler handler = new JiraActionHandler(settings, RetryPolicy.DEFAULT);
      PlannedRequest plan = handler.plan(ROUTED, alert);

      Map<String, String> result = handler.deliver(ROUTED, plan, alert);

      assertThat(result).containsEntry("jiraKey", "PAY-7");
      jira.verify(
          postRequestedFor(urlEqualTo("/rest/api/" + v + "/issue"))
              .withRequestBody(equalToJson(plan.payload().toString())));
      JiraContracts.assertValid(
          cloud ? JiraContracts.cloud() : JiraContracts.dataCenter(), jira.getAllServeEvents());
    }
  }

  @Test
  void customFieldValuesAreJsonOnlyWhenTheyParseAsNumbersArraysOrObjects() {
    assertThat(IssueRouting.value("9.8", false).isNumber()).isTrue();
    assertThat(IssueRouting.value("true", true).isTextual()).isTrue();
    assertThat(IssueRouting.value("null", true).isTextual()).isTrue();
    assertThat(IssueRouting.value("\"quoted\"", true).asText()).isEqualTo("\"quoted\"");
    assertThat(IssueRouting.value("{broken", true).asText()).isEqualTo("{broken");
    assertThat(IssueRouting.value("", true).asText()).isEmpty();
    assertThat(IssueRouting.value("[1, 2]", true).isArray()).isTrue();
    assertThat(IssueRouting.value("x".repeat(40_000), false).asText()).hasSize(32_000);
  }

  @Test
  void scannerTextThatLooksLikeJsonStaysText() {
    assertThat(IssueRouting.writtenAsJson(" {\"value\": \"{{ x }}\"}")).isTrue();
    assertThat(IssueRouting.writtenAsJson("[\"{{ x }}\"]")).isTrue();
    assertThat(IssueRouting.writtenAsJson("{{ finding.title }}")).isFalse();
    assertThat(IssueRouting.writtenAsJson("{% if x %}{}{% endif %}")).isFalse();
    Finding hostile = Fixtures.finding("{\"value\":\"x\"}", "d", Fixtures.DIGEST_A, List.of());
    Alert alert =
        Fixtures.alert(
            Fixtures.group(
                List.of(hostile),
                List.of(Fixtures.DIGEST_A),
                List.of(Fixtures.workload("api", Fixtures.DIGEST_A))));
    Action.Jira action =
        action(List.of(), Map.of("customfield_1", "{{ finding.title }}"), Map.of());

    JsonNode value =
        new JiraActionHandler(JiraPlanTest.CLOUD)
            .plan(action, alert)
            .payload()
            .at("/fields/customfield_1");

    assertThat(value.isTextual()).isTrue();
    assertThat(value.asText()).isEqualTo("{\"value\":\"x\"}");
  }

  static Action.Jira withCvss(Map<String, String> cvssPriorities) {
    return new Action.Jira(
        null,
        "SEC",
        null,
        null,
        Map.of("CRITICAL", "P1"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        cvssPriorities);
  }

  static String priority(Action.Jira action, Alert alert) {
    return new JiraActionHandler(JiraPlanTest.CLOUD)
        .plan(action, alert)
        .payload()
        .at("/fields/priority/name")
        .asText();
  }

  @Test
  void theHighestCvssThresholdAtOrBelowTheScoreWinsOverTheSeverityMapping() {
    // The fixture's CVSS is 9.8.
    assertThat(priority(withCvss(Map.of("7.0", "High", "9.8", "Blocker", "9.9", "X")), alert))
        .isEqualTo("Blocker");
    assertThat(priority(withCvss(Map.of("4", "Medium", "9", "Highest")), alert))
        .isEqualTo("Highest");
    assertThat(priority(withCvss(Map.of("9.9", "X")), alert))
        .as("below every threshold: severity mapping")
        .isEqualTo("P1");
    assertThat(priority(withCvss(Map.of()), alert)).isEqualTo("P1");
  }

  @Test
  void withoutACvssScoreTheSeverityMappingApplies() {
    var f = Fixtures.finding(Fixtures.DIGEST_A, List.of());
    var noScore =
        new io.vulnsift.model.Finding(
            f.vulnerabilityId(),
            f.title(),
            f.description(),
            f.severity(),
            null,
            null,
            f.packageName(),
            f.packageVersion(),
            f.fixedInVersion(),
            f.fixAvailable(),
            f.exploitAvailable(),
            f.epssScore(),
            f.uri(),
            f.registry(),
            f.repository(),
            f.imageDigest(),
            f.imageTags(),
            f.firstObservedAt(),
            f.lastObservedAt(),
            f.scanType(),
            null,
            null);
    Alert unscored =
        Fixtures.alert(
            Fixtures.group(
                List.of(noScore),
                List.of(Fixtures.DIGEST_A),
                List.of(Fixtures.workload("api", Fixtures.DIGEST_A))));

    assertThat(priority(withCvss(Map.of("0", "Lowest")), unscored)).isEqualTo("P1");
  }

  @Test
  void aThresholdThatIsNotANumberFailsThePlanNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> priority(withCvss(Map.of("high", "High")), alert))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cvssPriorities: 'high' is not a CVSS score (write e.g. 9.0: Highest)");
  }

  @Test
  void theNewSettingsLoadFromYaml(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("routed.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        name: routed
        steps:
          - type: group
        actions:
          - type: jira
            project: SEC
            components: [Backend]
            customFields:
              customfield_10010: "{{ maxSeverity }}"
            owners:
              team-payments:
                project: PAY
                assignee: 5b10ac8d82e05b22cc7d4ef5
                components: [Payments]
              team-web: {assignee: jdoe}
            cvssPriorities:
              9.0: Highest
              7.0: High
        """);

    Action.Jira jira =
        (Action.Jira) new io.vulnsift.workflow.WorkflowLoader().load(file).actions().get(0);

    assertThat(jira.components()).containsExactly("Backend");
    assertThat(jira.customFields())
        .containsExactly(Map.entry("customfield_10010", "{{ maxSeverity }}"));
    assertThat(jira.owners())
        .containsEntry(
            "team-payments",
            new Action.Jira.Owner("PAY", "5b10ac8d82e05b22cc7d4ef5", List.of("Payments")))
        .containsEntry("team-web", new Action.Jira.Owner(null, "jdoe", null));
    assertThat(jira.cvssPriorities())
        .containsOnly(Map.entry("9.0", "Highest"), Map.entry("7.0", "High"));
    assertThat(priority(jira, alert)).isEqualTo("Highest");
  }
}
