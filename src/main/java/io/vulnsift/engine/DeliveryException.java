package io.vulnsift.engine;

/** An action could not deliver; the message must never contain a secret. */
public class DeliveryException extends RuntimeException {
  public DeliveryException(String message) {
    super(message);
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
