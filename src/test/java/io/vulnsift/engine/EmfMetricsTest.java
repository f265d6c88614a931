package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vulnsift.engine.report.EmfMetrics;
import io.vulnsift.engine.report.RunReport;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EMF lines hold the structure the Embedded Metric Format specification requires. */
class EmfMetricsTest {
  final TriageFixture fx = new TriageFixture();

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  @Test
  void aRunsFunnelIsAValidEmfDocumentWithEveryTargetMemberAtTheRoot() throws Exception {
    fx.findings.add(critical("CVE-2024-9000", "payments/api", 90, ofHours(2)));
    fx.inventory(pod(90, "api-90", "running", "production", ofMinutes(5)));
    RunReport report = fx.run(TriageFixture.workflow(TriageSemanticsTest.WORKFLOW), NOW);
    Instant at = Instant.parse("2026-11-26T10:00:00Z");

    JsonNode emf = EmfMetrics.of(report, at, TriageFixture.JSON);

    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/contracts/emf.schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(emf);
    assertThat(errors).isEmpty();
    JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
    for (JsonNode dimensionSet : directive.get("Dimensions")) {
      for (JsonNode dimension : dimensionSet) {
        assertThat(emf.get(dimension.asText()).isTextual()).as(dimension.asText()).isTrue();
      }
    }
    for (JsonNode metric : directive.get("Metrics")) {
      assertThat(emf.get(metric.get("Name").asText()).isNumber()).as(metric.toString()).isTrue();
    }
    assertThat(emf.at("/_aws/Timestamp").asLong()).isEqualTo(at.toEpochMilli());
    assertThat(emf.get("funnel.new").asInt()).isEqualTo(1);
    assertThat(emf.get("funnel.delivered").asInt()).isEqualTo(1);
    assertThat(emf.get("workflow").asText()).isEqualTo("critical-production");
  }

  @Test
  void theSchemaRejectsWhatTheSpecificationForbids() throws Exception {
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/contracts/emf.schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode noTimestamp =
        TriageFixture.JSON.readTree(
            "{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[]}]}}");
    JsonNode badUnit =
        TriageFixture.JSON.readTree(
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],"
                + "\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Apples\"}]}]},\"m\":1}");
    assertThat(schema.validate(noTimestamp)).isNotEmpty();
    assertThat(schema.validate(badUnit)).isNotEmpty();
  }
}
