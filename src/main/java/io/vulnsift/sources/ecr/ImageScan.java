package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.List;

/**
 * One {@code DescribeImageScanFindings} response (one page) with its findings normalized.
 *
 * @param registry {@code registryId} of the response
 * @param repository {@code repositoryName}
 * @param imageDigest {@code imageId.imageDigest}
 * @param imageTag {@code imageId.imageTag}, when the request named the image by tag
 * @param scanStatus {@code imageScanStatus.status} ({@code COMPLETE}, {@code ACTIVE}, {@code
 *     FAILED}, …), {@code null} when absent
 * @param scanCompletedAt {@code imageScanFindings.imageScanCompletedAt}
 * @param findings basic and enhanced findings of this page, in file order
 */
public record ImageScan(
    String registry,
    String repository,
    String imageDigest,
    String imageTag,
    String scanStatus,
    Instant scanCompletedAt,
    List<Finding> findings) {

  public ImageScan {
    findings = List.copyOf(findings);
  }
}
