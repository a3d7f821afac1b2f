package dev.backchannel.store.jdbc;

import dev.backchannel.event.Event;
import dev.backchannel.names.Names;
import dev.backchannel.store.AccountRepository;
import dev.backchannel.store.Credentials;
import dev.backchannel.store.NewSession;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.UserChange;
import dev.backchannel.store.UserInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Users, sessions and the station's own row, over the JDBC layer. */
final class JdbcAccounts implements AccountRepository {
  private final Database db;

  JdbcAccounts(Database db) {
    this.db = db;
  }

  // ---- station and users ----

  @Override
  public StationInfo initialise(StationSetup setup) {
    return db.changeDirectory(
        h -> {
          if (stationRow(h).isPresent()) {
            throw new StoreException(
                Problem.ALREADY_INITIALISED, "store", db.where() + " is set up already");
          }
          h.createUpdate(
                  "INSERT INTO station (id, prefix, name, public_key, created_at)"
                      + " VALUES (1, :prefix, :name, :key, :at)")
              .bind("prefix", setup.prefix())
              .bind("name", setup.name())
              .bind("key", setup.publicKey())
              .bind("at", db.now())
              .execute();
          db.event(
              h, new Event.StationInitialised(setup.prefix(), setup.name()), "init", null, null);
          insertUser(h, setup.admin(), "init");
          return stationRow(h).orElseThrow();
        });
  }

  @Override
  public Optional<StationInfo> station() {
    return db.read(JdbcAccounts::stationRow);
  }

  private static Optional<StationInfo> stationRow(Handle h) {
    return h.createQuery(
            "SELECT prefix, name, public_key, station_serial FROM station WHERE id = 1")
        .mapTo(StationInfo.class)
        .findOne();
  }

  StationInfo requireStation(Handle h) {
    return stationRow(h)
        .orElseThrow(
            () ->
                new StoreException(
                    Problem.NOT_INITIALISED,
                    "store",
                    db.where() + " is not set up; run backchannel init first"));
  }

  @Override
  public UserInfo createUser(NewUser user, String actor) {
    return db.changeDirectory(
        h -> {
          requireStation(h);
          return insertUser(h, user, actor);
        });
  }

  /**
   * Refuses a name cables address by that another user has already: the access policy knows a
   * reader by it (G3), so it must name one user only.
   */
  private static void requireUnaddressed(Handle h, String addressedAs, long exceptUserId) {
    if (addressedAs.isEmpty()) {
      throw new StoreException(
          Problem.INVALID, "addressedAs", "the name cables address a user by cannot be blank");
    }
    Optional<String> other =
        Skeletons.lookalike(
            h,
            "SELECT name FROM user_account WHERE addressed_as_skeleton = :skeleton AND id <> :id",
            addressedAs,
            "id",
            exceptUserId);
    if (other.isPresent()) {
      String his = userRow(h, other.get()).orElseThrow().addressedAs();
      throw new StoreException(
          Problem.CONFLICT,
          "addressedAs",
          his.equals(addressedAs)
              ? "cables address "
                  + other.get()
                  + " as "
                  + addressedAs
                  + " already; a name names"
                  + " one user"
              : "cables address "
                  + Names.escaped(other.get())
                  + " as "
                  + Names.escaped(his)
                  + " already, which "
                  + Names.quoted(addressedAs)
                  + " looks like; a name names one user");
    }
  }

  /**
   * Refuses the name of a new user that another user's name is or looks like (their {@link
   * Names#skeleton skeletons} are equal).
   */
  private static void requireUnnamed(Handle h, String name) {
    Optional<String> other =
        Skeletons.lookalike(
            h, "SELECT name FROM user_account WHERE name_skeleton = :skeleton", name);
    if (other.isPresent()) {
      throw new StoreException(
          Problem.CONFLICT,
          "name",
          other.get().equalsIgnoreCase(name)
              ? "a user named " + Names.escaped(name) + " exists already"
              : "a user named "
                  + Names.quoted(name)
                  + " would look like the user "
                  + Names.escaped(other.get())
                  + "; a name names one user");
    }
  }

