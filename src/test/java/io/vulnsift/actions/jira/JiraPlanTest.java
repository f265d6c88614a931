package io.vulnsift.actions.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraPlanTest {

  static final JiraSettings CLOUD =
      new JiraSettings("https://acme.atlassian.net/", "bot@acme.io", "tok3n", null);
  static final JiraSettings DC = new JiraSettings("https://jira.acme.internal", null, null, "p4t");
  static final Action.Jira ACTION = action(List.of("ecr scan"), null, null);

  /** A Jira action to project SEC with these labels and templates (null: the built-in one). */
  static Action.Jira action(List<String> labels, String summary, String description) {
    return new Action.Jira(
        null,
        "SEC",
        null,
        labels,
        null,
        summary,
        description,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void cloudBodyHasExactFieldsAndAdfDescription() {
    PlannedRequest plan = new JiraActionHandler(CLOUD).plan(ACTION, Fixtures.alert());
    assertThat(plan.operation()).isEqualTo("jira.create");
    JsonNode fields = plan.payload().get("fields");
    assertThat(plan.payload().size()).isEqualTo(1);
    assertThat(fields.get("project").toString()).isEqualTo("{\"key\":\"SEC\"}");
    assertThat(fields.get("issuetype").toString()).isEqualTo("{\"name\":\"Bug\"}");
    assertThat(fields.get("summary").asText())
        .isEqualTo("CVE-2024-6119 (CRITICAL) in openssl 3.0.13 — payments/api");
    assertThat(fields.get("priority").toString()).isEqualTo("{\"name\":\"Highest\"}");
    String fp = Fixtures.key().fingerprint();
    assertThat(fields.get("labels").toString())
        .isEqualTo("[\"ecr-scan\",\"vulnsift\",\"vulnsift-" + fp + "\"]");

    JsonNode doc = fields.get("description");
    assertThat(doc.get("type").asText()).isEqualTo("doc");
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    assertThat(doc.get("content").get(0).toString())
        .isEqualTo(
            "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"CVE-2024-6119: Improper certificate validation\"}]}");
    String all = doc.toString();
    assertThat(all)
        .contains("Severity: CRITICAL — CVSS 9.8 (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)");
    assertThat(all).contains("openssl 3.0.13 → fixed in 3.0.15");
    assertThat(all).contains("Fix available: YES, exploit available: NO, EPSS: 94.3%");
    assertThat(all).contains("payments/api (v1.2.3, latest) " + Fixtures.DIGEST_A);
    assertThat(all).contains("prod-eu/payments/api — stage production, owner team-payments");
    assertThat(all).contains("vulnsift fingerprint: " + fp + " (workflow critical-production)");
    assertThat(all)
        .contains(
            "{\"type\":\"text\",\"text\":\"https://nvd.nist.gov/vuln/detail/CVE-2024-6119\","
                + "\"marks\":[{\"type\":\"link\",\"attrs\":{\"href\":"
                + "\"https://nvd.nist.gov/vuln/detail/CVE-2024-6119\"}}]}");
    // the image and workload lines are bullet lists, each item one paragraph
    List<String> types = new ArrayList<>();
    doc.get("content").forEach(n -> types.add(n.get("type").asText()));
    assertThat(types).containsSubsequence("paragraph", "bulletList", "paragraph", "bulletList");
    JsonNode images = doc.get("content").get(3);
    assertThat(images.get("type").asText()).isEqualTo("bulletList");
    assertThat(images.get("content")).hasSize(2);
    AdfAssert.valid(doc);
  }

  @Test
  void dataCenterBodyUsesWikiMarkupString() {
    JsonNode fields =
        new JiraActionHandler(DC).plan(ACTION, Fixtures.alert()).payload().get("fields");
    String wiki = fields.get("description").asText();
    assertThat(fields.get("description").isTextual()).isTrue();
    assertThat(wiki)
        .startsWith("CVE\\-2024\\-6119: Improper certificate validation\n\nSeverity: CRITICAL");
    assertThat(wiki).contains("- NVD: [https://nvd.nist.gov/vuln/detail/CVE-2024-6119]");
    assertThat(wiki)
        .contains("\n- prod\\-eu/payments/api — stage production, owner team\\-payments\n");
    assertThat(fields.get("summary").asText())
        .isEqualTo("CVE-2024-6119 (CRITICAL) in openssl 3.0.13 — payments/api");
  }

  @Test
  void prioritiesFromTheActionWinCaseInsensitively() {
    Action.Jira action =
        new Action.Jira(
            "j",
            "SEC",
            "Vulnerability",
            List.of(),
            Map.of("critical", "P1"),
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
            null);
    JsonNode fields =
        new JiraActionHandler(CLOUD).plan(action, Fixtures.alert()).payload().get("fields");
    assertThat(fields.get("priority").get("name").asText()).isEqualTo("P1");
    assertThat(fields.get("issuetype").get("name").asText()).isEqualTo("Vulnerability");
  }

  @Test
  void hostileScannerTextCannotBreakWikiLayout() {
    String hostile =
        "{code}x{code} [x|http://evil] *bold* \\\\ \nh1. Big\n# list\n|| a || b ||\n{noformat}";
    Finding f =
        Fixtures.finding("t [y|http://evil2]", hostile, Fixtures.DIGEST_A, List.of("{color:red}"));
    var group =
        Fixtures.group(
            List.of(f),
            List.of(Fixtures.DIGEST_A),
            List.of(Fixtures.workload("api", Fixtures.DIGEST_A)));
    String wiki =
        new JiraActionHandler(DC)
            .plan(ACTION, Fixtures.alert(group))
            .payload()
            .get("fields")
            .get("description")
            .asText();
    assertThat(wiki).contains("\\{code\\}x\\{code\\} \\[x\\|http://evil\\] \\*bold\\* &#92;&#92; ");
    assertThat(wiki).contains("\nh1&#46; Big\n\\# list\n\\|\\| a \\|\\| b \\|\\|\n\\{noformat\\}");
    assertThat(wiki).contains("t \\[y\\|http://evil2\\]");
    assertThat(wiki).contains("(\\{color:red\\})");
    // no unescaped markup character from the scanner survives
    assertThat(wiki)
        .doesNotContainPattern("(?<!\\\\)\\[x")
        .doesNotContainPattern("(?<!\\\\)\\{code");
  }

  @Test
  void hostileTextIsOnlyTextInAdf() {
    Finding f =
        Fixtures.finding(
            "<b>x</b> [x|http://evil]",
            "{code}\n- injected bullet\n\u0000ctl",
            Fixtures.DIGEST_A,
            List.of());
    var group = Fixtures.group(List.of(f), List.of(Fixtures.DIGEST_A), List.of());
    JsonNode doc =
        new JiraActionHandler(CLOUD)
            .plan(ACTION, Fixtures.alert(group))
            .payload()
            .get("fields")
            .get("description");
    AdfAssert.valid(doc);
    String text = String.join("", doc.findValuesAsText("text"));
    assertThat(text)
        .contains("<b>x</b> [x|http://evil]")
        .contains("{code}")
        .doesNotContain("\u0000");
    // a link mark only ever points at the exact visible text
    AdfAssert.links(doc)
        .forEach(
            l ->
                assertThat(l.get("marks").get(0).get("attrs").get("href").asText())
                    .isEqualTo(l.get("text").asText()));
  }

  @Test
  void longTextIsTruncatedWithMarker() {
    String huge = "A".repeat(100_000);
    Finding f =
        Fixtures.finding("T".repeat(400) + "\nsecond line", huge, Fixtures.DIGEST_A, List.of());
    var group = Fixtures.group(List.of(f), List.of(Fixtures.DIGEST_A), List.of());
    Action.Jira action = action(List.of(), "{{ finding.title }}", "{{ finding.description }}");
    JsonNode dc =
        new JiraActionHandler(DC).plan(action, Fixtures.alert(group)).payload().get("fields");
    assertThat(dc.get("summary").asText()).hasSize(255).endsWith("…").doesNotContain("\n");
    assertThat(dc.get("description").asText())
        .hasSizeLessThanOrEqualTo(32_000)
        .endsWith("… (truncated)");
    JsonNode cloud =
        new JiraActionHandler(CLOUD)
            .plan(action, Fixtures.alert(group))
            .payload()
            .get("fields")
            .get("description");
    AdfAssert.valid(cloud);
    assertThat(cloud.toString().length()).isBetween(25_000, 32_000);
    assertThat(AdfAssert.textLength(cloud)).isGreaterThan(20_000);
    assertThat(cloud.toString()).contains("… (truncated)");
    // the default template caps the scanner description itself and keeps the links after it
    String def =
        new JiraActionHandler(DC)
            .plan(ACTION, Fixtures.alert(group))
            .payload()
            .get("fields")
            .get("description")
            .asText();
    assertThat(def).hasSizeLessThan(12_000).contains("vulnsift fingerprint:");
  }

  @Test
  void userTemplatesGetEscapedValuesButKeepTheirOwnMarkup() {
    Finding f = Fixtures.finding("*pwn*", "d", Fixtures.DIGEST_A, List.of());
    var group = Fixtures.group(List.of(f), List.of(Fixtures.DIGEST_A), List.of());
    Action.Jira action =
        action(List.of(), null, "h2. {{ finding.title }}\n{{ finding.uri | link }}");
    String wiki =
        new JiraActionHandler(DC)
            .plan(action, Fixtures.alert(group))
            .payload()
            .get("fields")
            .get("description")
            .asText();
    assertThat(wiki)
        .isEqualTo("h2. \\*pwn\\*\n[https://security-tracker.debian.org/tracker/CVE-2024-6119]");
  }

  @Test
  void toStringRedactsSecrets() {
    assertThat(CLOUD.toString()).doesNotContain("tok3n").contains("<redacted>");
    assertThat(DC.toString()).doesNotContain("p4t");
  }

  @Test
  void configuredNeedsUrlAndACompleteCredential() {
    assertThat(new JiraActionHandler(CLOUD).configured(ACTION)).isTrue();
    assertThat(new JiraActionHandler(DC).configured(ACTION)).isTrue();
    assertThat(new JiraActionHandler(JiraSettings.NONE).configured(ACTION)).isFalse();
    assertThat(new JiraSettings("https://x", "e@x", null, null).configured()).isFalse();
    assertThat(new JiraSettings(null, null, null, "p").configured()).isFalse();
    assertThat(JiraSettings.NONE.flavour()).isEqualTo(JiraSettings.Flavour.CLOUD);
    assertThat(
            JiraSettings.fromEnv(Map.of("VULNSIFT_JIRA_URL", "u", "VULNSIFT_JIRA_PAT", "p"))
                .flavour())
        .isEqualTo(JiraSettings.Flavour.DATA_CENTER);
  }

  @Test
  void dataCenterDefaultDescriptionGolden() {
    String wiki =
        new JiraActionHandler(DC)
            .plan(ACTION, Fixtures.alert())
            .payload()
            .at("/fields/description")
            .asText();
    String a = Fixtures.DIGEST_A;
    String b = Fixtures.DIGEST_B;
    assertThat(wiki)
        .isEqualTo(
            String.join(
                "\n",
                "CVE\\-2024\\-6119: Improper certificate validation",
                "",
                "Severity: CRITICAL — CVSS 9.8 (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)",
                "Package: openssl 3.0.13 → fixed in 3.0.15",
                "Fix available: YES, exploit available: NO, EPSS: 94.3%",
                "",
                "Affected images (2):",
                "- payments/api (v1.2.3, latest) " + a,
                "- payments/api (v1.2.2) " + b,
                "",
                "Running workloads (2):",
                "- prod\\-eu/payments/api — stage production, owner team\\-payments",
                "- prod\\-eu/payments/worker — stage production, owner team\\-payments",
                "",
                "Links:",
                "- Advisory: [https://security-tracker.debian.org/tracker/CVE-2024-6119]",
                "- NVD: [https://nvd.nist.gov/vuln/detail/CVE-2024-6119]",
                "",
                "Description from the scanner:",
                "OpenSSL may crash on a crafted name.",
                "",
                "vulnsift fingerprint: "
                    + Fixtures.key().fingerprint()
                    + " (workflow critical\\-production)"));
  }

  @Test
  void longListsAreCutWithACount() {
    List<Finding> findings = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String digest = "sha256:" + String.format("%064d", i);
      images.add(digest);
      findings.add(Fixtures.finding(digest, List.of()));
    }
    var group = Fixtures.group(findings, images, List.of());
    String wiki =
        new JiraActionHandler(DC)
            .plan(ACTION, Fixtures.alert(group))
            .payload()
            .at("/fields/description")
            .asText();
    assertThat(wiki).contains("Affected images (120):").contains("\n- and 70 more\n");
    assertThat(wiki.lines().filter(l -> l.startsWith("- payments/api"))).hasSize(50);
  }

  @Test
  void manyShortLinesStillFitJirasLimitAsAdf() {
    Finding f = Fixtures.finding("t", "- x\n\ny\n".repeat(20_000), Fixtures.DIGEST_A, List.of());
    var group = Fixtures.group(List.of(f), List.of(Fixtures.DIGEST_A), List.of());
    Action.Jira action = action(List.of(), null, "{{ finding.description }}");
    JsonNode doc =
        new JiraActionHandler(CLOUD)
            .plan(action, Fixtures.alert(group))
            .payload()
            .at("/fields/description");
    AdfAssert.valid(doc);
    assertThat(doc.toString().length()).isLessThanOrEqualTo(32_000);
    assertThat(doc.toString()).contains("… (truncated)");
  }

  @Test
  void aDataCenterDescriptionCutAtItsLimitNeverEndsInsideALink() {
    String url = "https://nvd.nist.gov/vuln/detail/CVE-2024-6119";
    // The limit falls inside the link of the last line.
    for (int pad = JiraIssueBody.DESCRIPTION_MAX - 40;
        pad < JiraIssueBody.DESCRIPTION_MAX - 10;
        pad++) {
      String wiki =
          JiraIssueBody.wikiDescription(
              "{{ pad }}\n- NVD: {{ url | link }}\n- more",
              Map.of("pad", "a".repeat(pad), "url", url));

      assertThat(wiki).hasSizeLessThanOrEqualTo(JiraIssueBody.DESCRIPTION_MAX);
      assertThat(wiki).endsWith(JiraIssueBody.TRUNCATED);
      String lastLine = wiki.substring(0, wiki.lastIndexOf("\n\n")).replaceAll("(?s).*\n", "");
      assertThat(lastLine)
          .as("pad %d", pad)
          .satisfiesAnyOf(
              l -> assertThat(l).doesNotContain("["), l -> assertThat(l).endsWith("[" + url + "]"));
    }
  }
}
