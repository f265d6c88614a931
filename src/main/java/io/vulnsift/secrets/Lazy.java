package io.vulnsift.secrets;

import java.util.function.Supplier;

/**
 * A thread-safe memo of a supplier, so clients are built on first use rather than at start-up (a
 * SnapStart snapshot must hold neither clients nor secrets, and a run that never calls a service
 * should not pay for its client). A supplier that throws is asked again next time.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> supplier;
  private volatile T value;

  public Lazy(Supplier<T> supplier) {
    this.supplier = supplier;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = supplier.get();
          value = v;
        }
      }
    }
    return v;
  }
}
