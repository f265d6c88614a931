package io.vulnsift.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Opens a resource on another thread while the command does something else. Start-up is mostly
 * class loading and one-time initialization: loading the workflows (YAML, CEL type-checking) and
 * opening the stores (DynamoDB Local, the AWS SDK) take a few hundred milliseconds each and need
 * nothing from each other, so a command does them at once instead of one after the other.
 */
final class InBackground<T extends AutoCloseable> {
  private final CompletableFuture<T> future;

  private InBackground(CompletableFuture<T> future) {
    this.future = future;
  }

  /**
   * Starts {@code opener} on a new daemon thread (not the common pool: it may be busy or small).
   */
  static <T extends AutoCloseable> InBackground<T> open(String name, Supplier<T> opener) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(opener.get());
              } catch (Throwable t) {
                future.completeExceptionally(t);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return new InBackground<>(future);
  }

  /**
   * Runs {@code work} on this thread while the resource opens; when {@code work} throws, the
   * resource is discarded (the command stops).
   */
  <R> R meanwhile(Supplier<R> work) {
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      discard();
      throw e;
    }
  }

  /** The opened resource; a failure to open is thrown here as it was thrown there. */
  T await() {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * Not needed after all (the command stops before using it): closed once it is open, without
   * waiting for that — a store that is slow to answer must not hold up the error the command
   * prints. A failure to open is dropped: the command has already reported why it stops.
   */
  void discard() {
    future.whenComplete(
        (resource, failure) -> {
          if (resource != null) {
            try {
              resource.close();
            } catch (Exception e) {
              // Closing is best effort: nothing used it.
            }
          }
        });
  }
}
