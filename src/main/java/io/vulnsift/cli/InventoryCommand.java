package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.InputFiles;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code inventory import}: feeds the runtime inventory. */
@Command(
    name = "inventory",
    description = "Feed the runtime inventory.",
    subcommands = InventoryCommand.Import.class)
public class InventoryCommand {

  /** {@code inventory import --kubernetes FILE --cluster NAME}. */
  @Command(
      name = "import",
      description = "Upsert the containers of a `kubectl get pods -A -o json` document.")
  public static class Import implements Callable<Integer> {
    @Option(names = "--kubernetes", required = true, paramLabel = "FILE")
    Path kubernetes;

    @Option(names = "--cluster", required = true, paramLabel = "NAME")
    String cluster;

    @Option(names = "--local", description = "Write to the embedded DynamoDB Local.")
    boolean local;

    @Option(names = "--state-dir", defaultValue = ".vulnsift")
    Path stateDir;

    @Inject VulnsiftConfig config;
    @Inject ObjectMapper json;

    @Override
    public Integer call() {
      Instant now = Instant.now();
      List<String> skipped = new ArrayList<>();
      List<InventoryRecord> records =
          InputFiles.kubernetesPods(
              kubernetes,
              cluster,
              now,
              config,
              why -> {
                skipped.add(why);
                System.err.println("vulnsift: " + why);
              });
      try (Backends backends =
          local ? Backends.local(config, stateDir, json) : Backends.aws(config)) {
        int terminated =
            backends
                .inventory()
                .replaceCluster(KubernetesPodsImporter.SOURCE, cluster, records, now);
        long running = records.stream().filter(InventoryRecord::isRunning).count();
        System.out.printf(
            "imported %d containers (%d running) of cluster %s; %d no longer present, marked"
                + " terminated%n",
            records.size(), running, cluster, terminated);
        if (!skipped.isEmpty()) {
          // The rest is imported and the snapshot stands: failing here would make a CronJob run
          // the same import again and again for a container it can never hold.
          System.out.printf("%d container(s) not imported (told on stderr)%n", skipped.size());
        }
      }
      return ExitCodes.OK;
    }
  }
}
