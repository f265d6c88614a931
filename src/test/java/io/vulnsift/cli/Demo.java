package io.vulnsift.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's demo on the command line: a command over {@code examples/} with {@code --local}, at
 * the clock the demo data was captured for, keeping its state in the given directory.
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
