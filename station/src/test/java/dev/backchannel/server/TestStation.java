package dev.backchannel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.app.Station;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.UserInfo;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real station for HTTP tests: a store from a {@link StoreFactory} (a SQLite file in a temporary
 * folder unless a suite gives another), set up with an administrator {@code admin}, served on a
 * free port with a cheap Argon2id cost and a {@link TestClock}, its metrics on another free
 * loopback port unless {@code metrics.port} says otherwise.
 */
public final class TestStation implements AutoCloseable {
  /** Every test user's password. */
  public static final String PASSWORD = "correct horse battery";

  /** A cheap Argon2id, as the configuration allows for tests (DESIGN 5.4). */
  public static final PasswordHasher HASHER = new PasswordHasher(64, 1, 1, 2);

  public final Store store;
  public final TestClock clock;
  public final StationServer server;

  /** The station's signing key pair. */
  public final KeyPair keys;

  /** The station's metrics, started; empty with {@code metrics.port=off}. */
  public final Optional<StationMetrics> metrics;

  private final Station station;
  private final String hash;

  private TestStation(Station station, TestClock clock, KeyPair keys) {
    this.station = station;
    this.keys = keys;
    this.store = station.store();
    this.clock = clock;
    this.server = station.server();
    this.metrics = station.metrics();
    this.hash = HASHER.hash(PASSWORD.toCharArray());
  }

  /** A station with default settings, except a free port and a cheap hash. */
  public static TestStation start(Path dir) {
    return start(dir, Map.of());
  }

  /** A station with some settings overridden, as BACKCHANNEL_* variables would. */
  public static TestStation start(Path dir, Map<String, String> settings) {
    return start(dir, settings, StoreFactory.configured());
  }

  /** A station on the store {@code stores} opens, with some settings overridden. */
  public static TestStation start(Path dir, Map<String, String> settings, StoreFactory stores) {
    return start(dir, settings, stores, "WHS");
  }

  /** A station of another prefix (a relay's peer), on the store {@code stores} opens. */
  public static TestStation start(
      Path dir, Map<String, String> settings, StoreFactory stores, String prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("BACKCHANNEL_HTTP_PORT", "0");
    env.put("BACKCHANNEL_ARGON2_MEMORY_KIB", "64");
    env.put("BACKCHANNEL_ARGON2_ITERATIONS", "1");
    // tests log many users in from one address; the limit's own tests set it back to 5
    env.put("BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE", "1000");
    // tests run the clockwork by hand (server.tick()) after moving the clock
    env.put("BACKCHANNEL_DELIVERY_TICK", "PT1H");
    // tests run side by side: the default port would clash
    env.put("BACKCHANNEL_METRICS_PORT", "0");
    settings.forEach((k, v) -> env.put(ServerConfig.variable(k), v));
    ServerConfig config = ServerConfig.load(Optional.empty(), env);
    TestClock clock = new TestClock(Instant.parse("2026-11-25T09:00:00Z"));
    Optional<StationMetrics> metrics = Station.metrics(config, clock);
    Store store =
        stores.open(
            dir,
            clock,
            metrics.map(StationMetrics::store).orElse(StoreObserver.NONE),
            config.objectives());
    KeyPair keys = SigningKeys.generate();
    store.initialise(
        new StationSetup(
            prefix,
            prefix.equals("WHS") ? "White House Situation Room" : "Station " + prefix,
            SigningKeys.publicKeyText(keys),
            NewUser.of(
                "admin",
                new Clearance(Classification.UNCLASSIFIED, Set.of()),
                ZoneId.of("UTC"),
                Set.of(Role.ADMINISTRATOR),
                Optional.of(HASHER.hash(PASSWORD.toCharArray())),
                Optional.empty())));
    Station station = Station.build(config, store, clock, metrics, Optional.of(keys.getPrivate()));
    station.start();
    return new TestStation(station, clock, keys);
  }

  /**
   * Creates a user with the test password.
   *
   * @param name login name; cables address him by its upper case
   * @param level his clearance
   * @param caveats his caveat authorisations
   * @param roles his roles
   */
  public UserInfo user(String name, Classification level, Set<String> caveats, Role... roles) {
    return store.createUser(
        new NewUser(
            name,
            name,
            new Clearance(
                level, caveats.stream().map(Caveat::new).collect(Collectors.toUnmodifiableSet())),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Arrays.stream(roles).collect(Collectors.toUnmodifiableSet()),
            Optional.of(hash),
            Optional.empty()),
        "admin");
  }

  /**
   * Channel BC with ends HAK and WH, and exchange OCT72 whose series HAKTO is sent by HAK and TOHAK
   * by WH: the October backchannel.
   */
  public void october() {
    store.createChannel("BC", "HAK", "WH", "admin");
    store.createExchange(
        new NewExchange(
            "BC",
            "OCT72",
            new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
            new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
        "admin");
  }

  /** A client with no identity. */
  public Http anonymous() {
    return new Http(url(), Map.of());
  }

  /** Where it serves. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client logged in with a bearer token. */
  public Http token(String name) {
    JsonNode answer = login(name, "token");
    return anonymous().with("Authorization", "Bearer " + answer.get("token").asText());
  }

  /** A client logged in with a browser session: its cookie and its CSRF token header. */
  public Http browser(String name) {
    Http.Answer a =
        anonymous()
            .post(
                "/api/login",
                "{\"name\":\""
                    + name
                    + "\",\"password\":\""
                    + PASSWORD
                    + "\",\"kind\":\"session\"}");
    if (a.status() != 200) {
      throw new AssertionError("login of " + name + " failed: " + a.body());
    }
    String cookie = a.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    return anonymous()
        .with("Cookie", cookie)
        .with(StationServer.CSRF_HEADER, a.json().get("csrfToken").asText());
  }

  private JsonNode login(String name, String kind) {
    Http.Answer a =
        anonymous()
            .post(
                "/api/login",
                "{\"name\":\""
                    + name
                    + "\",\"password\":\""
                    + PASSWORD
                    + "\",\"kind\":\""
                    + kind
                    + "\"}");
    if (a.status() != 200) {
      throw new AssertionError("login of " + name + " failed: " + a.body());
    }
    return a.json();
  }

  @Override
  public void close() {
    station.close();
  }
}
