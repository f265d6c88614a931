package io.vulnsift.sources.ecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The sweep plan's listing: {@code DescribeRepositories} (filtered by the globs and the shard) then
 * {@code DescribeImages} per repository, each through its paginator, on the bounded pool. Images
 * whose listing already shows they cannot contribute are skipped here, saving their findings calls.
 */
final class Sweep {

  private final RegionClients clients;
  private final ExecutorService pool;

  Sweep(RegionClients clients, ExecutorService pool) {
    this.clients = clients;
    this.pool = pool;
  }

  /**
   * Every image of the {@code wanted} repositories (globs and shard; {@code null}: all) of every
   * location (region × registry).
   */
  List<ImageJob> images(
      List<ImageJob.Location> registries,
      Predicate<String> wanted,
      Instant cutoff,
      EcrCalls calls,
      Consumer<String> skip) {
    List<Callable<List<ImageJob.Location>>> listing = new ArrayList<>();
    registries.forEach(r -> listing.add(() -> repositories(r, wanted, calls)));
    List<Callable<List<ImageJob>>> describing = new ArrayList<>();
    for (List<ImageJob.Location> repos : Parallel.all(pool, listing)) {
      repos.forEach(repo -> describing.add(() -> images(repo, cutoff, calls, skip)));
    }
    List<ImageJob> jobs = new ArrayList<>();
    Parallel.all(pool, describing).forEach(jobs::addAll);
    return jobs;
  }

  /** The repositories of one registry, as locations carrying the registry id ECR returned. */
  List<ImageJob.Location> repositories(
      ImageJob.Location registry, Predicate<String> wanted, EcrCalls calls) {
    var request =
        DescribeRepositoriesRequest.builder()
            .registryId(registry.registryId())
            .maxResults(ImageFetch.PAGE_SIZE)
            .overrideConfiguration(EcrErrors.counted(calls))
            .build();
    List<ImageJob.Location> out = new ArrayList<>();
    try {
      for (Repository r :
          clients.get(registry.region()).describeRepositoriesPaginator(request).repositories()) {
        if (wanted == null || wanted.test(r.repositoryName())) {
          out.add(new ImageJob.Location(registry.region(), r.registryId(), r.repositoryName()));
        }
      }
    } catch (RuntimeException e) {
      throw EcrErrors.wrap("DescribeRepositories", registry, null, e);
    }
    return out;
  }

  private List<ImageJob> images(
      ImageJob.Location repo, Instant cutoff, EcrCalls calls, Consumer<String> skip) {
    var request =
        DescribeImagesRequest.builder()
            .registryId(repo.registryId())
            .repositoryName(repo.repository())
            .maxResults(ImageFetch.PAGE_SIZE)
            .overrideConfiguration(EcrErrors.counted(calls))
            .build();
    List<ImageJob> jobs = new ArrayList<>();
    try {
      for (ImageDetail image :
          clients.get(repo.region()).describeImagesPaginator(request).imageDetails()) {
        String reason = skipReason(image, cutoff);
        if (reason != null) {
          skip.accept(reason);
        } else {
          jobs.add(ImageJob.at(repo, image.imageDigest()));
        }
      }
    } catch (RepositoryNotFoundException e) {
      skip.accept("repository-not-found"); // deleted since it was listed
    } catch (RuntimeException e) {
      throw EcrErrors.wrap("DescribeImages", repo, null, e);
    }
    return jobs;
  }

  /**
   * What the listing already tells: a scan that is not usable, or a basic scan completed before the
   * lookback. AWS_NATIVE basic scanning leaves both fields empty, so most images still need their
   * findings call; an enhanced ({@code ACTIVE}) scan's findings carry their own observation times,
   * so its summary time is not trusted to drop them.
   */
  static String skipReason(ImageDetail image, Instant cutoff) {
    String status =
        image.imageScanStatus() == null ? null : image.imageScanStatus().statusAsString();
    String bad = ScanTriage.badStatus(Normalize.upper(status));
    if (bad != null) {
      return bad;
    }
    var summary = image.imageScanFindingsSummary();
    boolean old =
        cutoff != null
            && summary != null
            && summary.imageScanCompletedAt() != null
            && summary.imageScanCompletedAt().isBefore(cutoff);
    return old && !"ACTIVE".equalsIgnoreCase(status) ? ScanTriage.STALE : null;
  }
}
