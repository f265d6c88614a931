package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.model.Finding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnhancedFindingMapperTest {

  private final EcrFindingsParser parser = new EcrFindingsParser();

  private List<Finding> parse(String finding, String envelopeExtra) {
    String json =
        """
        {"imageScanFindings": {"enhancedFindings": [%s],
           "imageScanCompletedAt": "2026-11-20T08:00:00.000000+00:00"},
         "registryId": "123456789012", "repositoryName": "platform/ingress",
         "imageId": {"imageDigest": "sha256:dd"%s},
         "imageScanStatus": {"status": "ACTIVE"}}
        """
            .formatted(finding, envelopeExtra);
    return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "e.json");
  }

  private static final String TWO_PACKAGES =
      """
      {"firstObservedAt": 1763600000, "lastObservedAt": 1763620000.5,
       "severity": "High", "title": "CVE-2023-5363 - libcrypto3, libssl3",
       "fixAvailable": "YES", "exploitAvailable": "NO", "epss": {"score": 0.00231},
       "score": 7.5,
       "packageVulnerabilityDetails": {
         "vulnerabilityId": "CVE-2023-5363",
         "cvss": [
           {"baseScore": 5.0, "scoringVector": "AV:N/AC:L/Au:N/C:P/I:N/A:N", "version": "2.0"},
           {"baseScore": 7.5, "scoringVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
            "version": "3.1"}],
         "referenceUrls": ["https://www.openssl.org/news/secadv/20231024.txt"],
         "vulnerablePackages": [
           {"name": "libcrypto3", "epoch": 0, "version": "3.1.3", "release": "r0",
            "fixedInVersion": "3.1.4-r0"},
           {"name": "libssl3", "epoch": 0, "version": "3.1.3", "release": "r0",
            "fixedInVersion": "NotAvailable"}]}}
      """;

  @Test
  void onePerVulnerablePackage() {
    List<Finding> findings = parse(TWO_PACKAGES, "");

    assertThat(findings)
        .extracting(Finding::packageName, Finding::packageVersion, Finding::fixedInVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("libcrypto3", "3.1.3-r0", "3.1.4-r0"),
            org.assertj.core.groups.Tuple.tuple("libssl3", "3.1.3-r0", null));
    Finding f = findings.get(0);
    assertThat(f.vulnerabilityId()).isEqualTo("CVE-2023-5363");
    assertThat(f.severity()).isEqualTo("HIGH");
    assertThat(f.cvssScore()).as("v3 entry of cvss[] without scoreDetails").isEqualTo(7.5);
    assertThat(f.cvssVector()).startsWith("CVSS:3.1/");
    assertThat(f.epssScore()).isEqualTo(0.00231);
    assertThat(f.uri())
        .as("first reference without sourceUrl")
        .isEqualTo("https://www.openssl.org/news/secadv/20231024.txt");
    assertThat(f.firstObservedAt()).isEqualTo(Instant.ofEpochSecond(1763600000));
    assertThat(f.lastObservedAt()).isEqualTo(Instant.ofEpochSecond(1763620000, 500_000_000));
    assertThat(f.fixAvailable()).isEqualTo("YES");
  }

  @Test
  void imageFallsBackToTheResponseWithoutResources() {
    Finding f = parse(TWO_PACKAGES, ", \"imageTag\": \"v1.11.3\"").get(0);

    assertThat(f.registry()).isEqualTo("123456789012");
    assertThat(f.repository()).isEqualTo("platform/ingress");
    assertThat(f.imageDigest()).isEqualTo("sha256:dd");
    assertThat(f.imageTags()).containsExactly("v1.11.3");
    assertThat(f.inUseCount()).isNull();
  }

  @Test
  void nonZeroEpochIsKeptAndZeroEpochDropped() {
    String zlib =
        """
        {"severity": "CRITICAL", "lastObservedAt": "2026-11-19T10:00:00Z",
         "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2023-45853",
           "vulnerablePackages": [
             {"name": "zlib1g", "epoch": 1, "version": "1.2.13.dfsg", "release": "1"},
             {"name": "zlib1g-dev", "epoch": 0, "version": "1.2.13.dfsg"}]}}
        """;

    List<Finding> findings = parse(zlib, "");

    assertThat(findings)
        .extracting(Finding::packageVersion)
        .containsExactly("1:1.2.13.dfsg-1", "1.2.13.dfsg");
    assertThat(findings.get(0).title()).isEqualTo("CVE-2023-45853 - zlib1g");
    assertThat(findings.get(0).firstObservedAt())
        .as("no firstObservedAt: the last observation")
        .isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
  }

  @Test
  void scoreIsTheLastResortForCvss() {
    String json =
        """
        {"severity": "MEDIUM", "score": 5.5,
         "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2023-42363",
           "cvss": [{"baseScore": 4.3, "version": "2.0"}],
           "sourceUrl": "https://nvd.nist.gov/vuln/detail/CVE-2023-42363",
           "vulnerablePackages": [{"name": "busybox", "version": "1.36.1", "release": "r5"}]}}
        """;

    Finding f = parse(json, "").get(0);

    assertThat(f.cvssScore()).isEqualTo(5.5);
    assertThat(f.cvssVector()).isNull();
    assertThat(f.uri()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2023-42363");
    assertThat(f.lastObservedAt()).as("scan time").isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
  }

  @Test
  void missingVulnerablePackagesIsAnError() {
    String json = "{\"packageVulnerabilityDetails\": {\"vulnerabilityId\": \"CVE-1\"}}";

    assertThatThrownBy(() -> parse(json, ""))
        .isInstanceOf(FindingsParseException.class)
        .hasMessageContaining("e.json:1:")
        .hasMessageContaining(
            "imageScanFindings.enhancedFindings[0].packageVulnerabilityDetails.vulnerablePackages");
  }

  @Test
  void badEpochNamesThePackageField() {
    String json =
        """
        {"packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1",
           "vulnerablePackages": [{"name": "a"}, {"name": "b", "epoch": "x"}]}}
        """;

    assertThatThrownBy(() -> parse(json, ""))
        .hasMessageContaining("packageVulnerabilityDetails.vulnerablePackages[1].epoch");
  }
}
