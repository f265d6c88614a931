package io.vulnsift.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.sources.ecr.FileFindingSource;
import io.vulnsift.state.DynamoDbStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The README's demo: on the command line, a command over {@code examples/} with {@code --local}, at
 * the clock the demo data was captured for, keeping its state in the given directory; in process,
 * the same data in DynamoDB Local.
 */
public final class Demo {
  public static final String NOW = "2026-11-20T12:00:00Z";
  public static final String WORKFLOW = "workflows/critical-production.yaml";

  private Demo() {}

  /** {@code run} of the shipped workflow, with these options. */
  public static LaunchResult run(QuarkusMainLauncher launcher, Path stateDir, String... options) {
    List<String> args = args("run", stateDir, options);
    args.add(WORKFLOW);
    return launcher.launch(args.toArray(String[]::new));
  }

  /** {@code findings}, with these filters and options. */
  public static LaunchResult findings(
      QuarkusMainLauncher launcher, Path stateDir, String... options) {
    return launcher.launch(args("findings", stateDir, options).toArray(String[]::new));
  }

  /**
   * The demo's findings ({@code examples/findings}) and its pods ({@code examples/pods.json}),
   * imported into {@code db} as cluster {@code cluster} at {@code now}, with the reported state in
   * {@code db} too.
   */
  public static RunEnvironment environment(
      LocalDynamoDb db, String cluster, Instant now, Optional<Outbox> outbox) {
    DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
    DynamoDbInventoryStore inventory = new DynamoDbInventoryStore(db.client(), "inventory");
    inventory.upsert(
        new KubernetesPodsImporter(KubernetesImportOptions.of(cluster, now))
            .importPods(Path.of("examples/pods.json")));
    return new RunEnvironment(
        new FileFindingSource(Path.of("examples/findings")),
        inventory,
        new DynamoDbStateStore(db.client(), "state"),
        outbox);
  }

  private static List<String> args(String command, Path stateDir, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--local",
                "--state-dir",
                stateDir.toString(),
                "--findings-from",
                "examples/findings",
                "--inventory-from",
                "examples/pods.json",
                "--now",
                NOW));
    args.addAll(List.of(options));
    return args;
  }
}
