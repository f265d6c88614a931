package io.vulnsift.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert group: the values of the workflow's key fields (by default vulnerability
 * id, registry, repository, package name and package version). The fingerprint is a stable hash of
 * those values, used as the state key, the Jira label and the Slack metadata.
 */
public record GroupKey(Map<String, String> fields) {

  public GroupKey {
    fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  public String get(String field) {
    return fields.get(field);
  }

  /** Canonical text of the key: {@code field=value} pairs in field order, one per line. */
  public String canonical() {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append(k).append('=').append(v == null ? "" : v).append('\n'));
    return sb.toString();
  }

  /** First 20 hex digits of the SHA-256 of {@link #canonical()}: short enough for a label. */
  public String fingerprint() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
