package io.vulnsift.secrets;

/** A secret could not be read. The message names the setting and the reference, never a value. */
public class SecretException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
