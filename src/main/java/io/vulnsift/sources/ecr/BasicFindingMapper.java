package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.model.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Normalizes one basic-scanning {@code ImageScanFinding} (Clair or AWS_NATIVE). */
final class BasicFindingMapper {

  private BasicFindingMapper() {}

  static Finding map(JsonNode f, ScanContext ctx) {
    String id = Json.text(f, "name", "name");
    if (id == null) {
      throw new FieldException("name", "missing vulnerability name");
    }
    Map<String, String> attrs = attributes(f);
    String pkg = attrs.get("package_name");
    // Basic findings carry no observation times of their own: the scan is the observation.
    if (ctx.completedAt() == null) {
      throw new FieldException(
          "imageScanFindings.imageScanCompletedAt", "missing scan time for basic findings");
    }
    Normalize.BasicCvss cvss = Normalize.basicCvss(attrs);
    Double score = Json.parseDouble(cvss.score(), "attributes");
    String uri = Json.text(f, "uri", "uri");
    String description = Json.text(f, "description", "description");
    String severity = Json.upper(Json.text(f, "severity", "severity"));
    required(ctx.repository(), "repositoryName");
    required(ctx.imageDigest(), "imageId.imageDigest");
    return of(
        ctx,
        id,
        description,
        severity,
        score,
        cvss.vector(),
        pkg,
        attrs.get("package_version"),
        uri);
  }

  /**
   * A basic finding of the response {@code ctx}, its text shared: basic findings carry no image or
   * observation time of their own, so the image is the response's and the scan is the observation
   * (for files and for the SDK model alike).
   */
  static Finding of(
      ScanContext ctx,
      String id,
      String description,
      String severity,
      Double score,
      String vector,
      String pkg,
      String version,
      String uri) {
    return ctx.strings()
        .share(
            new Finding(
                id,
                Normalize.title(null, id, pkg),
                description,
                severity,
                score,
                vector,
                pkg,
                version,
                null,
                null,
                null,
                null,
                Normalize.trim(uri),
                ctx.registry(),
                ctx.repository(),
                ctx.imageDigest(),
                ctx.imageTag() == null ? List.of() : List.of(ctx.imageTag()),
                ctx.completedAt(),
                ctx.completedAt(),
                Finding.ScanType.BASIC,
                null,
                null),
            ctx);
  }

  /** The open key/value list; keys are not documented, so unknown ones are simply carried. */
  private static Map<String, String> attributes(JsonNode f) {
    JsonNode list = Json.array(f, "attributes", "attributes");
    Map<String, String> out = new HashMap<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      String path = "attributes[" + i + "]";
      if (!a.isObject()) {
        throw new FieldException(path, "expected a {key, value} object");
      }
      String key = Json.text(a, "key", path + ".key");
      String value = Json.text(a, "value", path + ".value");
      if (key != null && value != null) {
        out.put(key, value.trim());
      }
    }
    return out;
  }

  static String required(String value, String field) {
    if (value == null) {
      throw new FieldException(field, "missing " + field);
    }
    return value;
  }
}
