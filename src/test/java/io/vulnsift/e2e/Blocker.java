package io.vulnsift.e2e;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a fake's answer until the test lets go: the request has been seen (and acted on), the
 * client is left waiting — the moment the suite kills the process.
 */
final class Blocker {
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Called by the fake: signals that a request is held, then waits to be released. */
  void block() {
    reached.countDown();
    try {
      // Bounded so that a forgotten release cannot hold a server thread forever.
      released.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until a request is held; false if none came within the hang guard. */
  boolean awaitBlocked() throws InterruptedException {
    return reached.await(Cli.HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }
}