  private UserInfo insertUser(Handle h, NewUser user, String actor) {
    requireUnnamed(h, user.name());
    requireUnaddressed(h, user.addressedAs(), -1);
    long id =
        h.createUpdate(
                "INSERT INTO user_account (name, addressed_as, clearance, caveats, time_zone,"
                    + " office_hours, roles, password_hash, setup_token_hash, created_at,"
                    + " name_skeleton, addressed_as_skeleton) VALUES (:name, :addressedAs,"
                    + " :clearance, :caveats, :zone, :hours, :roles, :password, :token, :at,"
                    + " :nameSkeleton, :addressedAsSkeleton)")
            .bind("name", user.name())
            .bind("addressedAs", user.addressedAs())
            .bind("nameSkeleton", Names.skeleton(user.name()))
            .bind("addressedAsSkeleton", Names.skeleton(user.addressedAs()))
            .bind("hours", user.officeHours().text())
            .bind("clearance", user.clearance().level().name())
            .bind("caveats", Rows.joinCaveats(user.clearance().caveats()))
            .bind("zone", user.timeZone().getId())
            .bind("roles", Rows.joinRoles(user.roles()))
            .bind("password", user.passwordHash().orElse(null))
            .bind("token", user.setupTokenHash().orElse(null))
            .bind("at", db.now())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    db.event(
        h,
        new Event.UserCreated(
            user.name(), user.clearance().level().name(), Rows.joinRoles(user.roles())),
        actor,
        null,
        null);
    return new UserInfo(
        id,
        user.name(),
        user.addressedAs(),
        user.clearance(),
        user.timeZone(),
        user.officeHours(),
        user.roles(),
        false);
  }

  @Override
  public Optional<UserInfo> user(String name) {
    return db.directory().get(List.of("user", name), () -> db.read(h -> userRow(h, name)));
  }

  static Optional<UserInfo> userRow(Handle h, String name) {
    return h.createQuery(
            "SELECT " + Rows.USER_COLUMNS + " FROM user_account u WHERE u.name = :name")
        .bind("name", name)
        .mapTo(UserInfo.class)
        .findOne();
  }

