package io.vulnsift.sources.ecr;

/**
 * A field of one finding that cannot be normalized. Internal: the reader turns it into a {@link
 * FindingsParseException} carrying the file and the finding's location.
 */
final class FieldException extends RuntimeException {

  private final String field;

  FieldException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
