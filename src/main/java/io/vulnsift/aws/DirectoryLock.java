package io.vulnsift.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on a state directory, held by one {@link LocalDynamoDb} at a time across
 * processes: DynamoDB Local's SQLite file does not take a second writer ("database is locked"
 * mid-run), so concurrent {@code --local} runs queue here instead.
 */
final class DirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits up to {@code wait} for the lock file {@code file}; fails with a clear message. */
  static DirectoryLock acquire(Path file, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new DirectoryLock(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new IllegalStateException(
              "another vulnsift process is using the local state in "
                  + file.getParent()
                  + " (gave up after "
                  + wait.toSeconds()
                  + " s)");
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + file, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM: wait like for another process
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock anyway; nothing left to do.
    }
  }
}
