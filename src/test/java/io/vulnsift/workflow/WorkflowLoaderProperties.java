package io.vulnsift.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever an author (or a bad merge) does to a valid workflow file — lines deleted, doubled or
 * swapped, indentation changed, keys and values of any type and any characters inserted, the file
 * cut short — the loader either loads it or reports located {@link ValidationError}s inside the
 * file, through {@link WorkflowException}; it never fails with anything else.
 */
class WorkflowLoaderProperties {

  static final String FILE = "wf.yaml";

  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "triggers",
          "schedule",
          "cron",
          "timezone",
          "events",
          "source",
          "lookback",
          "severities",
          "repositories",
          "include",
          "exclude",
          "inventory",
          "maxAge",
          "steps",
          "type",
          "condition",
          "by",
          "reportWindow",
          "backfill",
          "resolveAfter",
          "renotify",
          "severityRaised",
          "newProductionWorkload",
          "regression",
          "actions",
          "id",
          "project",
          "issueType",
          "labels",
          "priorities",
          "summary",
          "channel",
          "webhookUrl",
          "text",
          "owners",
          "floodCap",
          "customFields",
          "cvssPriorities",
          "components",
          "- type",
          "-",
          "? complex",
          "<<",
          "x-unknown",
          "ünïcödé",
          "😀",
          "a\u0000b",
          "",
          "'quoted'");

  static final List<String> VALUES =
      List.of(
          "filter",
          "group",
          "suppress-reported",
          "jira",
          "slack",
          "CRITICAL",
          "[CRITICAL, HIGH]",
          "[]",
          "{}",
          "{ cron: \"0 * * * *\", timezone: UTC }",
          "\"0 8 * * *\"",
          "Europe/Berlin",
          "Mars/Olympus",
          "7d",
          "PT6H",
          "-1h",
          "99999999999d",
          "P",
          "runtime.running",
          "'\"production\" in runtime.runningStages'",
          "finding.cvssScore >= 7",
          "runtime.",
          "size(",
          "\"{{ finding.title }}\"",
          "\"{{ finding. }}\"",
          "\"{% for %}\"",
          "true",
          "no",
          "on",
          "~",
          "null",
          "42",
          "-0",
          "1e999",
          "0x1F",
          ".inf",
          "*alias",
          "&anchor x",
          "!!binary aGk=",
          "!!str 1",
          "|",
          ">",
          "|-\n  text",
          "\"\\u0000\"",
          "\"\\uD800\"",
          "'unterminated",
          "\"unterminated",
          "[unclosed",
          "{unclosed",
          "#comment",
          "---",
          "...",
          "%YAML 1.1",
          "@at",
          "`tick`",
          "\t",
          "ünïcödé",
          "😀",
          "\u0085",
          "\u2028",
          "\uFEFF",
          "\u0007",
          "\r",
          "off",
          "C0123456789",
          "https://hooks.slack.com/services/T/B/X");

  static List<String> samples() {
    try (Stream<Path> shipped = Files.list(Path.of("workflows"));
        Stream<Path> corpus = Files.list(Path.of("src/test/resources/workflows/valid"))) {
      List<String> out = new ArrayList<>();
      for (Path p : Stream.concat(shipped, corpus).filter(WorkflowLoader::isYaml).toList()) {
        out.add(Files.readString(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line edit; positions are taken modulo the number of lines (or characters). */
  record Edit(int kind, int at, int other, int indent, String key, String value) {
    String apply(String text) {
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      int i = at % lines.size();
      int j = other % lines.size();
      String line = lines.get(i);
      switch (kind) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, line);
        case 2 -> {
          lines.set(i, lines.get(j));
          lines.set(j, line);
        }
        case 3 -> {
          String stripped = line.stripLeading();
          int current = line.length() - stripped.length();
          lines.set(i, " ".repeat(Math.max(0, current + indent)) + stripped);
        }
        case 4 -> lines.add(i, " ".repeat(Math.max(0, indent + 4)) + key + ": " + value);
        case 5 -> {
          int colon = line.indexOf(':');
          if (colon >= 0) {
            lines.set(i, line.substring(0, colon + 1) + " " + value);
          }
        }
        case 6 -> {
          int c = line.isEmpty() ? 0 : other % (line.length() + 1);
          lines.set(i, line.substring(0, c) + value + line.substring(c));
        }
        default -> {
          String joined = String.join("\n", lines);
          return joined.substring(0, other % (joined.length() + 1));
        }
      }
      return String.join("\n", lines);
    }
  }

  @Provide
  Arbitrary<String> mutants() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(-4, 4),
                Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(6)),
                Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.strings().ofMaxLength(8)))
            .as(Edit::new);
    return Combinators.combine(Arbitraries.of(samples()), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (sample, edits) -> {
              String text = sample;
              for (Edit e : edits) {
                text = e.apply(text);
              }
              return text;
            });
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(KEYS).map(k -> k + ": ")),
            Tuple.of(3, Arbitraries.of(VALUES)),
            Tuple.of(2, Arbitraries.of("\n", "\n  ", "\n- ", ": ", "- ", "{", "}", "[", "]")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(5)))
        .list()
        .ofMaxSize(40)
        .map(parts -> String.join("", parts));
  }

  @Property(tries = 600)
  void mutatedWorkflowsLoadOrFailWithLocatedErrors(@ForAll("mutants") String text) {
    Statistics.collect(loadOrLocatedErrors(text));
    // most mutants must get past the YAML syntax to the validator
    Statistics.coverage(c -> c.check("loaded").percentage(p -> p > 5));
  }

  @Property(tries = 300)
  void randomTextLoadsOrFailsWithLocatedErrors(@ForAll("garbage") String text) {
    loadOrLocatedErrors(text);
  }

  @Example
  void anInvisibleLineBreakIsRefusedWhereEditorsSeeIt() {
    // regression: the YAML 1.1 reader broke the line at U+0085, so every later error pointed one
    // line below where the author's editor shows it
    String text = "name: a\u0085b\nsteps: []\n";
    loadOrLocatedErrors(text);
    assertThat(new WorkflowLoader().validate(FILE, text))
        .extracting(ValidationError::toString)
        .containsExactly(
            "wf.yaml:1:8: invisible line break U+0085: editors and YAML 1.2 do not break the"
                + " line here, the YAML reader would; remove it");
  }

  /** The outcome for the statistics: loaded or invalid. */
  static String loadOrLocatedErrors(String text) {
    List<ValidationError> errors = new WorkflowLoader().validate(FILE, text);
    // lines as editors count them
    List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
    for (ValidationError e : errors) {
      assertThat(e.file()).isEqualTo(FILE);
      assertThat(e.message()).isNotBlank();
      assertThat(e.line()).as("%s in:\n%s", e, text).isBetween(1, lines.size());
      String line = lines.get(e.line() - 1);
      assertThat(e.column()).as("%s in:\n%s", e, text).isBetween(1, line.length() + 1);
    }
    try {
      Workflow workflow = new WorkflowLoader().parse(FILE, text);
      assertThat(errors).isEmpty();
      assertThat(workflow.name()).isNotBlank();
      assertThat(workflow.actions()).isNotEmpty();
      return "loaded";
    } catch (WorkflowException e) {
      assertThat(e.errors()).isNotEmpty().isEqualTo(errors);
      return "invalid";
    }
  }
}
