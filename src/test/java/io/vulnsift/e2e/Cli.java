package io.vulnsift.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command line as an operator runs it: {@code java -jar target/quarkus-app/quarkus-run.jar
 * ARGS} in a process of its own (so it can be killed for real), configured only through its
 * environment. Output goes to files, so a chatty process never blocks on a full pipe.
 */
final class Cli {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

  /** Guards the suite against a hung process; not a claim about how fast anything is. */
  static final Duration HANG_GUARD = Duration.ofMinutes(3);

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** What a finished process left behind. */
  record Result(int exitCode, String out, String err) {
    /** For assertion messages: everything the process said. */
    String transcript() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** A process still running. */
  static final class Running {
    final Process process;
    private final Path out;
    private final Path err;

    private Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** Waits for the end (within the hang guard, else kills it and fails). */
    Result await() {
      try {
        if (!process.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("vulnsift hung:\n" + result(-1).transcript());
        }
        return result(process.exitValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** SIGKILL: no shutdown hook, no finally block, no last write. */
    Result kill() {
      process.destroyForcibly();
      return await();
    }

    private Result result(int exit) {
      try {
        return new Result(exit, Files.readString(out), Files.readString(err));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Map<String, String> env;
  private final Path dir;

  Cli(Map<String, String> env, Path dir) {
    this.env = Map.copyOf(env);
    this.dir = dir;
  }

  Running start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Eight of these share two cores with the fakes: keep each JVM small.
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    int n = SEQUENCE.incrementAndGet();
    Path out = dir.resolve("cli-" + n + ".out");
    Path err = dir.resolve("cli-" + n + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Nothing of the machine's own AWS or vulnsift settings leaks in: the fakes are the world.
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("VULNSIFT_"));
    builder.environment().putAll(env);
    try {
      return new Running(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  Result run(String... args) {
    return start(args).await();
  }
}
