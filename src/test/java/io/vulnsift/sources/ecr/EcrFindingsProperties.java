package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.fuzz.JsonFuzz;
import io.vulnsift.model.Finding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a findings file holds, the parser returns findings or throws its own {@link
 * FindingsParseException} naming the file — never a NullPointerException, ClassCastException or
 * IndexOutOfBoundsException, and never an endless computation.
 */
class EcrFindingsProperties {

  static final JsonFuzz.Vocabulary ECR =
      new JsonFuzz.Vocabulary(
          List.of(
              "imageScanFindings",
              "findings",
              "enhancedFindings",
              "imageScanCompletedAt",
              "registryId",
              "repositoryName",
              "imageId",
              "imageDigest",
              "imageTag",
              "imageScanStatus",
              "status",
              "name",
              "description",
              "uri",
              "severity",
              "attributes",
              "key",
              "value",
              "packageVulnerabilityDetails",
              "vulnerabilityId",
              "vulnerablePackages",
              "version",
              "release",
              "epoch",
              "fixedInVersion",
              "cvss",
              "baseScore",
              "scoringVector",
              "sourceUrl",
              "referenceUrls",
              "scoreDetails",
              "score",
              "inspectorScore",
              "resources",
              "details",
              "awsEcrContainerImage",
              "registry",
              "imageHash",
              "imageTags",
              "inUseCount",
              "lastInUseAt",
              "firstObservedAt",
              "lastObservedAt",
              "epss",
              "title",
              "fixAvailable",
              "exploitAvailable"),
          List.of(
              "CVE-2024-6119",
              "CRITICAL",
              "HIGH",
              "COMPLETE",
              "FAILED",
              "payments/api",
              "123456789012",
              "sha256:" + "a".repeat(64),
              "package_name",
              "package_version",
              "CVSS3_SCORE",
              "CVSS3_VECTOR",
              "CVSS2_SCORE",
              "9.8",
              "x9",
              "3.1",
              "2.0",
              "NotAvailable",
              "2025-06-09T07:08:40.144000+00:00",
              "2025-06-09T07:08:40",
              "1717000000.5",
              "-5",
              "Wed Sep 04 16:55:38.411 UTC 2024",
              "Dec 3, 2021, 6:02:30 PM",
              "1e999999999",
              "1e-999999999",
              "99999999999999999999",
              "YES",
              "NO"));

  final EcrFindingsParser parser = new EcrFindingsParser();

  @Provide
  Arbitrary<String> documents() {
    List<String> samples =
        List.of(
            JsonFuzz.read("src/test/resources/ecr/basic-sample.json"),
            JsonFuzz.read("src/test/resources/ecr/enhanced-sample.json"));
    return Arbitraries.frequencyOf(
        Tuple.of(4, JsonFuzz.mutants(samples, ECR)),
        Tuple.of(1, JsonFuzz.values(ECR).map(Object::toString)));
  }

  @Property(tries = 500)
  void anyDocumentGivesFindingsOrALocatedParseError(@ForAll("documents") String json) {
    Statistics.collect(parseOrLocatedError(json.getBytes(StandardCharsets.UTF_8)));
    // the mutants must reach the mappers, not only the JSON syntax check
    Statistics.coverage(
        c -> {
          c.check("findings").percentage(p -> p > 10);
          c.check("field error").percentage(p -> p > 5);
        });
  }

  @Property(tries = 200)
  void anyBytesGiveFindingsOrALocatedParseError(@ForAll byte[] bytes) {
    parseOrLocatedError(bytes);
  }

  @Example
  void bytesThatAreNoUnicodeAreAParseError() {
    // regression: Jackson's charset detection took these for UTF-32 and threw an IOException,
    // which surfaced as an UncheckedIOException instead of the parser's error
    parseOrLocatedError(new byte[] {0, 0, 0, 123, -1, -1, -1, -1});
  }

  @Example
  void anAstronomicalTimestampIsAFieldErrorNotAnEndlessComputation() {
    // regression: "1e99999999" seconds was expanded to a hundred-million-digit integer (minutes)
    for (String ts : List.of("1e99999999", "1e-99999999", "1e999999999", "1e9999999")) {
      String json =
          "{\"repositoryName\":\"r\",\"imageId\":{\"imageDigest\":\"sha256:"
              + "a".repeat(64)
              + "\"},\"imageScanFindings\":{\"imageScanCompletedAt\":\""
              + ts
              + "\",\"findings\":[{\"name\":\"CVE-1\",\"severity\":\"HIGH\"}]}}";
      parseOrLocatedError(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The outcome, for the statistics: findings, none, a field error, or a syntax error. */
  String parseOrLocatedError(byte[] bytes) {
    try {
      List<ImageScan> scans = parser.parseScans(new ByteArrayInputStream(bytes), "findings.json");
      int n = 0;
      for (ImageScan scan : scans) {
        for (Finding f : scan.findings()) {
          assertThat(f.vulnerabilityId()).isNotBlank();
          assertThat(f.repository()).isNotNull();
          assertThat(f.imageDigest()).isNotNull();
          assertThat(f.lastObservedAt()).isNotNull();
          n++;
        }
      }
      return n > 0 ? "findings" : "no findings";
    } catch (FindingsParseException e) {
      assertThat(e.getMessage()).startsWith("findings.json");
      assertThat(e.source()).isEqualTo("findings.json");
      return e.getMessage().contains("(field ") ? "field error" : "syntax error";
    }
  }
}
