package io.vulnsift.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.Alert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A known token, read from AWS, goes through success and every failure path; it must appear in no
 * exception (message, cause or stack trace), no log line at any level and no {@code toString}.
 */
class SecretLeakTest {

  static final String JIRA_TOKEN = "TOPSECRET-jira-7f3a9";
  static final String SLACK_TOKEN = "xoxb-TOPSECRET-slack-42";

  FakeAwsSecrets aws;
  SecretResolver resolver;
  WireMockServer jira;
  final List<String> seen = new ArrayList<>();
  final Logger root = Logger.getLogger("");
  final Logger ours = Logger.getLogger("io.vulnsift");
  Level oursBefore;
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          seen.add(r.getMessage());
          if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
              seen.add(String.valueOf(p));
            }
          }
          if (r.getThrown() != null) {
            seen.add(trace(r.getThrown()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAwsSecrets();
    resolver = SecretResolverTest.resolver(aws, new MutableClock());
    jira = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    jira.start();
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    oursBefore = ours.getLevel();
    ours.setLevel(Level.ALL);
  }

  @AfterEach
  void stop() {
    root.removeHandler(capture);
    ours.setLevel(oursBefore);
    aws.close();
    jira.stop();
  }

  static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t + "\n" + out;
  }

  void failure(Runnable r) {
    Throwable t = catchThrowable(r::run);
    assertThat(t).isNotNull();
    seen.add(trace(t));
  }

  @Test
  void tokensAppearInNoExceptionLogLineOrToString() {
    String url = "http://127.0.0.1:" + jira.port();
    aws.secrets.put(
        "jira",
        "{\"url\":\"" + url + "\",\"email\":\"bot@acme.io\",\"apiToken\":\"" + JIRA_TOKEN + "\"}");
    aws.secrets.put("broken", "{\"apiToken\": \"" + JIRA_TOKEN + "\"");
    aws.parameters.put("/slack", "{\"botToken\":\"" + SLACK_TOKEN + "\"}");
    aws.parameters.put("/slack-wrong-field", "{\"token_\":\"" + SLACK_TOKEN + "\"}");
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(aResponse().withStatus(401).withBody("bad credentials")));
    jira.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(401).withBody("no")));

    JiraSettings settings =
        JiraSettings.from(SecretSettingsTest.jiraConfig(null, null, null, "jira"), () -> resolver);
    JiraActionHandler handler = new JiraActionHandler(settings, RetryPolicy.DEFAULT);
    Alert alert = Fixtures.alert();
    var plan = handler.plan(SecretSettingsTest.ACTION, alert);
    failure(() -> handler.deliver(SecretSettingsTest.ACTION, plan, alert));
    seen.add(settings.toString());
    seen.add(resolver.resolve("jira", "S").toString());

    JiraSettings broken =
        JiraSettings.from(
            SecretSettingsTest.jiraConfig(url, "bot@acme.io", null, "broken"), () -> resolver);
    failure(broken::apiToken);
    seen.add(broken.toString());

    SlackSettings slack =
        SlackSettings.from(SecretSettingsTest.slackConfig(null, "ssm:/slack"), () -> resolver);
    assertThat(slack.botToken()).isEqualTo(SLACK_TOKEN);
    seen.add(slack.toString());
    SlackSettings wrong =
        SlackSettings.from(
            SecretSettingsTest.slackConfig(null, "ssm:/slack-wrong-field"), () -> resolver);
    failure(wrong::botToken);

    assertThat(seen).anySatisfy(s -> assertThat(s).contains("credentials"));
    assertThat(seen).anySatisfy(s -> assertThat(s).contains("not a valid JSON object"));
    assertThat(String.join("\n", seen)).doesNotContain(JIRA_TOKEN).doesNotContain(SLACK_TOKEN);
  }
}
