package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.model.Finding;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one response object from a positioned parser. The envelope is streamed; each finding is
 * read as a small tree with its start location, and normalized once the response's own fields
 * (registry, repository, digest, scan time — which may come after the findings) are known.
 */
final class ResponseReader {

  private record Raw(JsonNode node, JsonLocation at, String path, boolean enhanced) {}

  private final JsonParser p;
  private final ObjectMapper mapper;
  private final String source;
  private final List<Raw> raw = new ArrayList<>();
  private String registry;
  private String repository;
  private String digest;
  private String tag;
  private String status;
  private Instant completedAt;
  private boolean recognized;

  private final SharedStrings strings;

  ResponseReader(JsonParser p, ObjectMapper mapper, String source, SharedStrings strings) {
    this.p = p;
    this.mapper = mapper;
    this.source = source;
    this.strings = strings;
  }

  /** Reads the object at the current {@code START_OBJECT} token, through its {@code END_OBJECT}. */
  ImageScan read() throws IOException {
    JsonLocation start = p.currentTokenLocation();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "imageScanFindings" -> scanFindings();
        case "registryId" -> registry = scalar(name);
        case "repositoryName" -> repository = scalar(name);
        case "imageId" -> {
          JsonNode id = tree(name);
          digest = field(() -> Json.text(id, "imageDigest", "imageId.imageDigest"), start);
          tag = field(() -> Json.text(id, "imageTag", "imageId.imageTag"), start);
        }
        case "imageScanStatus" -> {
          JsonNode st = tree(name);
          status =
              Json.upper(field(() -> Json.text(st, "status", "imageScanStatus.status"), start));
        }
        default -> p.skipChildren();
      }
    }
    if (!recognized) {
      throw FindingsParseException.at(
          source, start, null, "not a DescribeImageScanFindings response");
    }
    ScanContext ctx = strings.context(registry, repository, digest, tag, completedAt);
    List<Finding> findings = new ArrayList<>(raw.size());
    for (Raw r : raw) {
      try {
        if (r.enhanced()) {
          EnhancedFindingMapper.map(r.node(), ctx, findings);
        } else {
          findings.add(BasicFindingMapper.map(r.node(), ctx));
        }
      } catch (FieldException e) {
        String field = responseLevel(e.field()) ? e.field() : r.path() + "." + e.field();
        throw FindingsParseException.at(source, r.at(), field, e.getMessage());
      }
    }
    return new ImageScan(registry, repository, digest, tag, status, completedAt, findings);
  }

  /** Fields the finding fell back to on the response, named from the response root. */
  private static boolean responseLevel(String field) {
    return field.equals("repositoryName")
        || field.startsWith("imageId.")
        || field.startsWith("imageScanFindings.");
  }

  private void scanFindings() throws IOException {
    recognized = true;
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(JsonToken.START_OBJECT, "imageScanFindings", "an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "findings" -> findings("imageScanFindings.findings", false);
        case "enhancedFindings" -> findings("imageScanFindings.enhancedFindings", true);
        case "imageScanCompletedAt" -> {
          JsonLocation at = p.currentTokenLocation();
          JsonNode n = tree(name);
          String path = "imageScanFindings.imageScanCompletedAt";
          completedAt = field(() -> EcrTimestamps.parse(n, path), at);
        }
        default -> p.skipChildren();
      }
    }
  }

  private void findings(String path, boolean enhanced) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(JsonToken.START_ARRAY, path, "an array");
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String itemPath = path + "[" + i++ + "]";
      expect(JsonToken.START_OBJECT, itemPath, "an object");
      JsonLocation at = p.currentTokenLocation();
      raw.add(new Raw(mapper.readTree(p), at, itemPath, enhanced));
    }
  }

  private String scalar(String name) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!p.currentToken().isScalarValue()) {
      throw FindingsParseException.at(source, p.currentTokenLocation(), name, "expected a string");
    }
    recognized |= name.equals("repositoryName");
    return p.getText();
  }

  private JsonNode tree(String name) throws IOException {
    recognized |= name.startsWith("image");
    JsonNode n = mapper.readTree(p);
    return n == null ? mapper.nullNode() : n;
  }

  private void expect(JsonToken token, String field, String what) {
    if (p.currentToken() != token) {
      throw FindingsParseException.at(
          source,
          p.currentTokenLocation(),
          field,
          "expected " + what + ", found " + p.currentToken());
    }
  }

  private <T> T field(java.util.function.Supplier<T> read, JsonLocation at) {
    try {
      return read.get();
    } catch (FieldException e) {
      throw FindingsParseException.at(source, at, e.field(), e.getMessage());
    }
  }
}
