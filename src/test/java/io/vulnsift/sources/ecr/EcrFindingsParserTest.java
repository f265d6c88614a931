package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.model.Finding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcrFindingsParserTest {

  private final EcrFindingsParser parser = new EcrFindingsParser();

  static InputStream resource(String name) {
    InputStream in = EcrFindingsParserTest.class.getResourceAsStream("/ecr/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private List<Finding> parse(String json) {
    return parser.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void basicReferenceSample() {
    List<Finding> findings = parser.parse(resource("basic-sample.json"), "basic-sample.json");

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.vulnerabilityId()).isEqualTo("CVE-2019-5188");
    assertThat(f.title()).isEqualTo("CVE-2019-5188 - e2fsprogs");
    assertThat(f.description())
        .startsWith("A code execution vulnerability exists in the directory");
    assertThat(f.severity()).isEqualTo("MEDIUM");
    assertThat(f.cvssScore()).isEqualTo(4.6);
    assertThat(f.cvssVector()).isEqualTo("AV:L/AC:L/Au:N/C:P/I:P/A:P");
    assertThat(f.packageName()).isEqualTo("e2fsprogs");
    assertThat(f.packageVersion()).isEqualTo("1.44.1-1ubuntu1.1");
    assertThat(f.fixedInVersion()).isNull();
    assertThat(f.fixAvailable()).isNull();
    assertThat(f.exploitAvailable()).isNull();
    assertThat(f.epssScore()).isNull();
    assertThat(f.uri()).isEqualTo("http://people.ubuntu.com/~ubuntu-security/cve/CVE-2019-5188");
    assertThat(f.registry()).isEqualTo("012345678910");
    assertThat(f.repository()).isEqualTo("sample-repo");
    assertThat(f.imageDigest())
        .isEqualTo("sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6");
    assertThat(f.imageTags()).isEmpty();
    assertThat(f.firstObservedAt()).isEqualTo(Instant.ofEpochSecond(1579839105));
    assertThat(f.lastObservedAt()).isEqualTo(Instant.ofEpochSecond(1579839105));
    assertThat(f.scanType()).isEqualTo(Finding.ScanType.BASIC);
    assertThat(f.inUseCount()).isNull();
    assertThat(f.lastInUseAt()).isNull();
  }

  @Test
  void enhancedReferenceSample() {
    List<Finding> findings = parser.parse(resource("enhanced-sample.json"), "enhanced.json");

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.vulnerabilityId()).isEqualTo("CVE-2022-49043");
    assertThat(f.title()).isEqualTo("CVE-2022-49043 - libxml2");
    assertThat(f.description())
        .isEqualTo(
            "xmlXIncludeAddNode in xinclude.c in libxml2 before 2.11.0 has a use-after-free.");
    assertThat(f.severity()).isEqualTo("HIGH");
    assertThat(f.cvssScore()).isEqualTo(8.1);
    assertThat(f.cvssVector()).isEqualTo("CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H");
    assertThat(f.packageName()).isEqualTo("libxml2");
    assertThat(f.packageVersion()).isEqualTo("2.9.14+dfsg-1.3~deb12u1");
    assertThat(f.fixedInVersion()).as("NotAvailable").isNull();
    assertThat(f.fixAvailable()).isEqualTo("NO");
    assertThat(f.exploitAvailable()).isEqualTo("NO");
    assertThat(f.epssScore()).isNull();
    assertThat(f.uri()).isEqualTo("https://security-tracker.debian.org/tracker/CVE-2022-49043");
    assertThat(f.registry()).isEqualTo("123456789012");
    assertThat(f.repository()).isEqualTo("sample-repo");
    assertThat(f.imageDigest())
        .isEqualTo("sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6");
    assertThat(f.imageTags()).containsExactly("latest");
    assertThat(f.firstObservedAt()).isEqualTo(Instant.parse("2025-05-27T17:54:07.765Z"));
    assertThat(f.lastObservedAt()).isEqualTo(Instant.parse("2025-06-09T07:08:40.144Z"));
    assertThat(f.scanType()).isEqualTo(Finding.ScanType.ENHANCED);
    assertThat(f.inUseCount()).isEqualTo(1);
    assertThat(f.lastInUseAt()).isEqualTo(Instant.parse("2025-06-09T04:43:20.427Z"));
  }

  @Test
  void scansCarryStatusAndScanTime() {
    List<ImageScan> scans = parser.parseScans(resource("enhanced-sample.json"), "enhanced.json");

    assertThat(scans)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.scanStatus()).isEqualTo("ACTIVE");
              assertThat(s.scanCompletedAt()).isEqualTo(Instant.parse("2025-06-09T07:08:40.144Z"));
              assertThat(s.repository()).isEqualTo("sample-repo");
              assertThat(s.findings()).hasSize(1);
            });
  }

  @Test
  void epochAndIsoTimestampsAgree() {
    String epoch = basic("1763640000.25", "");
    String iso = basic("\"2025-11-20T12:00:00.250000+00:00\"", "");
    String zulu = basic("\"2025-11-20T12:00:00.25Z\"", "");
    Instant expected = Instant.parse("2025-11-20T12:00:00.250Z");

    assertThat(parse(epoch).get(0).lastObservedAt()).isEqualTo(expected);
    assertThat(parse(iso).get(0).lastObservedAt()).isEqualTo(expected);
    assertThat(parse(zulu).get(0).firstObservedAt()).isEqualTo(expected);
  }

  @Test
  void inspectorEventTimestampFormsAreAccepted() {
    assertThat(EcrTimestamps.parse("Wed Sep 04 16:55:38.411 UTC 2024"))
        .isEqualTo(Instant.parse("2024-09-04T16:55:38.411Z"));
    assertThat(EcrTimestamps.parse("Dec 3, 2021, 6:02:30 PM"))
        .isEqualTo(Instant.parse("2021-12-03T18:02:30Z"));
    assertThat(EcrTimestamps.parse("2021-12-03T18:02:30"))
        .isEqualTo(Instant.parse("2021-12-03T18:02:30Z"));
    assertThat(EcrTimestamps.parse("1579839105.5"))
        .isEqualTo(Instant.parse("2020-01-24T04:11:45.500Z"));
  }

  @Test
  void cvss3IsPreferredOverCvss2AndUriIsTrimmed() {
    String json =
        """
        {"imageScanFindings": {"imageScanCompletedAt": 1700000000, "findings": [{
          "name": "CVE-2023-38545", "severity": "critical",
          "uri": "https://security-tracker.debian.org/tracker/CVE-2023-38545 ",
          "attributes": [
            {"key": "package_version", "value": "7.88.1-10+deb12u3"},
            {"key": "package_name", "value": "curl"},
            {"key": "CVSS2_VECTOR", "value": "AV:N/AC:L/Au:N/C:P/I:P/A:P"},
            {"key": "CVSS2_SCORE", "value": "7.5"},
            {"key": "CVSS3_SCORE", "value": "9.8"},
            {"key": "CVSS3_VECTOR", "value": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}]},
         "registryId": "123456789012", "repositoryName": "storefront/web",
         "imageId": {"imageDigest": "sha256:aa", "imageTag": "3.8.1"},
         "imageScanStatus": {"status": "COMPLETE"}}
        """;

    Finding f = parse(json).get(0);

    assertThat(f.cvssScore()).isEqualTo(9.8);
    assertThat(f.cvssVector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(f.severity()).isEqualTo("CRITICAL");
    assertThat(f.uri()).isEqualTo("https://security-tracker.debian.org/tracker/CVE-2023-38545");
    assertThat(f.imageTags()).containsExactly("3.8.1");
    assertThat(f.title()).isEqualTo("CVE-2023-38545 - curl");
  }

  @Test
  void concatenatedPagesAndArraysOfResponsesAreAllRead() {
    String page1 = basic("1700000000", "");
    String page2 = basic("1700000000", "").replace("CVE-2020-0001", "CVE-2020-0002");

    assertThat(parse(page1 + "\n" + page2))
        .extracting(Finding::vulnerabilityId)
        .containsExactly("CVE-2020-0001", "CVE-2020-0002");
    assertThat(parse("[" + page1 + "," + page2 + "]"))
        .extracting(Finding::vulnerabilityId)
        .containsExactly("CVE-2020-0001", "CVE-2020-0002");
    assertThat(
            parser.parseScans(
                new ByteArrayInputStream((page1 + page2).getBytes(StandardCharsets.UTF_8)), "x"))
        .hasSize(2);
  }

  @Test
  void responseFieldsMayFollowTheFindings() {
    String json =
        """
        {"registryId": "123456789012", "repositoryName": "payments/api",
         "imageId": {"imageDigest": "sha256:bb"},
         "imageScanFindings": {"findings": [{"name": "CVE-2020-0003", "severity": "LOW"}],
           "imageScanCompletedAt": 1700000000}}
        """;

    Finding f = parse(json).get(0);

    assertThat(f.repository()).isEqualTo("payments/api");
    assertThat(f.title()).isEqualTo("CVE-2020-0003");
    assertThat(f.packageName()).isNull();
    assertThat(f.cvssScore()).isNull();
  }

  /** A basic response with one finding; {@code extra} is spliced into the response object. */
  static String basic(String completedAt, String extra) {
    return """
        {"imageScanFindings": {"findings": [{"name": "CVE-2020-0001", "severity": "HIGH",
            "attributes": [{"key": "package_name", "value": "zlib"}]}],
          "imageScanCompletedAt": %s},
         "registryId": "123456789012", "repositoryName": "payments/api",
         "imageId": {"imageDigest": "sha256:cc"}%s}
        """
        .formatted(completedAt, extra);
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() {
    assertThatThrownBy(() -> parse("{\"imageScanFindings\": {\n  \"findings\": [ {,} ]}}"))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageStartingWith("test.json:2:");
  }

  @Test
  void wrongShapeNamesTheField() {
    assertThatThrownBy(() -> parse("{\"imageScanFindings\": {\"findings\": {}}}"))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageContaining("test.json:1:")
        .hasMessageContaining("imageScanFindings.findings");
  }

  @Test
  void badTimestampNamesTheField() {
    assertThatThrownBy(() -> parse(basic("\"yesterday\"", "")))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageContaining("test.json:")
        .hasMessageContaining("imageScanFindings.imageScanCompletedAt");
  }

  @Test
  void findingWithoutNameIsAnErrorNotASilentDrop() {
    String json = basic("1700000000", "").replace("\"name\": \"CVE-2020-0001\",", "");

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageContaining("imageScanFindings.findings[0].name");
  }

  @Test
  void otherDocumentsAreRejected() {
    assertThatThrownBy(() -> parse("{\"kind\": \"List\", \"items\": []}"))
        .hasMessageContaining("not a DescribeImageScanFindings response");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("no JSON content");
    assertThatThrownBy(() -> parse("42")).hasMessageContaining("test.json:1:1");
  }
}
