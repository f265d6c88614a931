package io.vulnsift.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, with Jira and Slack tokens configured and both services refusing them (403)
 * while echoing the request (Authorization header included) into their error bodies: the run exits
 * with "deliveries failed", and no token is in its output, its error output, the report, the plan
 * or any file of the local state.
 */
@QuarkusMainTest
class SecretLeakRunTest {
  static final String JIRA_TOKEN = "TOPSECRET-cli-jira-91b2";
  static final String SLACK_TOKEN = "xoxb-TOPSECRET-cli-slack-77";
  static final String EMAIL = "bot@acme.io";
  static final List<String> FORMS =
      List.of(
          JIRA_TOKEN,
          SLACK_TOKEN,
          Base64.getEncoder()
              .encodeToString((EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));

  @TempDir Path tmp;
  WireMockServer fake;
  Map<String, String> properties;

  @BeforeEach
  void start() {
    fake = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    fake.start();
    fake.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":false,\"error\":\"invalid_auth {{request.headers.Authorization}}\","
                            + "\"errorMessages\":[\"denied {{request.headers.Authorization}}\"]}")
                    .withTransformers("response-template")));
    String base = "http://127.0.0.1:" + fake.port();
    properties =
        Map.of(
            "vulnsift.jira.url", base,
            "vulnsift.jira.email", EMAIL,
            "vulnsift.jira.api-token", JIRA_TOKEN,
            "vulnsift.slack.bot-token", SLACK_TOKEN,
            "vulnsift.slack.api-url", base + "/api/");
    properties.forEach(System::setProperty);
  }

  @AfterEach
  void stop() {
    properties.keySet().forEach(System::clearProperty);
    fake.stop();
  }

  @Test
  void rejectedTokensAppearInNoOutputReportPlanOrState(QuarkusMainLauncher launcher)
      throws IOException {
    Path report = tmp.resolve("report.json");
    Path plan = tmp.resolve("plan.jsonl");
    LaunchResult r =
        Demo.run(
            launcher,
            tmp.resolve("state"),
            "--report-out",
            report.toString(),
            "--plan-out",
            plan.toString());

    assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(ExitCodes.DELIVERY_FAILED);
    // the deliveries really went to the fakes, which really echoed the tokens back
    assertThat(fake.getAllServeEvents())
        .anySatisfy(e -> assertThat(e.getResponse().getBodyAsString()).contains(SLACK_TOKEN))
        .anySatisfy(e -> assertThat(e.getResponse().getBodyAsString()).contains(FORMS.get(2)));
    assertThat(Files.readString(report)).contains("forbidden; check VULNSIFT_JIRA_EMAIL");

    List<String> shown = new ArrayList<>(List.of(r.getOutput(), r.getErrorOutput()));
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // the state is DynamoDB Local's database: read its bytes as text
        shown.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(shown).hasSizeGreaterThan(3);
    for (String text : shown) {
      for (String form : FORMS) {
        assertThat(text).doesNotContain(form);
      }
    }
  }
}
