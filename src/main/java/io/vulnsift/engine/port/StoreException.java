package io.vulnsift.engine.port;

/** A state or inventory store could not do what was asked (after the SDK's own retries). */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
