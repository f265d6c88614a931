package io.vulnsift.actions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.actions.Fixtures;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.jira.JiraIssueBody;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  static final Map<String, Object> VARS =
      Map.of(
          "v",
          "<!channel> {code} & *x*",
          "u",
          "https://a.example/x?a=1&b=2",
          "bad",
          "javascript:alert(1)");

  @Test
  void valuesAreEscapedPerTargetLiteralTextIsNot() {
    String t = "*{{ v }}*";
    assertThat(Templates.render(TemplateTarget.SLACK_MRKDWN, t, VARS))
        .isEqualTo("*&lt;!channel&gt; {code} &amp; *x**");
    assertThat(Templates.render(TemplateTarget.JIRA_WIKI, t, VARS))
        .isEqualTo("*<\\!channel> \\{code\\} & \\*x\\**");
    assertThat(Templates.render(TemplateTarget.PLAIN, t, VARS))
        .isEqualTo("*<!channel> {code} & *x**");
    assertThat(Templates.render(TemplateTarget.SLACK_MRKDWN, "{{ v | raw }}", VARS))
        .isEqualTo("<!channel> {code} & *x*");
  }

  @Test
  void linkFilterOnlyLinksPlainHttpUrls() {
    assertThat(
            Templates.render(TemplateTarget.SLACK_MRKDWN, "{{ u | link }} {{ bad | link }}", VARS))
        .isEqualTo("<https://a.example/x?a=1&amp;b=2> javascript:alert(1)");
    assertThat(Templates.render(TemplateTarget.JIRA_WIKI, "{{ u | link }} {{ bad | link }}", VARS))
        .isEqualTo("[https://a.example/x?a=1&b=2] javascript:alert(1)");
    assertThat(
            Templates.render(
                TemplateTarget.JIRA_WIKI, "{{ v | noformat }}", Map.of("v", "a {noformat} b")))
        .isEqualTo("{noformat}\na { noformat} b\n{noformat}");
  }

  @Test
  void badTemplatesFailWithALineNumber() {
    assertThatThrownBy(() -> Templates.check("ok\n\n{{ a | }}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template error at line 3");
    Templates.check(JiraIssueBody.DEFAULT_DESCRIPTION);
  }

  @Test
  void modelCarriesTheDocumentedVariables() {
    Map<String, Object> vars = TemplateModel.of(Fixtures.alert());
    assertThat(vars)
        .containsKeys(
            "workflow",
            "group",
            "finding",
            "key",
            "fingerprint",
            "fingerprintLabel",
            "maxSeverity",
            "cvss",
            "cvssVector",
            "epss",
            "affectedImages",
            "workloads",
            "owners",
            "stages",
            "nvdUrl",
            "advisoryUrl",
            "jiraKey",
            "jiraUrl",
            "now");
    String t =
        "{{ key.packageName }}|{{ finding.vulnerabilityId }}|{{ affectedImages[0].tagsText }}|{{ workloads[0].path }}|{{ cvss }}";
    assertThat(Templates.render(TemplateTarget.PLAIN, t, vars))
        .isEqualTo("openssl|CVE-2024-6119|v1.2.3, latest|prod-eu/payments/api|9.8");
    assertThat(TemplateModel.nvdUrl("GHSA-xxxx-yyyy-zzzz")).isEmpty();
    assertThat(TemplateModel.nvdUrl("CVE-2024-6119"))
        .isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2024-6119");
    assertThat(TemplateModel.formatEpss(0.5)).isEqualTo("50%");
    assertThat(TemplateModel.formatEpss(0.00012)).isEqualTo("0.01%");
  }

  @Test
  void escapersHandleEdgeCases() {
    assertThat(WikiMarkup.escape("a\\b\r\nh1. x\n  bq. y\n----"))
        .isEqualTo("a&#92;b\nh1&#46; x\n  bq&#46; y\n\\-\\-\\-\\-");
    assertThat(Mrkdwn.truncate("abc&amp;def", 6)).isEqualTo("abc…");
    assertThat(Mrkdwn.link("https://x.example/a|b", "label")).isEqualTo("label");
    assertThat(Text.truncate("ab\uD83D\uDE00cd", 4, "…")).isEqualTo("ab…");
    assertThat(Text.oneLine(" a\n\tb  ")).isEqualTo("a b");
  }

  @Test
  void retryAfterIsParsedAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertThat(delay("5", now)).contains(Duration.ofSeconds(5));
    assertThat(delay("Thu, 26 Nov 2026 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
    assertThat(delay("soon", now)).contains(Duration.ofSeconds(1));
    assertThat(delay("120", now)).isEmpty();
  }

  private static Optional<Duration> delay(String header, Instant now) {
    return RetryPolicy.DEFAULT.delayAfter(1, Optional.of(header), now);
  }
}