  UserInfo requireUser(Handle h, String name) {
    return userRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "user", "there is no user " + name));
  }

  @Override
  public List<UserInfo> users() {
    return db.directory()
        .get(
            "users",
            () ->
                Optional.of(
                    db.read(
                        h ->
                            h.createQuery(
                                    "SELECT "
                                        + Rows.USER_COLUMNS
                                        + " FROM user_account u ORDER BY u.name")
                                .mapTo(UserInfo.class)
                                .list())))
        .orElseThrow();
  }

  @Override
  public UserInfo updateUser(String name, UserChange change, String actor) {
    if (change.isEmpty()) {
      throw new StoreException(Problem.INVALID, "user", "nothing to change for user " + name);
    }
    return db.changeDirectory(
        h -> {
          UserInfo before = requireUser(h, name);
          UserInfo after =
              new UserInfo(
                  before.id(),
                  before.name(),
                  change
                      .addressedAs()
                      .map(a -> a.strip().toUpperCase(Locale.ROOT))
                      .orElse(before.addressedAs()),
                  change.clearance().orElse(before.clearance()),
                  change.timeZone().orElse(before.timeZone()),
                  change.officeHours().orElse(before.officeHours()),
                  change.roles().orElse(before.roles()),
                  change.disabled().orElse(before.disabled()));
          requireUnaddressed(h, after.addressedAs(), after.id());
          h.createUpdate(
                  "UPDATE user_account SET addressed_as = :addressedAs, addressed_as_skeleton ="
                      + " :addressedAsSkeleton, clearance = :clearance, caveats = :caveats, time_zone = :zone, office_hours = :hours, roles ="
                      + " :roles, disabled = :disabled WHERE id = :id")
              .bind("addressedAs", after.addressedAs())
              .bind("addressedAsSkeleton", Names.skeleton(after.addressedAs()))
              .bind("clearance", after.clearance().level().name())
              .bind("caveats", Rows.joinCaveats(after.clearance().caveats()))
              .bind("zone", after.timeZone().getId())
              .bind("hours", after.officeHours().text())
              .bind("roles", Rows.joinRoles(after.roles()))
              .bind("disabled", after.disabled() ? 1 : 0)
              .bind("id", after.id())
              .execute();
          if (after.disabled()) {
            revokeAll(h, after.id());
          }
          db.event(h, userChanged(after), actor, null, null);
          return after;
        });
  }

  static Event.UserChanged userChanged(UserInfo u) {
    return new Event.UserChanged(
        u.name(),
        u.addressedAs(),
        u.clearance().level().name(),
        Rows.joinCaveats(u.clearance().caveats()),
        u.timeZone().getId(),
        u.officeHours().text(),
        Rows.joinRoles(u.roles()),
        u.disabled());
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + Rows.USER_COLUMNS
                        + ", u.password_hash, u.setup_token_hash FROM user_account u WHERE u.name"
                        + " = :name")
                .bind("name", name)
                .mapTo(Credentials.class)
                .findOne());
  }

  @Override
  public Optional<Duration> attemptLogin(
      Set<String> subjects,
      Instant now,
      Duration window,
      Function<Map<String, List<Instant>>, Optional<Duration>> rule) {
    return db.write(
        h -> {
          long since = now.minus(window).toEpochMilli();
          h.createUpdate("DELETE FROM login_attempt WHERE at <= :since")
              .bind("since", since)
              .execute();
          Map<String, List<Instant>> attempts = new LinkedHashMap<>();
          subjects.forEach(s -> attempts.put(s, new ArrayList<>()));
          h.createQuery(
                  "SELECT subject, at FROM login_attempt WHERE subject IN (<subjects>) ORDER BY at")
              .bindList("subjects", List.copyOf(subjects))
              .map(
                  (rs, ctx) -> {
                    attempts
                        .get(rs.getString("subject"))
                        .add(Instant.ofEpochMilli(rs.getLong("at")));
                    return null;
                  })
              .forEach(x -> {});
          Optional<Duration> wait = rule.apply(attempts);
          if (wait.isEmpty()) {
            PreparedBatch insert =
                h.prepareBatch("INSERT INTO login_attempt (subject, at) VALUES (:subject, :at)");
            for (String s : subjects) {
              insert.bind("subject", s).bind("at", now.toEpochMilli()).add();
            }
            insert.execute();
          }
          return wait;
        });
  }

  @Override
  public void setPassword(String name, String passwordHash, String actor) {
    db.changeDirectory(
        h -> {
          UserInfo u = requireUser(h, name);
          h.createUpdate(
                  "UPDATE user_account SET password_hash = :hash, setup_token_hash = NULL WHERE"
                      + " id = :id")
              .bind("hash", passwordHash)
              .bind("id", u.id())
              .execute();
          // a new password ends every session the old one opened
          revokeAll(h, u.id());
          db.event(h, new Event.PasswordSet(u.name()), actor, null, null);
          return null;
        });
  }

  private void revokeAll(Handle h, long userId) {
    h.createUpdate("UPDATE session SET revoked_at = :at WHERE user_id = :id AND revoked_at IS NULL")
        .bind("at", db.now())
        .bind("id", userId)
        .execute();
  }

  // ---- sessions ----

  @Override
  public void createSession(NewSession session, String address) {
    db.changeDirectory(
        h -> {
          String user =
              h.createQuery("SELECT name FROM user_account WHERE id = :id")
                  .bind("id", session.userId())
                  .mapTo(String.class)
                  .findOne()
                  .orElseThrow(
                      () ->
                          new StoreException(
                              Problem.NOT_FOUND, "user", "there is no user " + session.userId()));
          h.createUpdate(
                  "INSERT INTO session (token_hash, user_id, kind, csrf_token, created_at,"
                      + " expires_at, address) VALUES (:hash, :user, :kind, :csrf, :at, :expires,"
                      + " :address)")
              .bind("hash", session.tokenHash())
              .bind("user", session.userId())
              .bind("kind", session.kind().name())
              .bind("csrf", session.csrfToken())
              .bind("at", db.now())
              .bind("expires", session.expiresAt().toEpochMilli())
              .bind("address", address)
              .execute();
          db.event(
              h,
              new Event.Login(user, session.kind().name(), address, session.expiresAt().toString()),
              user,
              null,
              null);
          return null;
        });
  }

  @Override
  public Optional<SessionInfo> session(String tokenHash) {
    return db.directory()
        .get(
            List.of("session", tokenHash),
            () ->
                db.read(
                    h ->
                        h.createQuery(
                                "SELECT s.token_hash AS session_token_hash, s.kind AS session_kind, s.csrf_token AS"
                                    + " session_csrf_token, s.expires_at AS session_expires_at, "
                                    + Rows.USER_COLUMNS
                                    + " FROM session s JOIN user_account u ON u.id = s.user_id WHERE"
                                    + " s.token_hash = :hash AND s.revoked_at IS NULL")
                            .bind("hash", tokenHash)
                            .mapTo(SessionInfo.class)
                            .findOne()));
  }

  @Override
  public void revokeSession(String tokenHash, String actor) {
    db.changeDirectory(
        h -> {
          Optional<String> owner =
              h.createQuery(
                      "UPDATE session SET revoked_at = :at WHERE token_hash = :hash AND revoked_at"
                          + " IS NULL RETURNING (SELECT name FROM user_account WHERE id ="
                          + " session.user_id)")
                  .bind("at", db.now())
                  .bind("hash", tokenHash)
                  .mapTo(String.class)
                  .findOne();
          if (owner.isPresent()) {
            db.event(h, new Event.Logout(owner.get()), actor, null, null);
          }
          return null;
        });
  }
}
