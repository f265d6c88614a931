package io.vulnsift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a document against the Embedded Metric Format specification: its structure with the JSON
 * Schema {@code contracts/emf.schema.json}, and what a schema cannot express — every metric and
 * dimension a directive names is a member of the root, metrics numbers (or up to 100 numbers),
 * dimensions strings of at most 1024 characters, no metric defined twice in a directive.
 */
public final class EmfAssert {
  private static final JsonSchema SCHEMA = load();

  private EmfAssert() {}

  /** Every violation, empty when the document is valid. */
  public static List<String> violations(JsonNode emf) {
    List<String> out = new ArrayList<>();
    SCHEMA.validate(emf).stream().map(ValidationMessage::getMessage).forEach(out::add);
    if (!out.isEmpty()) {
      return out;
    }
    for (JsonNode directive : emf.at("/_aws/CloudWatchMetrics")) {
      for (JsonNode dimensionSet : directive.get("Dimensions")) {
        for (JsonNode dimension : dimensionSet) {
          JsonNode value = emf.get(dimension.asText());
          if (value == null || !value.isTextual() || value.asText().length() > 1024) {
            out.add("dimension " + dimension + " is not a string member of the root");
          }
        }
      }
      Set<String> names = new HashSet<>();
      for (JsonNode metric : directive.get("Metrics")) {
        String name = metric.get("Name").asText();
        if (!names.add(name)) {
          out.add("metric " + name + " defined twice in one directive");
        }
        if (!isMetricValue(emf.get(name))) {
          out.add("metric " + name + " is not a number (or up to 100 numbers) at the root");
        }
      }
    }
    return out;
  }

  private static boolean isMetricValue(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isNumber()) {
      return true;
    }
    if (!value.isArray() || value.size() > 100) {
      return false;
    }
    for (JsonNode v : value) {
      if (!v.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static JsonSchema load() {
    try (InputStream in = EmfAssert.class.getResourceAsStream("/contracts/emf.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
