package dev.backchannel.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feature service refused a request because of the request itself: what it names does not exist
 * or may not be known, a value is not acceptable, the caller may not do this here, or the state of
 * things does not allow it yet. Carries a stable {@link Kind}, a stable code for the API and the
 * field it is about; HTTP, the web pages and the CLI each map it to an answer in one place. A
 * service called out of order (after close, say) throws {@link IllegalStateException} instead.
 */
public final class Refused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal it is. */
  public enum Kind {
    /** What the request names does not exist, or the caller may not know of it (G3). */
    NOT_FOUND,
    /** A value of the request is not acceptable. */
    INVALID,
    /** The caller may not do this here. */
    FORBIDDEN,
    /** The state of things does not allow it (yet). */
    CONFLICT
  }

  private final Kind kind;
  private final String code;
  private final String field;
  private final Map<String, List<String>> details;

  /**
   * @param code stable, upper case: the kind's name, or a more precise one for a conflict
   * @param field the request field it is about, or an empty string
   * @param details named lists the caller needs to act on it (the cables a release warning names)
   */
  public Refused(
      Kind kind, String code, String field, String message, Map<String, List<String>> details) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.field = Objects.requireNonNull(field, "field");
    this.details = Map.copyOf(details);
  }

  public Refused(Kind kind, String code, String field, String message) {
    this(kind, code, field, message, Map.of());
  }

  public static Refused notFound(String field, String message) {
    return new Refused(Kind.NOT_FOUND, "NOT_FOUND", field, message);
  }

  public static Refused invalid(String field, String message) {
    return new Refused(Kind.INVALID, "INVALID", field, message);
  }

  public static Refused forbidden(String message) {
    return new Refused(Kind.FORBIDDEN, "FORBIDDEN", "", message);
  }

  public static Refused conflict(String code, String field, String message) {
    return new Refused(Kind.CONFLICT, code, field, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public Map<String, List<String>> details() {
    return details;
  }
}
