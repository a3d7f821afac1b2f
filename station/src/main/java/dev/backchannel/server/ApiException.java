package dev.backchannel.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request the station answers with an error: an HTTP status, a stable code, the request field it
 * is about (or an empty string) and a message for people. Thrown by handlers; the server writes it
 * as JSON {@code {code, message, field}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;
  private final transient Map<String, List<String>> details;
  private final transient Map<String, String> headers;

  public ApiException(int status, String code, String field, String message) {
    this(status, code, field, message, Map.of());
  }

  /**
   * An error with lists the client needs to act on (a release warning's unread cables), written
   * after {@code code}, {@code message} and {@code field}.
   */
  public ApiException(
      int status, String code, String field, String message, Map<String, List<String>> details) {
    this(status, code, field, message, details, Map.of());
  }

  private ApiException(
      int status,
      String code,
      String field,
      String message,
      Map<String, List<String>> details,
      Map<String, String> headers) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.field = Objects.requireNonNull(field, "field");
    this.details = Map.copyOf(details);
    this.headers = Map.copyOf(headers);
  }

  /**
   * 429 RATE_LIMITED with a Retry-After header: a client learns when to try again without reading
   * the message.
   *
   * @param seconds until the next attempt is let in, at least 1
   */
  public static ApiException rateLimited(String message, long seconds) {
    return new ApiException(
        429, "RATE_LIMITED", "", message, Map.of(), Map.of("Retry-After", Long.toString(seconds)));
  }

  /** 400 INVALID: a value of the request cannot be used. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(400, "INVALID", field, message);
  }

  /** 404 NOT_FOUND: the thing does not exist, or the caller may not know of it (G3). */
  public static ApiException notFound(String field, String message) {
    return new ApiException(404, "NOT_FOUND", field, message);
  }

  /** 401 UNAUTHENTICATED: no valid session or token came with the request. */
  public static ApiException unauthenticated() {
    return new ApiException(
        401,
        "UNAUTHENTICATED",
        "",
        "log in first: no valid session or token came with the request");
  }

  /** 403 FORBIDDEN: the caller's roles do not allow the request, whatever its target. */
  public static ApiException forbidden(String role) {
    return new ApiException(403, "FORBIDDEN", "", "this needs the role " + role);
  }

  /** 403 FORBIDDEN: the caller may not do this, for the reason given. */
  public static ApiException forbiddenHere(String reason) {
    return new ApiException(403, "FORBIDDEN", "", reason);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  /** Headers of the answer besides the security headers; usually none. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Further lists of the answer, by name; usually none. */
  public Map<String, List<String>> details() {
    return details;
  }
}
