package io.vulnsift.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  static Finding finding(String severity, Double cvss, Instant lastObserved) {
    return new Finding(
        "CVE-2024-6119",
        "openssl: type confusion",
        null,
        severity,
        cvss,
        null,
        "openssl",
        "3.0.13-1",
        null,
        "YES",
        null,
        null,
        null,
        "123456789012",
        "shop/api",
        "sha256:aa",
        List.of("v1.2.3"),
        lastObserved,
        lastObserved,
        Finding.ScanType.ENHANCED,
        null,
        null);
  }

  static InventoryRecord container(String status, String stage) {
    return new InventoryRecord(
        "sha256:aa",
        "c1",
        "123456789012",
        "shop/api",
        null,
        "prod-eu",
        "shop",
        "api",
        "api",
        status,
        stage,
        "shop",
        "1.2.3",
        "team-shop",
        NOW,
        null,
        "kubernetes");
  }

  static boolean eval(String expression, Finding f, RuntimeContext rt) {
    return Conditions.compile(expression).test(f, rt, NOW);
  }

  @Test
  void stageMembership() {
    Finding f = finding("CRITICAL", 9.8, NOW);
    String production = "\"production\" in runtime.runningStages";
    assertThat(eval(production, f, new RuntimeContext(List.of(container("running", "production")))))
        .isTrue();
    assertThat(eval(production, f, new RuntimeContext(List.of(container("running", "staging")))))
        .isFalse();
    // A stopped production container does not make the image run in production.
    assertThat(eval(production, f, new RuntimeContext(List.of(container("stopped", "production")))))
        .isFalse();
    assertThat(eval(production, f, RuntimeContext.NONE)).isFalse();
    assertThat(eval(production, f, null)).isFalse();
    // Missing stage reads as "None" (SPEC §2.3).
    assertThat(
            eval(
                "\"None\" in runtime.runningStages",
                f,
                new RuntimeContext(List.of(container("running", null)))))
        .isTrue();
  }

  @Test
  void runningAndStatus() {
    Finding f = finding("CRITICAL", 9.8, NOW);
    RuntimeContext running = new RuntimeContext(List.of(container("running", "production")));
    assertThat(eval("runtime.running", f, running)).isTrue();
    assertThat(eval("runtime.running", f, RuntimeContext.NONE)).isFalse();
    assertThat(eval("runtime.status == 'not running'", f, RuntimeContext.NONE)).isTrue();
    assertThat(eval("'team-shop' in runtime.owners && 'prod-eu' in runtime.clusters", f, running))
        .isTrue();
  }

  @Test
  void numbersStringsAndNullDefaults() {
    RuntimeContext rt = RuntimeContext.NONE;
    assertThat(eval("finding.cvssScore >= 9.0", finding("CRITICAL", 9.8, NOW), rt)).isTrue();
    assertThat(eval("finding.cvssScore >= 9", finding("CRITICAL", 7.5, NOW), rt)).isFalse();
    // Unknown score reads as 0.0, not an error.
    assertThat(eval("finding.cvssScore == 0.0", finding("CRITICAL", null, NOW), rt)).isTrue();
    assertThat(eval("finding.severity in ['CRITICAL', 'HIGH']", finding("HIGH", 8.0, NOW), rt))
        .isTrue();
    assertThat(eval("finding.fixedInVersion == ''", finding("HIGH", 8.0, NOW), rt)).isTrue();
    assertThat(eval("finding.inUseCount == 0", finding("HIGH", 8.0, NOW), rt)).isTrue();
    assertThat(eval("finding.scanType == 'ENHANCED'", finding("HIGH", 8.0, NOW), rt)).isTrue();
    assertThat(
            eval("finding.imageTags.exists(t, t.startsWith('v1.'))", finding("HIGH", 8.0, NOW), rt))
        .isTrue();
    assertThat(eval("finding.repository.matches('^shop/')", finding("HIGH", 8.0, NOW), rt))
        .isTrue();
  }

  @Test
  void timestampsAgainstNow() {
    String recent = "finding.lastObservedAt > now - duration(\"24h\")";
    RuntimeContext rt = RuntimeContext.NONE;
    assertThat(eval(recent, finding("HIGH", 8.0, NOW.minus(Duration.ofHours(3))), rt)).isTrue();
    assertThat(eval(recent, finding("HIGH", 8.0, NOW.minus(Duration.ofDays(2))), rt)).isFalse();
    // An absent timestamp is the epoch: never "recent".
    assertThat(eval(recent, finding("HIGH", 8.0, null), rt)).isFalse();
  }

  @Test
  void rejectsUnknownFieldsWithSuggestion() {
    assertThatThrownBy(() -> Conditions.compile("finding.sevrity == 'CRITICAL'"))
        .isInstanceOf(ConditionException.class)
        .hasMessage("undefined field 'sevrity' (did you mean 'severity'?)")
        .satisfies(e -> assertThat(((ConditionException) e).column()).isEqualTo(7));
    assertThatThrownBy(() -> Conditions.compile("findng.severity == 'x'"))
        .hasMessageContaining("undeclared reference to 'findng'");
  }

  @Test
  void hintsForCommonMistakes() {
    assertThatThrownBy(() -> Conditions.compile("runtime.runningStages.contains('production')"))
        .hasMessage(
            "found no matching overload for 'contains' applied to 'list(string).(string)'"
                + " (for a list, write '\"value\" in list')");
    assertThatThrownBy(() -> Conditions.compile("finding.severity = 'CRITICAL'"))
        .hasMessageStartingWith("token recognition error at: '= ' (compare with ==)");
    assertThatThrownBy(() -> Conditions.compile("finding.lastObservedAt > now - 24h"))
        .hasMessage("extraneous input 'h' expecting <EOF> (write durations as duration(\"24h\"))");
  }

  @Test
  void rejectsTypeErrorsAndNonBooleans() {
    assertThatThrownBy(() -> Conditions.compile("runtime.running + 1"))
        .hasMessageContaining("found no matching overload for '_+_' applied to '(bool, int)'");
    assertThatThrownBy(() -> Conditions.compile("finding.cvssScore"))
        .hasMessage("condition must be true or false, but it is of type double");
    assertThatThrownBy(() -> Conditions.compile("finding.severity =="))
        .hasMessageContaining("mismatched input '<EOF>'");
    assertThatThrownBy(() -> Conditions.compile(" ")).hasMessage("condition is empty");
  }

  @Test
  void everyFindingComponentIsAField() {
    assertThat(Conditions.findingFields())
        .containsExactlyElementsOf(
            java.util.Arrays.stream(Finding.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList());
    assertThat(Conditions.runtimeFields())
        .containsExactly(
            "running",
            "status",
            "runningStages",
            "stages",
            "runningProducts",
            "owners",
            "clusters",
            "namespaces",
            "workloads");
  }

  /** The examples of schema/README.md. */
  @Test
  void documentedExamplesCompile() {
    Finding f = finding("CRITICAL", 9.8, NOW);
    RuntimeContext rt = new RuntimeContext(List.of(container("running", "production")));
    assertThat(eval("finding.cvssScore >= 9.0 && finding.fixAvailable == \"YES\"", f, rt)).isTrue();
    assertThat(eval("runtime.owners.exists(o, o.startsWith(\"team-payments\"))", f, rt)).isFalse();
  }

  @Test
  void evaluationErrorsNameTheFinding() {
    CompiledCondition c = Conditions.compile("finding.title.matches('[')");
    assertThatThrownBy(() -> c.test(finding("HIGH", 8.0, NOW), RuntimeContext.NONE, NOW))
        .isInstanceOf(ConditionException.class)
        .hasMessageStartingWith("condition 'finding.title.matches('[')' failed on CVE-2024-6119: ");
  }

  @Test
  void compiledConditionsAreCached() {
    assertThat(Conditions.compile("runtime.running"))
        .isSameAs(Conditions.compile("runtime.running"));
  }
}
