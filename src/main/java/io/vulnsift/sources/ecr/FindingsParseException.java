package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A findings file that is not a well-formed {@code DescribeImageScanFindings} response. The message
 * reads {@code file:line:column: message (field …)} so that an operator can jump to the spot.
 */
public class FindingsParseException extends RuntimeException {

  private final String source;

  public FindingsParseException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
  }

  /** The file (or stream name) that failed. */
  public String source() {
    return source;
  }

  static FindingsParseException at(
      String source, JsonLocation location, String field, String message) {
    return at(source, location, field, message, null);
  }

  private static FindingsParseException at(
      String source, JsonLocation location, String field, String message, Throwable cause) {
    StringBuilder sb = new StringBuilder(source);
    if (location != null && location.getLineNr() > 0) {
      sb.append(':').append(location.getLineNr()).append(':').append(location.getColumnNr());
    }
    sb.append(": ").append(message);
    if (field != null && !field.isEmpty()) {
      sb.append(" (field ").append(field).append(')');
    }
    return new FindingsParseException(source, sb.toString(), cause);
  }

  static FindingsParseException of(String source, JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
    // Jackson appends source excerpts on later lines; the first line is the useful part.
    int nl = original.indexOf('\n');
    String message = nl < 0 ? original : original.substring(0, nl);
    return at(source, e.getLocation(), null, message, e);
  }
}
