package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InBackgroundTest {

  /** A store that records whether it was closed. */
  static final class Store implements AutoCloseable {
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  void aFailureToOpenReachesTheCommandAsItWasThrown() {
    InBackground<Store> opening =
        InBackground.open(
            "test",
            () -> {
              throw new IllegalArgumentException("--state-dir: /nope is not writable");
            });

    // The CLI turns IllegalArgumentException into one line and exit 2: a wrapped one would be a
    // stack trace.
    assertThatThrownBy(opening::await)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("--state-dir: /nope is not writable");
  }

  @Test
  void workThatFailsWhileOpeningClosesTheStoreOnceItIsOpen() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Store store = new Store();
    InBackground<Store> opening =
        InBackground.open(
            "test",
            () -> {
              await(release);
              return store;
            });

    assertThatThrownBy(
            () ->
                opening.meanwhile(
                    () -> {
                      throw new IllegalStateException("workflow failed to load");
                    }))
        .hasMessage("workflow failed to load");
    // The error came back before the store finished opening; it is closed when it does.
    assertThat(store.closed.getCount()).isEqualTo(1);
    release.countDown();
    assertThat(store.closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void workThatSucceedsLeavesTheStoreOpenForTheCommand() {
    Store store = new Store();
    InBackground<Store> opening = InBackground.open("test", () -> store);
    AtomicBoolean ran = new AtomicBoolean();

    String result = opening.meanwhile(() -> ran.getAndSet(true) ? "twice" : "once");

    assertThat(result).isEqualTo("once");
    assertThat(opening.await()).isSameAs(store);
    assertThat(store.closed.getCount()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
