package io.vulnsift.sources.ecr;

import static io.vulnsift.sources.ecr.EcrSweepTest.ACCOUNT;
import static io.vulnsift.sources.ecr.EcrSweepTest.FRESH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.model.Finding;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API path normalizes exactly as the file path does, finding for finding. */
class SdkFindingMapperTest {

  @Test
  void theSameResponseGivesTheSameFindingsFromTheApiAndFromAFile() throws Exception {
    try (FakeEcr ecr = FakeEcr.start(ACCOUNT)) {
      FakeEcr.Image basic =
          ecr.image(ACCOUNT, "team/basic", FakeEcr.digest("b")).completedAt(FRESH);
      basic.basic(FakeFindings.basic("CVE-2026-1", "openssl", "3.0.11-1~deb12u2"));
      ObjectNode clair = FakeFindings.basic("CVE-2019-5188", "e2fsprogs", "1.44.1-1ubuntu1.1");
      var attrs = clair.withArray("attributes");
      attrs.removeAll();
      attrs.addObject().put("key", "package_name").put("value", "e2fsprogs");
      attrs.addObject().put("key", "package_version").put("value", "1.44.1-1ubuntu1.1");
      attrs.addObject().put("key", "CVSS2_VECTOR").put("value", "AV:L/AC:L/Au:N/C:P/I:P/A:P");
      attrs.addObject().put("key", "CVSS2_SCORE").put("value", "4.6");
      basic.basic(clair);
      ObjectNode both = FakeFindings.basic("CVE-2026-2", "zlib", "1:1.2.13");
      both.withArray("attributes").addObject().put("key", "CVSS2_SCORE").put("value", "5.0");
      basic.basic(both);

      FakeEcr.Image enhanced = ecr.image(ACCOUNT, "team/enh", FakeEcr.digest("e"));
      ObjectNode withDetails = FakeFindings.enhanced(enhanced, "CVE-2026-3", "libxml2", FRESH);
      withDetails
          .putObject("scoreDetails")
          .putObject("cvss")
          .put("score", 8.1)
          .put("scoringVector", "CVSS:3.1/AV:L");
      ObjectNode pkg =
          (ObjectNode) withDetails.at("/packageVulnerabilityDetails/vulnerablePackages/0");
      pkg.put("epoch", 2).put("fixedInVersion", "2.9.15");
      ((com.fasterxml.jackson.databind.node.ArrayNode)
              withDetails.at("/packageVulnerabilityDetails/vulnerablePackages"))
          .addObject()
          .put("name", "libxml2-utils")
          .put("version", "2.9.14");
      enhanced.enhanced(withDetails);
      enhanced.enhanced(FakeFindings.enhanced(enhanced, "CVE-2026-4", "curl", FRESH));

      Fetched fetched;
      try (var source = EcrTestClients.source(EcrSettings.DEFAULT, ecr)) {
        fetched = source.fetch(EcrSweepTest.sweep(null));
      }

      List<Finding> fromFiles = new ArrayList<>();
      for (FakeEcr.Image image : List.of(basic, enhanced)) {
        var body =
            FakeEcr.JSON
                .createObjectNode()
                .put("registryId", ACCOUNT)
                .put("repositoryName", image.repository)
                .set("imageId", FakeEcr.JSON.createObjectNode().put("imageDigest", image.digest));
        byte[] response =
            FakeEcr.JSON.writeValueAsBytes(
                new FakeResponses(ecr, body).dispatch("DescribeImageScanFindings").body());
        fromFiles.addAll(
            new EcrFindingsParser().parse(new ByteArrayInputStream(response), image.repository));
      }

      assertThat(fetched.findings()).hasSize(6).containsExactlyInAnyOrderElementsOf(fromFiles);
      Finding clairFinding =
          fetched.findings().stream()
              .filter(f -> f.vulnerabilityId().equals("CVE-2019-5188"))
              .findFirst()
              .orElseThrow();
      assertThat(clairFinding.cvssScore()).isEqualTo(4.6);
      assertThat(clairFinding.uri()).doesNotEndWith(" ");
      assertThat(
              fetched.findings().stream()
                  .filter(f -> f.vulnerabilityId().equals("CVE-2026-2"))
                  .findFirst()
                  .orElseThrow()
                  .cvssScore())
          .as("v3 over v2")
          .isEqualTo(9.8);
      assertThat(
              fetched.findings().stream()
                  .filter(f -> f.packageName().equals("libxml2"))
                  .findFirst()
                  .orElseThrow())
          .satisfies(
              f -> {
                assertThat(f.packageVersion()).isEqualTo("2:2.9.14-1");
                assertThat(f.fixedInVersion()).isEqualTo("2.9.15");
                assertThat(f.cvssScore()).isEqualTo(8.1);
              });
    }
  }
}
