package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.model.Finding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The findings of one fetch share one instance per distinct text value, across files (images): what
 * keeps a million findings within the heap SPEC §6 allows (docs/benchmarks.md).
 */
class SharedStringsTest {

  @Test
  void findingsOfOneFetchShareTheirTextAcrossImages() {
    List<Finding> findings =
        new FileFindingSource(Path.of("examples/findings"))
            .fetch(new FetchRequest(Instant.parse("2026-11-20T12:00:00Z"), null, Optional.empty()))
            .findings();
    Map<String, List<Finding>> byCve =
        findings.stream().collect(Collectors.groupingBy(Finding::vulnerabilityId));
    List<List<Finding>> repeated =
        byCve.values().stream()
            .filter(l -> l.stream().map(Finding::imageDigest).distinct().count() > 1)
            .toList();
    assertThat(repeated).as("the demo data has CVEs in several images").isNotEmpty();
    for (List<Finding> same : repeated) {
      Finding first = same.get(0);
      for (Finding other : same) {
        assertThat(other.vulnerabilityId()).isSameAs(first.vulnerabilityId());
        if (first.description() != null && first.description().equals(other.description())) {
          assertThat(other.description()).isSameAs(first.description());
        }
        if (first.repository().equals(other.repository())) {
          assertThat(other.repository()).isSameAs(first.repository());
        }
      }
    }
  }

  @Test
  void equalValuesBecomeOneInstanceOthersStayApart() {
    SharedStrings strings = new SharedStrings();
    String a = new String("CVE-2024-6119");
    String b = new String("CVE-2024-6119");
    assertThat(strings.share(a)).isSameAs(a);
    assertThat(strings.share(b)).isSameAs(a);
    assertThat(strings.share("CVE-2024-0001")).isEqualTo("CVE-2024-0001");
    assertThat(strings.share((String) null)).isNull();
  }
}
