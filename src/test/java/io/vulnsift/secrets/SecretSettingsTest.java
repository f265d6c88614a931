package io.vulnsift.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraConfig;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackConfig;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jira and Slack settings filled from a secret, read lazily through the real SDK clients. */
class SecretSettingsTest {

  static final String JIRA_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:jira-AbC";
  static final Action.Jira ACTION =
      new Action.Jira(
          null, "SEC", null, List.of(), null, null, null, null, null, null, null, null, null, null,
          null, null, null);

  FakeAwsSecrets aws;
  SecretResolver resolver;
  final MutableClock clock = new MutableClock();
  WireMockServer jira;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAwsSecrets();
    resolver = SecretResolverTest.resolver(aws, clock);
    jira = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    jira.start();
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/2/search"))
            .willReturn(json(200, "{\"startAt\":0,\"maxResults\":10,\"total\":0,\"issues\":[]}")));
  }

  @AfterEach
  void stop() {
    aws.close();
    jira.stop();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static JiraConfig jiraConfig(String url, String email, String token, String secretArn) {
    return new JiraConfig() {
      @Override
      public Optional<String> url() {
        return Optional.ofNullable(url);
      }

      @Override
      public Optional<String> email() {
        return Optional.ofNullable(email);
      }

      @Override
      public Optional<String> apiToken() {
        return Optional.ofNullable(token);
      }

      @Override
      public Optional<String> pat() {
        return Optional.empty();
      }

      @Override
      public Optional<String> secretArn() {
        return Optional.ofNullable(secretArn);
      }

      @Override
      public java.time.Duration timeout() {

        return java.time.Duration.ofSeconds(30);
      }
    };
  }

  static SlackConfig slackConfig(String token, String secretArn) {
    return new SlackConfig() {
      @Override
      public Optional<String> botToken() {
        return Optional.ofNullable(token);
      }

      @Override
      public String apiUrl() {
        return SlackSettings.DEFAULT_API_URL;
      }

      @Override
      public Optional<String> secretArn() {
        return Optional.ofNullable(secretArn);
      }

      @Override
      public java.time.Duration timeout() {

        return java.time.Duration.ofSeconds(30);
      }
    };
  }

  String jiraUrl() {
    return "http://127.0.0.1:" + jira.port();
  }

  @Test
  void jiraDataCenterFromASecretIsReadAtFirstUseNotBefore() {
    aws.secrets.put(JIRA_ARN, "{\"url\":\"" + jiraUrl() + "\",\"pat\":\"p4t-from-aws\"}");
    JiraActionHandler handler =
        new JiraActionHandler(
            JiraSettings.from(jiraConfig(null, null, null, JIRA_ARN), () -> resolver),
            RetryPolicy.DEFAULT);
    assertThat(aws.calls).as("nothing read at start-up").isEmpty();
    jira.stubFor(
        post("/rest/api/2/issue")
            .willReturn(
                json(
                    201,
                    "{\"id\":\"1\",\"key\":\"SEC-1\",\"self\":\"http://x/rest/api/2/issue/1\"}")));
    jira.stubFor(
        put("/rest/api/2/issue/SEC-1/properties/vulnsift.fingerprint")
            .willReturn(aResponse().withStatus(200)));
    Alert alert = Fixtures.alert();

    PlannedRequest plan = handler.plan(ACTION, alert);
    Map<String, String> result = handler.deliver(ACTION, plan, alert);

    assertThat(result).containsEntry("jiraKey", "SEC-1");
    assertThat(plan.payload().at("/fields/description").isTextual()).as("wiki, v2").isTrue();
    jira.verify(
        postRequestedFor(urlEqualTo("/rest/api/2/issue"))
            .withHeader("Authorization", equalTo("Bearer p4t-from-aws")));
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(1);
  }

  @Test
  void directSettingsWinOverTheSecretsFields() {
    aws.secrets.put(
        JIRA_ARN,
        "{\"url\":\"https://ignored\",\"email\":\"aws@acme.io\",\"apiToken\":\"tok-aws\"}");
    JiraSettings s =
        JiraSettings.from(
            jiraConfig("https://acme.atlassian.net", null, null, JIRA_ARN), () -> resolver);

    assertThat(s.url()).isEqualTo("https://acme.atlassian.net");
    assertThat(s.email()).isEqualTo("aws@acme.io");
    assertThat(s.apiToken()).isEqualTo("tok-aws");
    assertThat(s.flavour()).isEqualTo(JiraSettings.Flavour.CLOUD);
    assertThat(s.configured()).isTrue();
  }

  @Test
  void aPlainJiraSecretIsTheApiTokenWhenAnEmailIsSetElseAPat() {
    aws.secrets.put(JIRA_ARN, "plain-token");
    JiraSettings cloud =
        JiraSettings.from(jiraConfig("https://j", "bot@acme.io", null, JIRA_ARN), () -> resolver);
    JiraSettings dc =
        JiraSettings.from(jiraConfig("https://j", null, null, JIRA_ARN), () -> resolver);

    assertThat(cloud.apiToken()).isEqualTo("plain-token");
    assertThat(cloud.pat()).isNull();
    assertThat(dc.pat()).isEqualTo("plain-token");
    assertThat(dc.flavour()).isEqualTo(JiraSettings.Flavour.DATA_CENTER);
  }

  @Test
  void anUnknownJiraSecretFailsTheDeliveryNamingTheSetting() {
    JiraActionHandler handler =
        new JiraActionHandler(
            JiraSettings.from(jiraConfig(jiraUrl(), "bot@acme.io", null, JIRA_ARN), () -> resolver),
            RetryPolicy.DEFAULT);

    assertThatThrownBy(() -> handler.plan(ACTION, Fixtures.alert()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageStartingWith(
            "Jira credentials unavailable: cannot read VULNSIFT_JIRA_SECRET_ARN")
        .hasMessageContaining("ResourceNotFoundException");
  }

  @Test
  void slackBotTokenFromAJsonSecretOrAPlainOne() {
    aws.parameters.put("/vulnsift/slack", "{\"botToken\":\"xoxb-aws\"}");
    aws.secrets.put("slack-plain", "xoxb-plain");
    SlackSettings json =
        SlackSettings.from(slackConfig(null, "ssm:/vulnsift/slack"), () -> resolver);
    SlackSettings plain = SlackSettings.from(slackConfig(null, "slack-plain"), () -> resolver);
    SlackSettings direct =
        SlackSettings.from(slackConfig("xoxb-env", "slack-plain"), () -> resolver);

    assertThat(json.hasBotToken()).isTrue();
    assertThat(aws.calls).as("hasBotToken does not read the secret").isEmpty();
    assertThat(json.botToken()).isEqualTo("xoxb-aws");
    assertThat(plain.botToken()).isEqualTo("xoxb-plain");
    assertThat(direct.botToken()).isEqualTo("xoxb-env");
    assertThat(aws.calls).hasSize(2);
  }

  @Test
  void aSlackSecretWithoutTheFieldSaysWhichFieldIsMissing() {
    aws.secrets.put("slack", "{\"other\":\"xoxb-elsewhere\"}");
    SlackSettings s = SlackSettings.from(slackConfig(null, "slack"), () -> resolver);

    assertThatThrownBy(s::botToken)
        .isInstanceOf(DeliveryException.class)
        .hasMessage("the secret VULNSIFT_SLACK_SECRET_ARN has no botToken field");
  }

  @Test
  void aRotatedTokenIsUsedOnceTheCacheTtlHasPassed() {
    aws.secrets.put(JIRA_ARN, "{\"url\":\"" + jiraUrl() + "\",\"pat\":\"old\"}");
    JiraActionHandler handler =
        new JiraActionHandler(
            JiraSettings.from(jiraConfig(null, null, null, JIRA_ARN), () -> resolver),
            RetryPolicy.DEFAULT);
    jira.stubFor(
        post("/rest/api/2/issue")
            .willReturn(
                json(
                    201,
                    "{\"id\":\"1\",\"key\":\"SEC-1\",\"self\":\"http://x/rest/api/2/issue/1\"}")));
    jira.stubFor(
        put("/rest/api/2/issue/SEC-1/properties/vulnsift.fingerprint")
            .willReturn(aResponse().withStatus(200)));
    Alert alert = Fixtures.alert();

    handler.deliver(ACTION, handler.plan(ACTION, alert), alert);
    aws.secrets.put(JIRA_ARN, "{\"url\":\"" + jiraUrl() + "\",\"pat\":\"new\"}");
    clock.advance(SecretResolver.DEFAULT_TTL);
    handler.deliver(ACTION, handler.plan(ACTION, alert), alert);

    jira.verify(
        1,
        postRequestedFor(urlEqualTo("/rest/api/2/issue"))
            .withHeader("Authorization", equalTo("Bearer old")));
    jira.verify(
        1,
        postRequestedFor(urlEqualTo("/rest/api/2/issue"))
            .withHeader("Authorization", equalTo("Bearer new")));
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(2);
  }
}
