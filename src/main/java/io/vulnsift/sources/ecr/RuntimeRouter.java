package io.vulnsift.sources.ecr;

import io.vulnsift.engine.Globs;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Turns images known by name (running images from the inventory, an event's image) into jobs:
 * repository from the record (an ARN gives region and account too), registry from the record when
 * it is an account id. The inventory does not know an image's region, so with several regions or
 * registries the repositories of each are listed once and an image is looked up only where its
 * repository exists.
 */
final class RuntimeRouter {

  private final EcrSettings settings;
  private final Sweep listing;
  private final ExecutorService pool;
  private final CallerRegistry caller;

  RuntimeRouter(EcrSettings settings, Sweep listing, ExecutorService pool, CallerRegistry caller) {
    this.settings = settings;
    this.listing = listing;
    this.pool = pool;
    this.caller = caller;
  }

  List<ImageJob> route(List<ImageRef> images, Globs globs, EcrCalls calls, Consumer<String> skip) {
    Map<ImageRef, List<ImageJob.Location>> candidates = new LinkedHashMap<>();
    Set<ImageJob.Location> ambiguous = new LinkedHashSet<>();
    for (ImageRef ref : new LinkedHashSet<>(images)) {
      List<ImageJob.Location> where = candidates(ref, globs, calls, skip);
      if (!where.isEmpty()) {
        candidates.put(ref, where);
        if (where.size() > 1) {
          where.forEach(
              l -> ambiguous.add(new ImageJob.Location(l.region(), l.registryId(), null)));
        }
      }
    }
    Map<ImageJob.Location, Set<String>> repositories = list(ambiguous, calls);
    Map<List<Object>, ImageJob> jobs = new LinkedHashMap<>();
    candidates.forEach(
        (ref, where) -> {
          List<ImageJob.Location> found =
              where.size() == 1
                  ? where
                  : where.stream()
                      .filter(l -> repositories.get(registryOf(l)).contains(l.repository()))
                      .toList();
          if (found.isEmpty()) {
            skip.accept("repository-not-found");
          } else {
            jobs.putIfAbsent(
                List.of(ref.imageDigest(), found), new ImageJob(ref.imageDigest(), found));
          }
        });
    return List.copyOf(jobs.values());
  }

  /** Where an image may be, or nothing (counted) when it cannot be in a selected ECR registry. */
  private List<ImageJob.Location> candidates(
      ImageRef ref, Globs globs, EcrCalls calls, Consumer<String> skip) {
    if (ref.imageDigest() == null || ref.repository() == null || ref.repository().isBlank()) {
      skip.accept("no-repository-or-digest");
      return List.of();
    }
    EcrArns arn = EcrArns.parse(ref.repository());
    String registry = arn.account() != null ? arn.account() : ref.registry();
    if (registry != null && !EcrSettings.isAccountId(registry)) {
      skip.accept("not-ecr"); // docker.io, ghcr.io, …: no ECR scan to ask for
      return List.of();
    }
    if (globs != null && !globs.matches(arn.repository())) {
      skip.accept("repository-excluded");
      return List.of();
    }
    List<String> ids = settings.registryIds();
    if (registry != null && ids.isEmpty()) {
      ids = caller.id(calls).map(List::of).orElse(List.of());
    }
    if (registry != null && !ids.isEmpty() && !ids.contains(registry)) {
      skip.accept("registry-not-selected");
      return List.of();
    }
    List<String> registries = registry != null ? List.of(registry) : orDefault(ids);
    List<String> regions =
        arn.region() != null ? List.of(arn.region()) : orDefault(settings.regions());
    List<ImageJob.Location> out = new ArrayList<>();
    for (String region : regions) {
      for (String id : registries) {
        out.add(new ImageJob.Location(region, id, arn.repository()));
      }
    }
    return out;
  }

  private Map<ImageJob.Location, Set<String>> list(
      Set<ImageJob.Location> registries, EcrCalls calls) {
    List<ImageJob.Location> order = List.copyOf(registries);
    List<Callable<Set<String>>> tasks = new ArrayList<>();
    for (ImageJob.Location r : order) {
      tasks.add(
          () -> {
            Set<String> names = new java.util.HashSet<>();
            listing.repositories(r, null, calls).forEach(l -> names.add(l.repository()));
            return names;
          });
    }
    List<Set<String>> names = Parallel.all(pool, tasks);
    Map<ImageJob.Location, Set<String>> out = new java.util.HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      out.put(order.get(i), names.get(i));
    }
    return out;
  }

  private static ImageJob.Location registryOf(ImageJob.Location l) {
    return new ImageJob.Location(l.region(), l.registryId(), null);
  }

  /** A single {@code null} (the SDK default / the caller's registry) when nothing is set. */
  static List<String> orDefault(List<String> values) {
    return values.isEmpty() ? java.util.Collections.singletonList(null) : values;
  }
}
