package io.vulnsift.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.cli.Demo;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.TestEngines;
import io.vulnsift.engine.report.EmfMetrics;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics the code really emits: each workflow run once by the engine on the demo data
 * (DynamoDB Local, deliveries to an outbox), its report turned into an EMF line, and what that line
 * defines collected — namespace, dimension sets and metric names per workflow.
 *
 * @param namespaces every namespace of a directive
 * @param dimensionSets every dimension set of a directive
 * @param metrics workflow (the dimension's value) → metric names
 * @param reports workflow → the run report the metrics came from
 */
record EmittedMetrics(
    Set<String> namespaces,
    Set<List<String>> dimensionSets,
    Map<String, Set<String>> metrics,
    Map<String, RunReport> reports) {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  static EmittedMetrics of(List<Workflow> workflows) {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    Set<String> namespaces = new LinkedHashSet<>();
    Set<List<String>> dimensionSets = new LinkedHashSet<>();
    Map<String, Set<String>> metrics = new TreeMap<>();
    Map<String, RunReport> reports = new TreeMap<>();
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      Path outbox = Files.createTempFile("outbox", ".jsonl");
      RunEnvironment env = Demo.environment(db, "demo", NOW, Optional.of(new Outbox(outbox, json)));
      Engine engine = TestEngines.with(TestEngines.outboxHandlers(), json);
      for (Workflow wf : workflows) {
        RunReport report = engine.run(wf, RunOptions.at(NOW), env);
        reports.put(wf.name(), report);
        JsonNode emf = EmfMetrics.of(report, Instant.now(), json);
        for (JsonNode directive : emf.at("/_aws/CloudWatchMetrics")) {
          namespaces.add(directive.get("Namespace").asText());
          for (JsonNode set : directive.get("Dimensions")) {
            List<String> names = new ArrayList<>();
            set.forEach(d -> names.add(d.asText()));
            dimensionSets.add(names);
          }
          Set<String> names =
              metrics.computeIfAbsent(emf.get("workflow").asText(), k -> new LinkedHashSet<>());
          directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        }
      }
      Files.deleteIfExists(outbox);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EmittedMetrics(namespaces, dimensionSets, metrics, reports);
  }
}
