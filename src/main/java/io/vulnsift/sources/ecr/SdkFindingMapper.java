package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.AwsEcrContainerImageDetails;
import software.amazon.awssdk.services.ecr.model.CvssScore;
import software.amazon.awssdk.services.ecr.model.CvssScoreDetails;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.VulnerablePackage;

/**
 * Normalizes one {@code DescribeImageScanFindings} page of the SDK model into an {@link ImageScan},
 * by the rules of {@link BasicFindingMapper} and {@link EnhancedFindingMapper} (shared through
 * {@link Normalize}). The ECR model has no EPSS field, so {@code epssScore} stays {@code null}
 * here. Unlike files, API data is not rejected for an odd field: a score that is not a number is
 * dropped.
 */
final class SdkFindingMapper {

  private SdkFindingMapper() {}

  static ImageScan map(DescribeImageScanFindingsResponse page, SharedStrings strings) {
    String digest = page.imageId() == null ? null : page.imageId().imageDigest();
    String tag = page.imageId() == null ? null : page.imageId().imageTag();
    String status = page.imageScanStatus() == null ? null : page.imageScanStatus().statusAsString();
    var scan = page.imageScanFindings();
    Instant completedAt = scan == null ? null : scan.imageScanCompletedAt();
    ScanContext ctx =
        strings.context(page.registryId(), page.repositoryName(), digest, tag, completedAt);
    List<Finding> out = new ArrayList<>();
    if (scan != null) {
      scan.findings().forEach(f -> out.add(basic(f, ctx)));
      scan.enhancedFindings().forEach(f -> enhanced(f, ctx, out));
    }
    return new ImageScan(
        ctx.registry(), ctx.repository(), digest, tag, Normalize.upper(status), completedAt, out);
  }

  static Finding basic(ImageScanFinding f, ScanContext ctx) {
    Map<String, String> attrs = new HashMap<>();
    for (Attribute a : f.attributes()) {
      if (a.key() != null && a.value() != null) {
        attrs.put(a.key(), a.value().trim());
      }
    }
    String pkg = Normalize.blankToNull(attrs.get("package_name"));
    Normalize.BasicCvss cvss = Normalize.basicCvss(attrs);
    return BasicFindingMapper.of(
        ctx,
        f.name(),
        Normalize.blankToNull(f.description()),
        Normalize.upper(f.severityAsString()),
        number(cvss.score()),
        cvss.vector(),
        pkg,
        Normalize.blankToNull(attrs.get("package_version")),
        f.uri());
  }

  /** One finding per vulnerable package, as {@link EnhancedFindingMapper} does. */
  static void enhanced(EnhancedImageScanFinding f, ScanContext ctx, List<Finding> out) {
    PackageVulnerabilityDetails pvd = f.packageVulnerabilityDetails();
    if (pvd == null || pvd.vulnerabilityId() == null) {
      return; // not a package vulnerability (nothing to group on)
    }
    Double score = f.score();
    String vector = null;
    CvssScoreDetails details = f.scoreDetails() == null ? null : f.scoreDetails().cvss();
    CvssScore v3 =
        pvd.cvss().stream()
            .filter(c -> c.version() != null && c.version().startsWith("3"))
            .filter(c -> c.baseScore() != null)
            .findFirst()
            .orElse(null);
    if (details != null && details.score() != null) {
      score = details.score();
      vector = details.scoringVector();
    } else if (v3 != null) {
      score = v3.baseScore();
      vector = v3.scoringVector();
    }
    AwsEcrContainerImageDetails image = image(f);
    Instant last = f.lastObservedAt() == null ? ctx.completedAt() : f.lastObservedAt();
    Instant first = f.firstObservedAt() == null ? last : f.firstObservedAt();
    List<String> tags =
        image != null && !image.imageTags().isEmpty()
            ? image.imageTags()
            : ctx.imageTag() == null ? List.of() : List.of(ctx.imageTag());
    String uri =
        pvd.sourceUrl() != null
            ? pvd.sourceUrl()
            : pvd.referenceUrls().isEmpty() ? null : pvd.referenceUrls().get(0);
    for (VulnerablePackage p : pvd.vulnerablePackages()) {
      if (p.name() == null) {
        continue;
      }
      out.add(
          ctx.strings()
              .share(
                  new Finding(
                      pvd.vulnerabilityId(),
                      Normalize.title(
                          Normalize.blankToNull(f.title()), pvd.vulnerabilityId(), p.name()),
                      Normalize.blankToNull(f.description()),
                      Normalize.upper(f.severity()),
                      score,
                      vector,
                      p.name(),
                      Normalize.packageVersion(p.epoch(), p.version(), p.release()),
                      Normalize.fixedIn(p.fixedInVersion()),
                      Normalize.upper(f.fixAvailable()),
                      Normalize.upper(f.exploitAvailable()),
                      null,
                      Normalize.trim(uri),
                      image == null || image.registry() == null ? ctx.registry() : image.registry(),
                      image == null || image.repositoryName() == null
                          ? ctx.repository()
                          : image.repositoryName(),
                      image == null || image.imageHash() == null
                          ? ctx.imageDigest()
                          : image.imageHash(),
                      tags,
                      first,
                      last,
                      Finding.ScanType.ENHANCED,
                      image == null || image.inUseCount() == null
                          ? null
                          : image.inUseCount().intValue(),
                      image == null ? null : image.lastInUseAt()),
                  ctx));
    }
  }

  private static AwsEcrContainerImageDetails image(EnhancedImageScanFinding f) {
    if (f.resources().isEmpty() || f.resources().get(0).details() == null) {
      return null;
    }
    return f.resources().get(0).details().awsEcrContainerImage();
  }

  private static Double number(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
