package dev.backchannel.server;

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

  public ApiException(int status, String code, String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.field = Objects.requireNonNull(field, "field");
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

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
