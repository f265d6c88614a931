package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes one enhanced (Inspector) finding into one {@link Finding} per vulnerable package:
 * packages of one finding may be fixed separately, so each is its own alertable unit.
 */
final class EnhancedFindingMapper {

  private static final String PVD = "packageVulnerabilityDetails";

  private EnhancedFindingMapper() {}

  static void map(JsonNode f, ScanContext ctx, List<Finding> out) {
    JsonNode pvd = Json.object(f, PVD, PVD);
    if (pvd == null) {
      throw new FieldException(PVD, "missing " + PVD);
    }
    String id = Json.text(pvd, "vulnerabilityId", PVD + ".vulnerabilityId");
    if (id == null) {
      throw new FieldException(PVD + ".vulnerabilityId", "missing vulnerability id");
    }
    JsonNode packages = Json.array(pvd, "vulnerablePackages", PVD + ".vulnerablePackages");
    if (packages == null || packages.isEmpty()) {
      throw new FieldException(PVD + ".vulnerablePackages", "no vulnerable package");
    }
    Cvss cvss = Cvss.of(f, pvd);
    Image image = Image.of(f, ctx);
    Instant first = EcrTimestamps.parse(f.get("firstObservedAt"), "firstObservedAt");
    Instant last = EcrTimestamps.parse(f.get("lastObservedAt"), "lastObservedAt");
    if (last == null) {
      last = ctx.completedAt();
    }
    if (first == null) {
      first = last;
    }
    JsonNode epss = Json.object(f, "epss", "epss");
    Double epssScore = epss == null ? null : Json.number(epss, "score", "epss.score");
    String title = Json.text(f, "title", "title");
    String description = Json.text(f, "description", "description");
    String severity = Json.upper(Json.text(f, "severity", "severity"));
    String fix = Json.upper(Json.text(f, "fixAvailable", "fixAvailable"));
    String exploit = Json.upper(Json.text(f, "exploitAvailable", "exploitAvailable"));
    String uri = uri(pvd);
    for (int i = 0; i < packages.size(); i++) {
      JsonNode p = packages.get(i);
      String path = PVD + ".vulnerablePackages[" + i + "]";
      if (!p.isObject()) {
        throw new FieldException(path, "expected an object");
      }
      String name = Json.text(p, "name", path + ".name");
      if (name == null) {
        throw new FieldException(path + ".name", "missing package name");
      }
      out.add(
          ctx.strings()
              .share(
                  new Finding(
                      id,
                      Normalize.title(title, id, name),
                      description,
                      severity,
                      cvss.score(),
                      cvss.vector(),
                      name,
                      version(p, path),
                      fixedIn(Json.text(p, "fixedInVersion", path + ".fixedInVersion")),
                      fix,
                      exploit,
                      epssScore,
                      uri,
                      image.registry(),
                      image.repository(),
                      image.digest(),
                      image.tags(),
                      first,
                      last,
                      Finding.ScanType.ENHANCED,
                      image.inUseCount(),
                      image.lastInUseAt()),
                  ctx));
    }
  }

  /** {@code [epoch:]version[-release]}, the epoch only when non-zero, as basic scanning has it. */
  static String version(JsonNode p, String path) {
    String version = Json.text(p, "version", path + ".version");
    String release = Json.text(p, "release", path + ".release");
    Double epoch = Json.number(p, "epoch", path + ".epoch");
    return Normalize.packageVersion(epoch, version, release);
  }

  private static String fixedIn(String v) {
    return Normalize.fixedIn(v);
  }

  private static String uri(JsonNode pvd) {
    String source = Json.text(pvd, "sourceUrl", PVD + ".sourceUrl");
    if (source != null) {
      return source.trim();
    }
    JsonNode refs = Json.array(pvd, "referenceUrls", PVD + ".referenceUrls");
    return refs == null || refs.isEmpty() || refs.get(0).isNull()
        ? null
        : refs.get(0).asText().trim();
  }

  /** The preferred score: Inspector's own, else an NVD-style v3 entry, else the bare score. */
  record Cvss(Double score, String vector) {
    static Cvss of(JsonNode f, JsonNode pvd) {
      JsonNode details =
          Json.object(Json.object(f, "scoreDetails", "scoreDetails"), "cvss", "scoreDetails.cvss");
      if (details != null && Json.number(details, "score", "scoreDetails.cvss.score") != null) {
        return new Cvss(
            Json.number(details, "score", "scoreDetails.cvss.score"),
            Json.text(details, "scoringVector", "scoreDetails.cvss.scoringVector"));
      }
      JsonNode list = Json.array(pvd, "cvss", PVD + ".cvss");
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          JsonNode c = list.get(i);
          String path = PVD + ".cvss[" + i + "]";
          String version = c.isObject() ? Json.text(c, "version", path + ".version") : null;
          Double base = c.isObject() ? Json.number(c, "baseScore", path + ".baseScore") : null;
          if (version != null && version.startsWith("3") && base != null) {
            return new Cvss(base, Json.text(c, "scoringVector", path + ".scoringVector"));
          }
        }
      }
      Double score = Json.number(f, "score", "score");
      return new Cvss(
          score == null ? Json.number(f, "inspectorScore", "inspectorScore") : score, null);
    }
  }

  /** The image a finding is about: Inspector's resource, else the response's image. */
  record Image(
      String registry,
      String repository,
      String digest,
      List<String> tags,
      Integer inUseCount,
      Instant lastInUseAt) {
    static Image of(JsonNode f, ScanContext ctx) {
      JsonNode resources = Json.array(f, "resources", "resources");
      JsonNode ecr = null;
      if (resources != null && !resources.isEmpty()) {
        JsonNode details = Json.object(resources.get(0), "details", "resources[0].details");
        ecr =
            Json.object(
                details, "awsEcrContainerImage", "resources[0].details.awsEcrContainerImage");
      }
      String p = "resources[0].details.awsEcrContainerImage.";
      String registry = ecr == null ? null : Json.text(ecr, "registry", p + "registry");
      String repo = ecr == null ? null : Json.text(ecr, "repositoryName", p + "repositoryName");
      String digest = ecr == null ? null : Json.text(ecr, "imageHash", p + "imageHash");
      List<String> tags = new ArrayList<>();
      JsonNode tagList = ecr == null ? null : Json.array(ecr, "imageTags", p + "imageTags");
      if (tagList != null) {
        tagList.forEach(t -> tags.add(t.asText()));
      }
      if (tags.isEmpty() && ctx.imageTag() != null) {
        tags.add(ctx.imageTag());
      }
      Double inUse = ecr == null ? null : Json.number(ecr, "inUseCount", p + "inUseCount");
      Instant lastInUse =
          ecr == null ? null : EcrTimestamps.parse(ecr.get("lastInUseAt"), p + "lastInUseAt");
      return new Image(
          registry == null ? ctx.registry() : registry,
          BasicFindingMapper.required(repo == null ? ctx.repository() : repo, "repositoryName"),
          BasicFindingMapper.required(
              digest == null ? ctx.imageDigest() : digest, "imageId.imageDigest"),
          tags,
          inUse == null ? null : inUse.intValue(),
          lastInUse);
    }
  }
}
