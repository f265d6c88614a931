package io.vulnsift.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowLoaderTest {
  final WorkflowLoader loader = new WorkflowLoader();

  static Stream<Path> shipped() throws IOException {
    return Files.list(Path.of("workflows")).filter(WorkflowLoader::isYaml).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void shippedWorkflowsAreValid(Path file) throws IOException {
    assertThat(loader.validate(file)).isEmpty();
    assertThat(Files.readAllLines(file).get(0))
        .isEqualTo("# yaml-language-server: $schema=../schema/workflow.schema.json");
  }

  static Stream<Path> validCorpus() throws IOException {
    return Files.list(Path.of("src/test/resources/workflows/valid")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCorpus")
  void validCorpusLoads(Path file) {
    assertThat(loader.validate(file)).isEmpty();
    assertThat(loader.load(file).actions()).isNotEmpty();
  }

  @Test
  void blockStyleBindsLikeFlowStyle() {
    Workflow w = loader.load(Path.of("src/test/resources/workflows/valid/jira-and-webhook.yaml"));
    assertThat(w.description()).startsWith("High and critical findings in the payments product,");
    assertThat(w.triggers().schedule()).isNull();
    assertThat(w.source().severities()).containsExactly("CRITICAL", "HIGH");
    assertThat(w.source().lookback()).isEqualTo(Duration.ofDays(14));
    assertThat(w.inventory().maxAge()).isEqualTo(Duration.ofHours(6));
    assertThat(w.filters().get(0).condition())
        .isEqualTo("runtime.running &&\n  \"payments\" in runtime.runningProducts\n");
    assertThat(w.suppressReported().orElseThrow().renotify())
        .isEqualTo(new Step.Renotify(true, true, false));
    assertThat(w.actions())
        .extracting(Action::id)
        .containsExactly("payments-jira", "payments-webhook", "slack");
    assertThat(((Action.Slack) w.actions().get(2)).channel()).isEqualTo("off");
  }

  @Test
  void criticalProductionIsTheSpecDefault() {
    Workflow w = loader.load(Path.of("workflows/critical-production.yaml"));
    assertThat(w.name()).isEqualTo("critical-production");
    assertThat(w.triggers())
        .isEqualTo(
            new Triggers(
                new Triggers.Schedule("0 * * * *", "UTC"),
                List.of(
                    Triggers.EventKind.ECR_IMAGE_SCAN,
                    Triggers.EventKind.INSPECTOR2_SCAN,
                    Triggers.EventKind.INSPECTOR2_FINDING)));
    // Every explicit value equals the records' defaults: the file documents them.
    assertThat(w.source()).isEqualTo(Source.DEFAULT);
    assertThat(w.inventory()).isEqualTo(InventorySettings.DEFAULT);
    assertThat(w.steps())
        .containsExactly(
            new Step.Filter("running", "runtime.running"),
            new Step.Filter("production", "\"production\" in runtime.runningStages"),
            new Step.Group(null),
            new Step.SuppressReported(null, null, null, null));
    assertThat(w.actions())
        .containsExactly(
            new Action.Jira(
                null, "SEC", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null),
            new Action.Slack(null, "#security-alerts", null, null, null, null));
  }

  @Test
  void stagingDigestAppliesDefaults() {
    Workflow w = loader.load(Path.of("workflows/staging-daily-digest.yaml"));
    assertThat(w.triggers().schedule())
        .isEqualTo(new Triggers.Schedule("0 8 * * *", "Europe/Berlin"));
    assertThat(w.triggers().events()).isEmpty();
    assertThat(w.source().severities()).containsExactly("CRITICAL", "HIGH");
    assertThat(w.source().repositories()).isEqualTo(Source.Repositories.ALL);
    assertThat(w.inventory().maxAge()).isEqualTo(Duration.ofHours(3));
    assertThat(w.steps().get(2)).isEqualTo(new Step.Group(Step.Group.DEFAULT_KEY));
    Step.SuppressReported s = (Step.SuppressReported) w.steps().get(3);
    assertThat(s.reportWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(s.backfill()).isFalse();
    assertThat(s.renotify()).isEqualTo(Step.Renotify.NONE);
    assertThat(w.actions())
        .containsExactly(new Action.Slack("slack", "#staging-security", null, null, null, null));
  }

  @Test
  void bindsEveryOptionalSetting() {
    String yaml =
        """
        name: full
        triggers:
          events: [inspector2-finding]
        source:
          lookback: PT36H
          repositories: { include: ["shop/*"], exclude: ["shop/legacy-?"] }
        inventory: { maxAge: 1h30m }
        steps:
          - type: group
            by: [vulnerabilityId, repository]
          - type: suppress-reported
            reportWindow: 2w
            backfill: true
            resolveAfter: 90s
            renotify: { severityRaised: true, regression: true }
        actions:
          - type: jira
            id: sec-ticket
            project: SEC
            issueType: Vulnerability
            labels: [security]
            priorities: { CRITICAL: Highest, HIGH: High }
            summary: "{{ group.key.vulnerabilityId }} in {{ group.key.repository }}"
          - type: slack
            webhookUrl: https://hooks.slack.com/services/T/B/X
            text: "{% if group %}new{% endif %}"
          - type: slack
            id: by-owner
            channel: C0SECURITY0
            owners: { team-payments: C0PAYMENTS0 }
            floodCap: 25
        """;
    Workflow w = loader.parse("full.yaml", yaml);
    assertThat(w.source().lookback()).isEqualTo(Duration.ofHours(36));
    assertThat(w.source().repositories().exclude()).containsExactly("shop/legacy-?");
    assertThat(w.inventory().maxAge()).isEqualTo(Duration.ofMinutes(90));
    assertThat(w.steps())
        .containsExactly(
            new Step.Group(List.of("vulnerabilityId", "repository")),
            new Step.SuppressReported(
                Duration.ofDays(14),
                true,
                new Step.Renotify(true, null, true),
                Duration.ofSeconds(90)));
    Action.Jira jira = (Action.Jira) w.actions().get(0);
    assertThat(jira.id()).isEqualTo("sec-ticket");
    assertThat(jira.priorities()).isEqualTo(Map.of("CRITICAL", "Highest", "HIGH", "High"));
    assertThat(jira.labels()).containsExactly("security");
    assertThat(w.actions().get(1).id()).isEqualTo("slack");
    assertThat(w.actions().get(2))
        .isEqualTo(
            new Action.Slack(
                "by-owner", "C0SECURITY0", null, null, Map.of("team-payments", "C0PAYMENTS0"), 25));
    assertThat(((Action.Slack) w.actions().get(2)).floodLimit()).isEqualTo(25);
  }

  @Test
  void reportsAllErrorsOfAFileAtOnceSortedByPosition() {
    WorkflowException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            WorkflowException.class,
            () -> loader.load(Path.of("src/test/resources/workflows/invalid/many-errors.yaml")));
    assertThat(e.errors()).hasSize(10).isSorted();
    assertThat(e.getMessage().split("\n")).hasSize(10);
    assertThat(e.errors().get(7).toString())
        .isEqualTo(
            "src/test/resources/workflows/invalid/many-errors.yaml:8:1: unknown key 'stepz' in"
                + " workflow (allowed: name, description, triggers, source, inventory, steps,"
                + " actions)");
  }

  @Test
  void validationErrorPrintsLikeACompiler() {
    assertThat(new ValidationError("workflows/x.yaml", 12, 5, "boom"))
        .hasToString("workflows/x.yaml:12:5: boom");
  }

  @Test
  void missingFileIsAnErrorNotACrash() {
    assertThat(loader.validate(Path.of("workflows/nope.yaml")))
        .extracting(ValidationError::toString)
        .containsExactly("workflows/nope.yaml:1:1: cannot read the file: no such file");
    assertThatThrownBy(() -> loader.load(Path.of("workflows/nope.yaml")))
        .isInstanceOf(WorkflowException.class);
  }

  @Test
  void emptyFile() {
    assertThat(loader.validate("e.yaml", "# only a comment\n"))
        .extracting(ValidationError::toString)
        .containsExactly(
            "e.yaml:1:1: the file is empty; a workflow needs at least name, steps and actions");
  }

  @Test
  void loadAllLoadsTheShippedDirectory() {
    assertThat(loader.loadAll(Path.of("workflows")))
        .extracting(Workflow::name)
        .containsExactly("critical-production", "staging-daily-digest");
  }

  @Test
  void loadAllRejectsTwoFilesWithOneName(@TempDir Path dir) throws IOException {
    String yaml = "name: same\nsteps: [{type: group}]\nactions: [{type: slack, channel: x}]\n";
    Files.writeString(dir.resolve("a.yaml"), yaml);
    Files.writeString(dir.resolve("b.yml"), yaml);
    Files.writeString(dir.resolve("notes.txt"), "not a workflow");
    assertThatThrownBy(() -> loader.loadAll(dir))
        .isInstanceOf(WorkflowException.class)
        .hasMessage(
            dir.resolve("b.yml")
                + ":1:7: workflow name 'same' is already used by "
                + dir.resolve("a.yaml"));
  }

  @Test
  void yaml12Semantics() {
    // "off" is a string in YAML 1.2 (and for editors), so it is a valid channel name here too.
    Workflow w =
        loader.parse(
            "y.yaml",
            "name: y\nsteps: [{type: group}, {type: suppress-reported, backfill: True}]\n"
                + "actions: [{type: slack, channel: off}]\n");
    assertThat(((Action.Slack) w.actions().get(0)).channel()).isEqualTo("off");
    assertThat(w.suppressReported().orElseThrow().backfill()).isTrue();
  }

  @Test
  void conveniencesForTheEngine() {
    Workflow w = loader.load(Path.of("workflows/critical-production.yaml"));
    assertThat(w.filters()).extracting(Step.Filter::name).containsExactly("running", "production");
    assertThat(w.filters().get(0).compiled().expression()).isEqualTo("runtime.running");
    assertThat(w.group().orElseThrow().by()).isEqualTo(Step.Group.DEFAULT_KEY);
    assertThat(w.suppressReported()).isPresent();
    assertThat(w.action("slack")).containsInstanceOf(Action.Slack.class);
    assertThat(w.action("nope")).isEmpty();
  }

  @Test
  void scheduleFollowsItsTimeZone() {
    Triggers.Schedule berlin = new Triggers.Schedule("0 8 * * *", "Europe/Berlin");
    // Winter: 08:00 CET is 07:00 UTC; summer: 08:00 CEST is 06:00 UTC.
    assertThat(berlin.next(java.time.Instant.parse("2026-01-15T07:30:00Z")))
        .contains(java.time.Instant.parse("2026-01-16T07:00:00Z"));
    assertThat(berlin.next(java.time.Instant.parse("2026-07-15T05:00:00Z")))
        .contains(java.time.Instant.parse("2026-07-15T06:00:00Z"));
    assertThat(
            new Triggers.Schedule("0 * * * *", null)
                .next(java.time.Instant.parse("2026-01-15T07:00:00Z")))
        .contains(java.time.Instant.parse("2026-01-15T08:00:00Z"));
  }

  @Test
  void durations() {
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("PT3H")).isEqualTo(Duration.ofHours(3));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
    assertThatThrownBy(() -> Durations.parse("-3h")).hasMessageContaining("invalid duration '-3h'");
  }
}
