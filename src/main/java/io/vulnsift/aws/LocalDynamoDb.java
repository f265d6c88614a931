package io.vulnsift.aws;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local running in this JVM (no port, no process): the {@code --local} state and
 * inventory, and the database of the tests.
 *
 * <p>What DynamoDB Local 3.3.1 does, found by experiment:
 *
 * <ul>
 *   <li>{@code DynamoDBEmbedded.create(File)} takes the SQLite <em>database file</em>, not a
 *       directory: given a directory, sqlite4java fails to open it and retries every 3 s forever.
 *       The file is created on first use and every committed write is in it, so data survives the
 *       JVM; {@link #close()} shuts the database down cleanly.
 *   <li>{@code create()} / {@code create(File)} enable telemetry unless {@code
 *       DDB_LOCAL_TELEMETRY=0}; the {@code Boolean} overloads take "telemetry disabled", so we pass
 *       {@code true}: a CLI must not phone home.
 *   <li>It logs through log4j2, but its log4j-core (2.17.1) does not run against the log4j-api the
 *       Quarkus platform pins (2.25.x): the first log call dies with {@code NoSuchMethodError}. We
 *       point log4j-api at its own dependency-free {@code SimpleLoggerContextFactory} with logging
 *       off, which both fixes that and keeps a CLI user's console clean.
 *   <li>Its expression grammar was generated with ANTLR 4.10.1 while the platform ships 4.13.2; the
 *       ANTLR runtime then prints two version-mismatch lines per class on stderr. Parsing works, so
 *       we load those classes up front with the mismatch lines filtered out.
 *   <li>Two processes on one database file do not work: the second fails mid-run with {@code
 *       LocalDBAccessException: database is locked}. {@link #forDirectory} therefore holds a file
 *       lock, and concurrent {@code --local} runs wait for each other.
 *   <li>TTL ({@code UpdateTimeToLive}) is accepted; expiry is not something to rely on anyway.
 *   <li>Start-up costs about 2 s of class loading on a cold JVM; later requests take ~1 ms.
 * </ul>
 */
public final class LocalDynamoDb implements AutoCloseable {

  private static final String[] GRAMMAR_CLASSES = {
    "com.amazon.dynamodb.grammar.DynamoDbGrammarLexer",
    "com.amazon.dynamodb.grammar.DynamoDbGrammarParser"
  };

  /** How long {@link #forDirectory(Path)} waits for another process using the same state. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

  private final AmazonDynamoDBLocal local;
  private final DynamoDbClient client;
  private final DirectoryLock lock;

  private LocalDynamoDb(File dbFile, DirectoryLock lock) {
    quietLogging();
    this.lock = lock;
    this.local = DynamoDBEmbedded.create(dbFile, Boolean.TRUE);
    this.client = local.dynamoDbClient();
  }

  /**
   * Data kept in {@code <stateDir>/dynamodb/local.db}; survives restarts. One process at a time:
   * waits up to {@link #DEFAULT_LOCK_WAIT} while another holds the directory.
   */
  public static LocalDynamoDb forDirectory(Path stateDir) {
    return forDirectory(stateDir, DEFAULT_LOCK_WAIT);
  }

  /** As {@link #forDirectory(Path)}, waiting up to {@code lockWait} for the directory. */
  public static LocalDynamoDb forDirectory(Path stateDir, Duration lockWait) {
    Path dir = stateDir.resolve("dynamodb");
    Path db = dir.resolve("local.db");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create DynamoDB Local directory " + dir, e);
    }
    // sqlite4java does not fail on a database it cannot open: it retries every 3 s forever.
    if (!Files.isWritable(dir) || (Files.exists(db) && !Files.isRegularFile(db))) {
      throw new UncheckedIOException(
          new IOException("DynamoDB Local database " + db + " is not a writable file"));
    }
    DirectoryLock lock = DirectoryLock.acquire(dir.resolve("local.lock"), lockWait);
    try {
      return new LocalDynamoDb(db.toFile(), lock);
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** Data kept in memory only, gone on {@link #close()}. */
  public static LocalDynamoDb inMemory() {
    return new LocalDynamoDb(null, null);
  }

  /** An SDK v2 client calling the embedded database directly (no HTTP, no credentials). */
  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      local.shutdown();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  static synchronized void quietLogging() {
    // Only if nobody chose a log4j backend: an application that routes log4j elsewhere wins.
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty(
          "log4j2.loggerContextFactory",
          "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
      System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
      System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
    }
    loadGrammarQuietly();
  }

  /** Initialises the ANTLR grammar classes while dropping their version-mismatch lines. */
  private static void loadGrammarQuietly() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String name : GRAMMAR_CLASSES) {
        try {
          Class.forName(name, true, LocalDynamoDb.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          // A later DynamoDB Local may not have it; then there is nothing to quiet.
        }
      }
    } finally {
      System.setErr(original);
    }
    // Pass on whatever else another thread printed meanwhile.
    captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.startsWith("ANTLR "))
        .forEach(original::println);
  }
}
