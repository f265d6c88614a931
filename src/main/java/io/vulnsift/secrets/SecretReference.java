package io.vulnsift.secrets;

import java.util.Locale;

/**
 * Where a secret lives: a Secrets Manager secret ({@code arn:aws:secretsmanager:…}, {@code
 * secretsmanager:NAME}, or a bare name) or an SSM parameter ({@code arn:aws:ssm:…:parameter/…} or
 * {@code ssm:/path}). The reference is not secret, so it may appear in messages.
 *
 * @param store the service that holds it
 * @param id what that service's API is given: the secret id, or the parameter name or ARN
 */
public record SecretReference(Store store, String id) {

  /** The AWS service holding the secret. */
  public enum Store {
    SECRETS_MANAGER("Secrets Manager secret"),
    SSM("SSM parameter");

    private final String label;

    Store(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Parses a reference.
   *
   * @throws IllegalArgumentException when it is blank or names an unknown service
   */
  public static SecretReference parse(String reference) {
    String ref = reference == null ? "" : reference.trim();
    String lower = ref.toLowerCase(Locale.ROOT);
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("empty secret reference");
    } else if (lower.startsWith("ssm:")) {
      return new SecretReference(Store.SSM, ref.substring(4));
    } else if (lower.startsWith("secretsmanager:")) {
      return new SecretReference(Store.SECRETS_MANAGER, ref.substring("secretsmanager:".length()));
    } else if (lower.startsWith("arn:")) {
      // arn:partition:service:region:account:resource — GetParameter takes the whole ARN too.
      String[] parts = ref.split(":", 6);
      String service = parts.length == 6 ? parts[2] : "";
      if (service.equals("ssm") && parts[5].startsWith("parameter/")) {
        return new SecretReference(Store.SSM, ref);
      } else if (service.equals("secretsmanager")) {
        return new SecretReference(Store.SECRETS_MANAGER, ref);
      }
      throw new IllegalArgumentException(
          "not a Secrets Manager secret or SSM parameter ARN: " + ref);
    }
    // A bare name: the settings are called *_SECRET_ARN, and Secrets Manager accepts names too.
    return new SecretReference(Store.SECRETS_MANAGER, ref);
  }

  @Override
  public String toString() {
    return store.label() + " " + id;
  }
}
