package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Findings as the API sends them (epoch-second timestamps), for the fake. */
public final class FakeFindings {

  private FakeFindings() {}

  /** An AWS_NATIVE-style basic finding with CVSS v3 attributes. */
  public static ObjectNode basic(String cve, String pkg, String version) {
    ObjectNode f = FakeEcr.JSON.createObjectNode();
    f.put("name", cve)
        .put("description", "desc of " + cve)
        .put("uri", "https://security-tracker.debian.org/tracker/" + cve + " ")
        .put("severity", "CRITICAL");
    var attrs = f.putArray("attributes");
    attrs.addObject().put("key", "package_name").put("value", pkg);
    attrs.addObject().put("key", "package_version").put("value", version);
    attrs.addObject().put("key", "CVSS3_SCORE").put("value", "9.8");
    attrs.addObject().put("key", "CVSS3_VECTOR").put("value", "CVSS:3.1/AV:N/AC:L");
    return f;
  }

  /** An enhanced (Inspector) finding about {@code image}, one package, no fix. */
  public static ObjectNode enhanced(FakeEcr.Image image, String cve, String pkg, Instant seen) {
    ObjectNode f = FakeEcr.JSON.createObjectNode();
    double t = FakeResponses.epoch(seen);
    f.put("awsAccountId", image.registry)
        .put("description", "desc of " + cve)
        .put("findingArn", "arn:aws:inspector2:us-east-1:" + image.registry + ":finding/" + cve)
        .put("firstObservedAt", t - 86400)
        .put("lastObservedAt", t)
        .put("updatedAt", t)
        .put("score", 9.1)
        .put("severity", "CRITICAL")
        .put("status", "ACTIVE")
        .put("title", cve + " - " + pkg)
        .put("type", "PACKAGE_VULNERABILITY")
        .put("fixAvailable", "NO")
        .put("exploitAvailable", "YES");
    ObjectNode pvd = f.putObject("packageVulnerabilityDetails");
    pvd.putArray("cvss")
        .addObject()
        .put("baseScore", 9.8)
        .put("scoringVector", "CVSS:3.1/AV:N")
        .put("source", "NVD")
        .put("version", "3.1");
    pvd.put("sourceUrl", "https://nvd.nist.gov/vuln/detail/" + cve)
        .put("vulnerabilityId", cve)
        .putArray("vulnerablePackages")
        .addObject()
        .put("name", pkg)
        .put("epoch", 0)
        .put("version", "2.9.14")
        .put("release", "1")
        .put("fixedInVersion", "NotAvailable")
        .put("packageManager", "OS");
    ObjectNode ecrImage =
        f.putArray("resources")
            .addObject()
            .put("type", "AWS_ECR_CONTAINER_IMAGE")
            .putObject("details")
            .putObject("awsEcrContainerImage");
    ecrImage
        .put("imageHash", image.digest)
        .put("registry", image.registry)
        .put("repositoryName", image.repository)
        .put("inUseCount", 2)
        .put("lastInUseAt", t);
    image.tags.forEach(ecrImage.putArray("imageTags")::add);
    return f;
  }
}
