package io.vulnsift.inventory.kubernetes;

/** A pods document that cannot be imported; the message reads {@code file:line:column: message}. */
public class KubernetesImportException extends RuntimeException {

  public KubernetesImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
