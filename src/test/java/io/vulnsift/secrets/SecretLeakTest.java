package io.vulnsift.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraConfig;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackConfig;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.TestEngines;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.state.DynamoDbStateStore;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known tokens (Jira API token and PAT, Slack bot token, the secret part of a webhook URL), read
 * from AWS or set directly, go through success and every failure path — including servers that echo
 * the request, Authorization header and URL included, into their error bodies, and secret lookups
 * that fail. They must appear in no exception (message, cause or stack trace), no log line at any
 * level of any logger, no run report, plan, outbox or stored state, and no {@code toString} of
 * settings, configuration or workflow. (The CLI's own output: {@code SecretLeakRunTest}.)
 */
class SecretLeakTest {

  static final String JIRA_TOKEN = "TOPSECRET-jira-7f3a9";
  static final String JIRA_PAT = "TOPSECRET-pat-c0ffee";
  static final String SLACK_TOKEN = "xoxb-TOPSECRET-slack-42";
  static final String WEBHOOK_SECRET = "TOPSECRETwebhook0x5eed";
  static final String EMAIL = "bot@acme.io";

  /** Every form a token travels in: as is, and Base64 in a Basic Authorization header. */
  static final List<String> FORMS =
      List.of(
          JIRA_TOKEN,
          JIRA_PAT,
          SLACK_TOKEN,
          WEBHOOK_SECRET,
          Base64.getEncoder()
              .encodeToString((EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));

  /** Loggers of the fakes themselves (WireMock's Jetty): what they log is not ours. */
  static final List<String> FAKES = List.of("wiremock.", "com.github.tomakehurst", "org.eclipse");

  FakeAwsSecrets aws;
  SecretResolver resolver;
  WireMockServer jira;

  /** Loggers may be called from the SDKs' threads too. */
  final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  final Logger root = Logger.getLogger("");
  final Logger ours = Logger.getLogger("io.vulnsift");
  Level oursBefore;
  Level rootBefore;
  Handler[] rootHandlers;
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String name = String.valueOf(r.getLoggerName());
          if (FAKES.stream().anyMatch(name::startsWith)) {
            return;
          }
          // logger and level first, so that a failure says who logged it
          seen.add(name + " " + r.getLevel() + ": " + new SimpleFormatter().formatMessage(r));
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
    // Every logger at every level, ours and the libraries' (AWS SDK, Slack SDK), into the capture
    // only: the console would drown in debug lines.
    capture.setLevel(Level.ALL);
    rootHandlers = root.getHandlers();
    for (Handler h : rootHandlers) {
      root.removeHandler(h);
    }
    root.addHandler(capture);
    rootBefore = root.getLevel();
    root.setLevel(Level.ALL);
    oursBefore = ours.getLevel();
    ours.setLevel(Level.ALL);
  }

  @AfterEach
  void stop() {
    root.removeHandler(capture);
    for (Handler h : rootHandlers) {
      root.addHandler(h);
    }
    root.setLevel(rootBefore);
    ours.setLevel(oursBefore);
    aws.close();
    jira.stop();
  }

  /** What was seen so far, copied under the list's lock. */
  List<String> seen() {
    synchronized (seen) {
      return new ArrayList<>(seen);
    }
  }

  /** No text holds a token; a failure shows where each one was found. */
  void assertNoTokenIn(List<String> texts) {
    List<String> leaks = new ArrayList<>();
    List<String> snapshot;
    synchronized (texts) {
      snapshot = new ArrayList<>(texts);
    }
    for (String text : snapshot) {
      for (String form : FORMS) {
        int at = text == null ? -1 : text.indexOf(form);
        if (at >= 0) {
          leaks.add(text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 60)));
        }
      }
    }
    assertThat(leaks).as("texts holding a token").isEmpty();
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

    assertThat(seen()).anySatisfy(s -> assertThat(s).contains("credentials"));
    assertThat(seen()).anySatisfy(s -> assertThat(s).contains("not a valid JSON object"));
    assertNoTokenIn(seen);
  }

  /** When set, the webhook answers "ok" while everything else keeps failing. */
  boolean webhookWorks;

  /** A server (or the proxy in front of it) that echoes the request into its error body. */
  void echoing(int status) {
    jira.resetMappings(); // the request journal stays: it shows what every run sent
    if (webhookWorks) {
      jira.stubFor(
          post(urlPathEqualTo("/services/T000/B000/" + WEBHOOK_SECRET))
              .atPriority(1)
              .willReturn(aResponse().withStatus(200).withBody("ok")));
    }
    jira.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":false,\"error\":\"invalid_auth"
                            + " {{request.headers.Authorization}} {{request.url}}\","
                            + "\"errorMessages\":[\"denied {{request.headers.Authorization}}"
                            + " {{request.url}}\"]}")
                    .withTransformers("response-template")));
  }

  String base() {
    return "http://127.0.0.1:" + jira.port();
  }

  Workflow workflow() {
    return new WorkflowLoader()
        .parse(
            "leak.yaml",
            """
            name: leak
            source: { severities: [CRITICAL] }
            steps:
              - type: group
              - type: suppress-reported
                backfill: true
            actions:
              - type: jira
                project: SEC
              - type: slack
                id: bot
                channel: C0123456789
              - type: slack
                id: hook
                webhookUrl: %s/services/T000/B000/%s
            """
                .formatted(base(), WEBHOOK_SECRET));
  }

  SlackSettings slack(String token, String secretArn) {
    String api = base() + "/api/";
    return SlackSettings.from(
        new SlackConfig() {
          @Override
          public Optional<String> botToken() {
            return Optional.ofNullable(token);
          }

          @Override
          public String apiUrl() {
            return api;
          }

          @Override
          public Optional<String> secretArn() {
            return Optional.ofNullable(secretArn);
          }

          @Override
          public java.time.Duration timeout() {
            return java.time.Duration.ofSeconds(10);
          }
        },
        () -> resolver);
  }

  /**
   * Runs the workflow once per failure status against DynamoDB Local, each run retrying what the
   * last one failed; returns everything a user or operator gets to see: reports (with the plan),
   * the stored state and the outbox.
   */
  List<String> runAgainstEchoingServers(JiraSettings jiraSettings, SlackSettings slackSettings)
      throws Exception {
    List<String> out = new ArrayList<>();
    RetryPolicy noWaiting = RetryPolicy.DEFAULT.withSleeper(d -> {});
    Engine engine =
        TestEngines.with(
            List.of(
                new JiraActionHandler(jiraSettings, noWaiting),
                new SlackActionHandler(slackSettings, noWaiting)));
    Path outbox = Files.createTempFile("outbox", ".jsonl");
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
      RunEnvironment env =
          new RunEnvironment(
              request ->
                  new FindingSource.Fetched(
                      List.of(Fixtures.finding(Fixtures.DIGEST_A, List.of("v1"))),
                      Map.of(),
                      Map.of()),
              new DynamoDbInventoryStore(db.client(), "inventory"),
              new DynamoDbStateStore(db.client(), "state"),
              Optional.of(new Outbox(outbox, TestEngines.JSON)));
      for (int status : new int[] {500, 401, 403, 404, 400, 200}) {
        echoing(status);
        RunReport report = engine.run(workflow(), RunOptions.at(Fixtures.NOW), env);
        assertThat(report.errors())
            .as("status %d fails every action but a working webhook", status)
            .hasSize(webhookWorks ? 2 : 3);
        out.add(TestEngines.JSON.writeValueAsString(report));
      }
      db.client()
          .scanPaginator(b -> b.tableName("state"))
          .items()
          .forEach(item -> out.add(item.toString()));
      out.add(Files.readString(outbox));
    } finally {
      Files.deleteIfExists(outbox);
    }
    assertThat(jira.getAllServeEvents()).isNotEmpty();
    return out;
  }

  @Test
  void tokensFromAwsLeakNowhereWhenServersEchoThemIntoErrors() throws Exception {
    aws.secrets.put(
        "jira",
        "{\"url\":\""
            + base()
            + "\",\"email\":\""
            + EMAIL
            + "\",\"apiToken\":\""
            + JIRA_TOKEN
            + "\"}");
    aws.parameters.put("/slack", "{\"botToken\":\"" + SLACK_TOKEN + "\"}");
    List<String> shown =
        runAgainstEchoingServers(
            JiraSettings.from(
                SecretSettingsTest.jiraConfig(null, null, null, "jira"), () -> resolver),
            slack(null, "ssm:/slack"));
    seen.addAll(shown);
    // the echo really happened, and the errors still say what to check
    assertThat(jira.getAllServeEvents())
        .anySatisfy(e -> assertThat(e.getResponse().getBodyAsString()).contains(WEBHOOK_SECRET));
    assertThat(shown).anySatisfy(s -> assertThat(s).contains("credentials rejected"));
    assertThat(shown).anySatisfy(s -> assertThat(s).contains("Slack chat.postMessage failed"));
    assertThat(shown).anySatisfy(s -> assertThat(s).contains("Slack webhook failed with HTTP 500"));
    // the capture sees our warnings and the libraries' debug lines
    assertThat(seen())
        .anySatisfy(s -> assertThat(s).startsWith("io.vulnsift.engine.Deliveries WARN"))
        .anySatisfy(s -> assertThat(s).startsWith("software.amazon.awssdk").contains(" DEBUG: "));
    assertNoTokenIn(seen);
  }

  @Test
  void tokensSetDirectlyLeakNowhereWhenServersEchoThemIntoErrors() throws Exception {
    JiraSettings dataCenter = new JiraSettings(base(), null, null, JIRA_PAT);
    seen.addAll(runAgainstEchoingServers(dataCenter, slack(SLACK_TOKEN, null)));
    assertThat(jira.getAllServeEvents())
        .anySatisfy(
            e -> assertThat(e.getResponse().getBodyAsString()).contains("Bearer " + JIRA_PAT));
    assertNoTokenIn(seen);
  }

  @Test
  void failedSecretLookupsNameTheSettingAndLeakNothing() throws Exception {
    aws.secrets.put("other", "{\"apiToken\":\"" + JIRA_TOKEN + "\"}");
    webhookWorks = true;
    List<String> shown =
        runAgainstEchoingServers(
            JiraSettings.from(
                SecretSettingsTest.jiraConfig(base(), EMAIL, null, "missing"), () -> resolver),
            slack(null, "ssm:/missing"));
    seen.addAll(shown);
    assertThat(shown)
        .anySatisfy(s -> assertThat(s).contains("VULNSIFT_JIRA_SECRET_ARN"))
        .anySatisfy(s -> assertThat(s).contains("VULNSIFT_SLACK_SECRET_ARN"));
    // the actions without credentials do not hold up the one that has them: delivered once
    assertThat(
            jira.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/services/")))
        .hasSize(1);
    assertNoTokenIn(seen);
  }

  @Test
  void configurationDumpsShowNoToken() {
    var config =
        new SmallRyeConfigBuilder()
            // Quarkus's own "30s"-style durations, as the application reads them.
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .withMapping(JiraConfig.class)
            .withMapping(SlackConfig.class)
            .withDefaultValue("vulnsift.jira.api-token", JIRA_TOKEN)
            .withDefaultValue("vulnsift.jira.pat", JIRA_PAT)
            .withDefaultValue("vulnsift.slack.bot-token", SLACK_TOKEN)
            .build();
    JiraConfig jiraConfig = config.getConfigMapping(JiraConfig.class);
    SlackConfig slackConfig = config.getConfigMapping(SlackConfig.class);
    seen.add(jiraConfig.toString());
    seen.add(slackConfig.toString());
    seen.add(JiraSettings.from(jiraConfig).toString());
    seen.add(SlackSettings.from(slackConfig).toString());
    seen.add(new JiraSettings(base(), EMAIL, JIRA_TOKEN, JIRA_PAT).toString());
    seen.add(new SlackSettings(SLACK_TOKEN, null).toString());
    seen.add(new SecretValue(JIRA_TOKEN).toString());
    Workflow workflow = workflow();
    seen.add(workflow.toString());
    workflow.actions().forEach(a -> seen.add(a.toString()));
    assertThat(workflow.actions().get(2).toString()).contains("hook").contains("<redacted>");
    assertNoTokenIn(seen);
  }
}
