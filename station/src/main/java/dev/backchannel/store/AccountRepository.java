package dev.backchannel.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The station itself, its users and their sessions. Part of the {@link Store}; every change appends
 * its events in the same transaction (DESIGN 6).
 */
public interface AccountRepository {

  /**
   * Sets the station up: prefix, name, public signing key and first administrator.
   *
   * @throws StoreException ALREADY_INITIALISED if it was set up before
   */
  StationInfo initialise(StationSetup setup);

  /** The station, once set up. */
  Optional<StationInfo> station();

  /**
   * Creates a user. Whether his names are acceptable is the name policy's to say, before; the store
   * keeps them unique by their confusable skeletons ({@code dev.backchannel.names.Names}).
   *
   * @throws StoreException CONFLICT if a user's name or addressed-as name is or looks like his
   */
  UserInfo createUser(NewUser user, String actor);

  /** The user of that name (case-insensitive). */
  Optional<UserInfo> user(String name);

  /** Every user, by name. */
  List<UserInfo> users();

  /**
   * Changes a user's settings.
   *
   * @throws StoreException NOT_FOUND if there is no such user; INVALID if nothing would change;
   *     CONFLICT if another user's addressed-as name is or looks like the new one
   */
  UserInfo updateUser(String name, UserChange change, String actor);

  /** The user of that name with his secrets' hashes, for a login. */
  Optional<Credentials> credentials(String name);

  /**
   * Records a login attempt under each of {@code subjects} (an account, an address) unless {@code
   * rule} refuses it, in one transaction, so that attempts through every process sharing the store
   * count together. The rule is given, for each subject, the instants of its attempts within {@code
   * window} before {@code now}, oldest first; it answers how long the caller must wait, or empty to
   * let the attempt be recorded. Attempts older than the window are forgotten.
   *
   * @return what the rule answered
   */
  Optional<Duration> attemptLogin(
      Set<String> subjects,
      Instant now,
      Duration window,
      Function<Map<String, List<Instant>>, Optional<Duration>> rule);

  /**
   * Sets a user's password hash and retires his set-up token.
   *
   * @throws StoreException NOT_FOUND if there is no such user
   */
  void setPassword(String name, String passwordHash, String actor);

  /** Stores a new session or token after a login, recorded as a LOGIN event. */
  void createSession(NewSession session, String address);

  /** The unrevoked session with that token hash, expired or not, with its user as he is now. */
  Optional<SessionInfo> session(String tokenHash);

  /** Revokes a session or token; revoking one twice or an unknown one does nothing. */
  void revokeSession(String tokenHash, String actor);
}
