package io.vulnsift.sources.ecr;

import io.vulnsift.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * {@code DescribeImageScanFindings} for one image, every page through the SDK paginator (basic
 * pages hold up to {@value #PAGE_SIZE}; enhanced pages 100 whatever is asked), triaged like files.
 * An image without a scan, or gone, is a counted skip; any other failure propagates.
 */
final class ImageFetch {

  /** The API's maximum: fewer pages, so fewer calls, for basic findings. */
  static final int PAGE_SIZE = 1000;

  private final RegionClients clients;

  ImageFetch(RegionClients clients) {
    this.clients = clients;
  }

  ImageJob.Outcome fetch(ImageJob job, Instant cutoff, EcrCalls calls, SharedStrings strings) {
    String skipped = null;
    for (ImageJob.Location at : job.locations()) {
      try {
        return fetchAt(at, job.digest(), cutoff, calls, strings);
      } catch (ScanNotFoundException e) {
        return ImageJob.Outcome.skip("scan-not-found"); // the image is there, never scanned
      } catch (ImageNotFoundException e) {
        skipped = "image-not-found"; // maybe in the next location (another region)
      } catch (RepositoryNotFoundException e) {
        skipped = "repository-not-found";
      } catch (RuntimeException e) {
        throw EcrErrors.wrap("DescribeImageScanFindings", at, job.digest(), e);
      }
    }
    return ImageJob.Outcome.skip(skipped);
  }

  private ImageJob.Outcome fetchAt(
      ImageJob.Location at, String digest, Instant cutoff, EcrCalls calls, SharedStrings strings) {
    DescribeImageScanFindingsRequest request =
        DescribeImageScanFindingsRequest.builder()
            .registryId(at.registryId())
            .repositoryName(at.repository())
            .imageId(id -> id.imageDigest(digest))
            .maxResults(PAGE_SIZE)
            .overrideConfiguration(EcrErrors.counted(calls))
            .build();
    List<ImageScan> pages = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (DescribeImageScanFindingsResponse page :
        clients.get(at.region()).describeImageScanFindingsPaginator(request)) {
      ImageScan scan = SdkFindingMapper.map(page, strings);
      pages.add(scan);
      findings.addAll(scan.findings());
      if (pointless(scan, cutoff)) {
        break; // further pages cannot change the outcome: save the calls
      }
    }
    ScanTriage.Result triaged = ScanTriage.triage(pages, findings, cutoff);
    return new ImageJob.Outcome(triaged.findings(), triaged.skipped());
  }

  /**
   * A failed scan has no findings; a basic scan's findings are all observed at its completion, so
   * one older than the lookback has none that count. Enhanced ({@code ACTIVE}) findings carry their
   * own {@code lastObservedAt} and are always read in full.
   */
  private static boolean pointless(ImageScan scan, Instant cutoff) {
    return ScanTriage.badStatus(scan.scanStatus()) != null
        || ("COMPLETE".equals(scan.scanStatus()) && ScanTriage.olderThan(scan, cutoff));
  }
}
