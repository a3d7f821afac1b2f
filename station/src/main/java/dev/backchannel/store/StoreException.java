package dev.backchannel.store;

import java.util.Objects;

/**
 * A store could not do what was asked because of the request itself: a name that does not exist, a
 * duplicate, a draft it cannot release. Carries a stable {@link Problem} and a message naming the
 * bad value. Misuse of the store (after close, say) is an {@link IllegalStateException} instead.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem it is; stable, for exit codes and API status. */
  public enum Problem {
    /** The station file has not been set up with {@code init}. */
    NOT_INITIALISED,
    /** The station file was already set up. */
    ALREADY_INITIALISED,
    /** A named thing does not exist (or may not be known). */
    NOT_FOUND,
    /** A thing of that name or number exists already. */
    CONFLICT,
    /** The request's values are not acceptable. */
    INVALID,
    /** Another process holds the station file. */
    LOCKED,
    /** The store's database cannot be reached, or refused the station's login. */
    UNAVAILABLE
  }

  private final Problem problem;
  private final String field;

  public StoreException(Problem problem, String field, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.field = Objects.requireNonNull(field, "field");
  }

  public StoreException(Problem problem, String field, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }

  /** The request field the problem is about, or an empty string. */
  public String field() {
    return field;
  }
}
