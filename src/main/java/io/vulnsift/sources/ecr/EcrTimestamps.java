package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The timestamp forms ECR data arrives in: epoch seconds (the API's wire form, fractional),
 * ISO-8601 (as the CLI prints them), and leniently the two forms Inspector events have used.
 */
final class EcrTimestamps {

  /** {@code Wed Sep 04 16:55:38.411 UTC 2024} (current Inspector event docs). */
  private static final DateTimeFormatter INSPECTOR_EVENT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEE MMM dd HH:mm:ss[.SSS] zzz yyyy")
          .toFormatter(Locale.ENGLISH);

  /** {@code Dec 3, 2021, 6:02:30 PM} (older Inspector docs), no zone: taken as UTC. */
  private static final DateTimeFormatter INSPECTOR_LEGACY =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("MMM d, yyyy, h:mm:ss a")
          .toFormatter(Locale.ENGLISH);

  private EcrTimestamps() {}

  /** Parses a JSON number or string; {@code null} for a missing or null node. */
  static Instant parse(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    try {
      if (node.isNumber()) {
        return ofEpochSeconds(node.decimalValue());
      }
      if (node.isTextual()) {
        return parse(node.textValue());
      }
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw new FieldException(field, "unrecognized timestamp " + node);
    }
    throw new FieldException(field, "expected a timestamp, found " + node.getNodeType());
  }

  static Instant parse(String raw) {
    String text = raw.trim();
    if (text.isEmpty()) {
      throw new DateTimeException("empty timestamp");
    }
    char first = text.charAt(0);
    if (Character.isDigit(first) && text.indexOf('-') < 0) {
      return ofEpochSeconds(new BigDecimal(text));
    }
    if (Character.isDigit(first)) {
      return iso(text);
    }
    try {
      return ZonedDateTime.parse(text, INSPECTOR_EVENT).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text, INSPECTOR_LEGACY).toInstant(ZoneOffset.UTC);
    }
  }

  private static Instant iso(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      // Without an offset AWS means UTC.
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    }
  }

  private static Instant ofEpochSeconds(BigDecimal seconds) {
    // Digits before the point, from the exponent alone: "1e99999999" must be refused before it is
    // expanded (minutes of work), and far below a nanosecond is no time at all.
    int integerDigits = seconds.precision() - seconds.scale();
    if (integerDigits > 19) {
      throw new ArithmeticException("epoch seconds out of range");
    }
    if (integerDigits < -9) {
      return Instant.EPOCH;
    }
    BigDecimal whole = new BigDecimal(seconds.toBigInteger());
    long nanos = seconds.subtract(whole).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
