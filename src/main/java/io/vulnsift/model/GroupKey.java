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
 *
 * <p>A value class rather than a record so that it can keep its canonical text and fingerprint once
 * computed: a run asks a group for its fingerprint many times (state, decisions, deliveries, the
 * report), and a SHA-256 each time was a third of grouping and checking 45,000 groups
 * (docs/benchmarks.md). Immutable; the cached values are plain strings, so computing one twice in a
 * race is harmless.
 */
public final class GroupKey {

  private final Map<String, String> fields;
  private String canonical;
  private String fingerprint;
  private int hash;

  public GroupKey(Map<String, String> fields) {
    this.fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** The key fields and their values, in field order. */
  public Map<String, String> fields() {
    return fields;
  }

  public String get(String field) {
    return fields.get(field);
  }

  /** Canonical text of the key: {@code field=value} pairs in field order, one per line. */
  public String canonical() {
    String c = canonical;
    if (c == null) {
      StringBuilder sb = new StringBuilder();
      fields.forEach((k, v) -> sb.append(k).append('=').append(v == null ? "" : v).append('\n'));
      c = sb.toString();
      canonical = c;
    }
    return c;
  }

  /** First 20 hex digits of the SHA-256 of {@link #canonical()}: short enough for a label. */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(canonical().getBytes(StandardCharsets.UTF_8));
        f = HexFormat.of().formatHex(digest, 0, 10);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every JVM", e);
      }
      fingerprint = f;
    }
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey other && fields.equals(other.fields);
  }

  /** Cached too: a key is hashed once per finding it groups. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = fields.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "GroupKey[fields=" + fields + "]";
  }
}
