package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The fake's operations over its registries; one instance per request. */
final class FakeResponses {

  record Reply(int status, ObjectNode body) {}

  private final FakeEcr ecr;
  private final JsonNode body;
  private final String registry;

  FakeResponses(FakeEcr ecr, JsonNode body) {
    this.ecr = ecr;
    this.body = body;
    this.registry = ecr.registryOf(body);
  }

  Reply dispatch(String op) {
    return switch (op) {
      case "DescribeRegistry" ->
          ecr.denyDescribeRegistry
              ? fail("AccessDeniedException", "not authorized to perform ecr:DescribeRegistry")
              : new Reply(200, FakeEcr.JSON.createObjectNode().put("registryId", registry));
      case "DescribeRepositories" -> describeRepositories();
      case "DescribeImages" -> describeImages();
      case "DescribeImageScanFindings" -> describeImageScanFindings();
      default -> fail("UnknownOperationException", "unsupported operation " + op);
    };
  }

  private Reply describeRepositories() {
    List<String> names = new ArrayList<>(ecr.registry(registry).keySet());
    ObjectNode out = FakeEcr.JSON.createObjectNode();
    ArrayNode repos = out.putArray("repositories");
    for (String name : page(names, out, ecr.pageCap())) {
      repos
          .addObject()
          .put("repositoryArn", "arn:aws:ecr:us-east-1:" + registry + ":repository/" + name)
          .put("registryId", registry)
          .put("repositoryName", name)
          .put("repositoryUri", registry + ".dkr.ecr.us-east-1.amazonaws.com/" + name)
          .put("createdAt", 1.7e9);
    }
    return new Reply(200, out);
  }

  private Reply describeImages() {
    List<FakeEcr.Image> images = ecr.registry(registry).get(text("repositoryName"));
    if (images == null) {
      return fail("RepositoryNotFoundException", "The repository does not exist");
    }
    ObjectNode out = FakeEcr.JSON.createObjectNode();
    ArrayNode details = out.putArray("imageDetails");
    for (FakeEcr.Image i : page(images, out, ecr.pageCap())) {
      ObjectNode d =
          details
              .addObject()
              .put("registryId", registry)
              .put("repositoryName", i.repository)
              .put("imageDigest", i.digest)
              .put("imagePushedAt", 1.7e9);
      i.tags.forEach(d.putArray("imageTags")::add);
      if (i.summary) {
        d.putObject("imageScanStatus").put("status", i.status);
        d.putObject("imageScanFindingsSummary")
            .put("imageScanCompletedAt", epoch(i.completedAt))
            .putObject("findingSeverityCounts");
      }
    }
    return new Reply(200, out);
  }

  private Reply describeImageScanFindings() {
    List<FakeEcr.Image> images = ecr.registry(registry).get(text("repositoryName"));
    if (images == null) {
      return fail("RepositoryNotFoundException", "The repository does not exist");
    }
    String digest = body.path("imageId").path("imageDigest").asText(null);
    FakeEcr.Image image =
        images.stream().filter(i -> i.digest.equals(digest)).findFirst().orElse(null);
    if (image == null) {
      return fail("ImageNotFoundException", "The image requested does not exist");
    }
    if (image.error != null) {
      return fail(image.error, "The image's scan failed: " + image.error);
    }
    ObjectNode out = FakeEcr.JSON.createObjectNode();
    out.put("registryId", registry).put("repositoryName", image.repository);
    out.putObject("imageId").put("imageDigest", image.digest);
    out.putObject("imageScanStatus").put("status", image.status).put("description", "fake");
    ObjectNode scan = out.putObject("imageScanFindings");
    if (image.completedAt != null) {
      scan.put("imageScanCompletedAt", epoch(image.completedAt));
    }
    scan.put("vulnerabilitySourceUpdatedAt", epoch(image.completedAt));
    if (!image.enhanced.isEmpty()) {
      // The service's documented quirk: 100 enhanced findings per page, whatever maxResults says.
      page(image.enhanced, out, 100).forEach(scan.putArray("enhancedFindings")::add);
    } else if (!image.basic.isEmpty()) {
      page(image.basic, out, ecr.pageCap()).forEach(scan.putArray("findings")::add);
    }
    return new Reply(200, out);
  }

  /** The slice of {@code all} the request's {@code nextToken}/{@code maxResults} select. */
  private <T> List<T> page(List<T> all, ObjectNode out, int cap) {
    int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.get("nextToken").asText()) : 0;
    int max = body.hasNonNull("maxResults") ? body.get("maxResults").asInt() : 100;
    int to = Math.min(all.size(), from + Math.min(max, cap));
    if (to < all.size()) {
      out.put("nextToken", String.valueOf(to));
    }
    return all.subList(from, to);
  }

  private String text(String field) {
    return body.path(field).asText(null);
  }

  private static Reply fail(String type, String message) {
    return new Reply(400, FakeEcr.error(type, message));
  }

  static double epoch(Instant t) {
    return t == null ? 0 : t.getEpochSecond() + t.getNano() / 1e9;
  }
}
