package dev.backchannel.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a station keeps its store: an embedded SQLite file, or a PostgreSQL database that several
 * station processes may share (issue 22).
 */
public sealed interface StoreLocation {

  /** How the location is named in messages: never a password. */
  String describe();

  /** The location alone, as a user gives it: a path, or {@code postgresql://HOST:PORT/DB}. */
  String address();

  /** The SQLite station file. */
  record SqliteFile(Path file) implements StoreLocation {
    public SqliteFile {
      file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    @Override
    public String describe() {
      return "the station file " + file;
    }

    @Override
    public String address() {
      return file.toString();
    }
  }

  /**
   * A PostgreSQL database, reached as {@code user} with {@code password} (which comes from the
   * settings or {@code BACKCHANNEL_STORE_PASSWORD}, never from the command line).
   */
  record Postgres(String host, int port, String database, String user, Optional<String> password)
      implements StoreLocation {
    /** PostgreSQL's own port, when the address names none. */
    public static final int DEFAULT_PORT = 5432;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,63}");

    public Postgres {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("store: the port must be 1 to 65535: " + port);
      }
      if (!NAME.matcher(database).matches()) {
        throw new IllegalArgumentException(
            "store: the database name must be 1 to 63 letters, digits, '_', '.' or '-': "
                + database);
      }
      if (user.isBlank()) {
        throw new IllegalArgumentException("store.user: the database user must not be blank");
      }
    }

    /** The address without user or password: {@code postgresql://HOST:PORT/DB}. */
    public String url() {
      return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The address in the driver's form. */
    public String jdbcUrl() {
      return "jdbc:" + url();
    }

    @Override
    public String describe() {
      return "the PostgreSQL database " + url();
    }

    @Override
    public String address() {
      return url();
    }

    @Override
    public String toString() {
      return "Postgres[" + url() + " as " + user + "]";
    }
  }

  /** Whether {@code text} names a PostgreSQL database rather than a file. */
  static boolean isPostgres(String text) {
    return text.startsWith("postgresql://") || text.startsWith("postgres://");
  }

  /**
   * Reads {@code postgresql://HOST[:PORT]/DB}.
   *
   * @throws IllegalArgumentException naming the problem and the address, when it is not of that
   *     form or carries a user or password (those come from the settings, never from a command
   *     line, where every user of the machine can read them)
   */
  static Postgres postgres(String text, String user, Optional<String> password) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "store: not an address of the form postgresql://HOST[:PORT]/DB: " + text, e);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "store: the address must not carry a user or password (give store.user and"
              + " BACKCHANNEL_STORE_PASSWORD): postgresql://"
              + uri.getHost()
              + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
              + Optional.ofNullable(uri.getRawPath()).orElse(""));
    }
    String path = Optional.ofNullable(uri.getPath()).orElse("");
    if (uri.getHost() == null
        || !path.startsWith("/")
        || path.length() < 2
        || path.indexOf('/', 1) >= 0
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "store: not an address of the form postgresql://HOST[:PORT]/DB: " + text);
    }
    return new Postgres(
        uri.getHost(),
        uri.getPort() < 0 ? Postgres.DEFAULT_PORT : uri.getPort(),
        path.substring(1),
        user,
        password);
  }
}
