package dev.backchannel.server;

import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Objectives;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;

/**
 * The station server's settings (DESIGN 5.4): read from one properties file, then overridden by
 * {@code BACKCHANNEL_*} environment variables ({@code http.port} by {@code BACKCHANNEL_HTTP_PORT}).
 * A value that cannot be used stops start-up with a {@link ConfigException} naming the setting.
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted (DESIGN 5.6)
 * @param secureCookies whether session cookies carry {@code Secure} (behind TLS)
 * @param sessionTtl how long a browser session lasts
 * @param tokenTtl how long a CLI bearer token lasts
 * @param loginAttemptsPerMinute login attempts allowed per account and per address (DESIGN 5.6)
 * @param argon2MemoryKib Argon2id memory cost
 * @param argon2Iterations Argon2id time cost
 * @param argon2Parallel how many Argon2id hashes may run at once; each holds its memory cost on the
 *     heap while it runs
 * @param deliveryTick how often due deliveries and escalations are looked for
 * @param metricsPort the loopback port the Prometheus metrics are served on, apart from the API; 0
 *     picks a free one; empty when {@code metrics.port=off}
 * @param objectives the handling objective of each precedence, counted from delivery, that the
 *     clockwork escalates by (DESIGN 2, G7): {@code objective.flash} and so on
 * @param store where the station keeps its store when no {@code --store} names it: {@code
 *     store.url}, {@code store.user}, {@code store.password}
 * @param checkpoints when the audit log's checkpoints are signed: {@code log.checkpoint-interval}
 *     and {@code log.checkpoint-entries}
 * @param relayBatch at most how many cables go to a peer station in one request: {@code
 *     relay.batch}
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    boolean secureCookies,
    Duration sessionTtl,
    Duration tokenTtl,
    int loginAttemptsPerMinute,
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallel,
    Duration deliveryTick,
    OptionalInt metricsPort,
    Objectives objectives,
    StoreSettings store,
    Checkpoints checkpoints,
    int relayBatch) {

  /**
   * A checkpoint of the audit log is signed when the log has grown since the last one, and either
   * {@code interval} has passed since it or {@code entries} entries were appended (G8).
   */
  public record Checkpoints(Duration interval, int entries) {
    public Checkpoints {
      Objects.requireNonNull(interval, "interval");
    }
  }

  /**
   * The store's settings: its address ({@code postgresql://HOST[:PORT]/DB}, or a station file's
   * path; empty for the default file), and the database user and password for PostgreSQL. The
   * password is never printed.
   */
  public record StoreSettings(Optional<String> url, String user, Optional<String> password) {
    public StoreSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "StoreSettings[url="
          + url.orElse("")
          + ", user="
          + user
          + ", password="
          + (password.isPresent() ? "(set)" : "(none)")
          + "]";
    }
  }

  /** The settings and their defaults, in the order the README lists them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("http.host", "127.0.0.1");
    d.put("http.port", "8080");
    d.put("http.max-body-bytes", "1048576");
    d.put("http.secure-cookies", "false");
    d.put("session.ttl", "PT12H");
    d.put("token.ttl", "P30D");
    d.put("login.attempts-per-minute", "5");
    d.put("argon2.memory-kib", "65536");
    d.put("argon2.iterations", "3");
    d.put("argon2.parallel", "2");
    d.put("delivery.tick", "PT1S");
    d.put("metrics.port", "9464");
    for (Precedence p : Precedence.values()) {
      d.put(objectiveSetting(p), p.defaultObjective().toString());
    }
    d.put("store.url", "");
    d.put("store.user", "backchannel");
    d.put("store.password", "");
    d.put("log.checkpoint-interval", "PT10S");
    d.put("log.checkpoint-entries", "1000");
    d.put("relay.batch", "100");
    return java.util.Collections.unmodifiableMap(d);
  }

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(deliveryTick, "deliveryTick");
    Objects.requireNonNull(metricsPort, "metricsPort");
    Objects.requireNonNull(objectives, "objectives");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(checkpoints, "checkpoints");
  }

  /** The setting of a precedence's handling objective: {@code objective.flash-override}. */
  public static String objectiveSetting(Precedence precedence) {
    return "objective." + precedence.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The defaults alone. */
  public static ServerConfig defaultConfig() {
    return load(Optional.empty(), Map.of());
  }

  /**
   * Reads the settings: defaults, then the file (when given), then the environment.
   *
   * @throws ConfigException naming the first setting that is unknown or cannot be used, or the file
   *     when it cannot be read
   */
  public static ServerConfig load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Map<String, String> origin = new LinkedHashMap<>();
    DEFAULTS.keySet().forEach(k -> origin.put(k, "default"));
    if (file.isPresent()) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw new ConfigException("config", "no such file " + file.get());
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("config", "cannot read " + file.get() + ": " + e.getMessage());
      }
      for (String key : p.stringPropertyNames()) {
        if (!DEFAULTS.containsKey(key)) {
          throw new ConfigException(
              key,
              "unknown setting in "
                  + file.get()
                  + "; the settings are "
                  + String.join(", ", DEFAULTS.keySet()));
        }
        values.put(key, p.getProperty(key).strip());
        origin.put(key, file.get().toString());
      }
    }
    for (String key : DEFAULTS.keySet()) {
      String variable = variable(key);
      String v = env.get(variable);
      if (v != null) {
        values.put(key, v.strip());
        origin.put(key, "the environment variable " + variable);
      }
    }
    Settings s = new Settings(values, origin);
    int port = s.get("http.port", v -> bounded(Integer.parseInt(v), 0, 65_535));
    OptionalInt metricsPort = s.get("metrics.port", ServerConfig::portOrOff);
    if (port != 0 && metricsPort.equals(OptionalInt.of(port))) {
      throw new ConfigException(
          "metrics.port",
          "\""
              + port
              + "\" from "
              + origin.get("metrics.port")
              + " cannot be used: it is http.port too; the metrics need a port of their own");
    }
    Map<Precedence, Duration> objectives = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      objectives.put(p, s.get(objectiveSetting(p), ServerConfig::duration));
    }
    return new ServerConfig(
        s.get("http.host", ServerConfig::host),
        port,
        s.get("http.max-body-bytes", v -> bounded(Long.parseLong(v), 1_024L, 64L << 20)),
        s.get("http.secure-cookies", ServerConfig::bool),
        s.get("session.ttl", ServerConfig::duration),
        s.get("token.ttl", ServerConfig::duration),
        s.get("login.attempts-per-minute", v -> bounded(Integer.parseInt(v), 1, 1_000)),
        s.get("argon2.memory-kib", v -> bounded(Integer.parseInt(v), 8, 4 << 20)),
        s.get("argon2.iterations", v -> bounded(Integer.parseInt(v), 1, 100)),
        s.get("argon2.parallel", v -> bounded(Integer.parseInt(v), 1, 64)),
        s.get("delivery.tick", ServerConfig::duration),
        metricsPort,
        new Objectives(objectives),
        new StoreSettings(
            Optional.of(values.get("store.url")).filter(v -> !v.isEmpty()),
            s.get("store.user", ServerConfig::databaseUser),
            Optional.of(values.get("store.password")).filter(v -> !v.isEmpty())),
        new Checkpoints(
            s.get("log.checkpoint-interval", ServerConfig::duration),
            s.get("log.checkpoint-entries", v -> bounded(Integer.parseInt(v), 1, 1_000_000))),
        // a peer takes at most 500 cables a request (dev.backchannel.relay.Relay.MAX_BATCH)
        s.get("relay.batch", v -> bounded(Integer.parseInt(v), 1, 500)));
  }

  private static String databaseUser(String v) {
    if (!v.matches("[A-Za-z_][A-Za-z0-9_.\\-]{0,62}")) {
      throw new IllegalArgumentException(
          "a database user is 1 to 63 letters, digits, '_', '.', '-'");
    }
    return v;
  }

  /** The environment variable that overrides a setting: {@code BACKCHANNEL_HTTP_PORT}. */
  public static String variable(String setting) {
    return "BACKCHANNEL_" + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private record Settings(Map<String, String> values, Map<String, String> origin) {
    <T> T get(String key, Function<String, T> read) {
      String v = values.get(key);
      try {
        return read.apply(v);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        String why = e instanceof NumberFormatException ? "not a number" : e.getMessage();
        throw new ConfigException(
            key, "\"" + v + "\" from " + origin.get(key) + " cannot be used: " + why);
      }
    }
  }

  private static long bounded(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be " + min + " to " + max);
    }
    return value;
  }

  private static int bounded(int value, int min, int max) {
    return (int) bounded((long) value, min, max);
  }

  private static boolean bool(String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static Duration duration(String v) {
    Duration d;
    try {
      d = Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must be an ISO-8601 duration such as PT12H or P30D", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be a positive ISO-8601 duration such as PT12H");
    }
    return d;
  }

  private static OptionalInt portOrOff(String v) {
    if (v.equals("off")) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(bounded(Integer.parseInt(v), 0, 65_535));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be a port 0 to 65535, or off", e);
    }
  }

  private static String host(String v) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return v;
  }
}
