package io.vulnsift.workflow;

import java.time.Duration;
import java.util.List;

/**
 * Which findings a run considers (SPEC §2.1-2.2).
 *
 * @param lookback a finding is current if observed within this period (default 7d)
 * @param severities severities to keep (default CRITICAL)
 * @param repositories repository name globs to include/exclude
 * @param shards into how many parts a scheduled run splits the registry (default 1: one run). With
 *     more, the parts are fetched and filtered by separate invocations through the shard queue and
 *     decided together (README, Scale-out)
 */
@Doc("Which findings a run considers.")
public record Source(
    @Doc("A finding is current if observed within this period, e.g. 7d (default 7d).")
        Duration lookback,
    @Format(ValueFormat.SEVERITY) @Doc("Severities to keep (default [CRITICAL]).")
        List<String> severities,
    @Doc("Repository name globs to include and exclude (default all).") Repositories repositories,
    @Maximum(MAX_SHARDS)
        @Doc(
            "Into how many parts, by repository, a scheduled run splits the registry (default 1)."
                + " Each part is fetched and filtered by its own invocation through the shard"
                + " queue; the parts are grouped, decided and delivered together, once.")
        Integer shards) {

  /** Most shards a run may have: each is one queue message and one counter entry. */
  public static final int MAX_SHARDS = 1000;

  public static final Source DEFAULT = new Source(null, null, null, null);

  public Source {
    shards = shards == null ? 1 : shards;
    lookback = lookback == null ? Duration.ofDays(7) : lookback;
    severities = severities == null ? List.of("CRITICAL") : List.copyOf(severities);
    repositories = repositories == null ? Repositories.ALL : repositories;
  }

  /** Whether runs are split into shards ({@link #shards()} above 1). */
  public boolean sharded() {
    return shards > 1;
  }

  /**
   * Repository filter by glob ({@code *} matches any run of characters, {@code ?} one).
   *
   * @param include repositories to consider (default all)
   * @param exclude repositories to skip even when included
   */
  @Doc("Repository filter by glob: '*' matches any run of characters, '?' one character.")
  public record Repositories(
      @Doc("Repositories to consider (default [\"*\"]).") List<String> include,
      @Doc("Repositories to skip even when included (default none).") List<String> exclude) {
    public static final Repositories ALL = new Repositories(null, null);

    public Repositories {
      include = include == null ? List.of("*") : List.copyOf(include);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
  }
}
