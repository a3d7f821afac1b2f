package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.postgresql.PostgresServer;
import dev.backchannel.store.postgresql.PostgresStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Station processes ({@code backchannel serve}, each in a JVM of its own) on one PostgreSQL
 * database of the tests' embedded server: the October backchannel set up in it, processes started
 * and killed, requests sent to whichever one a test names, and the database read directly.
 */
final class StationNodes implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String PASSWORD = TestStation.PASSWORD;
  static final String EXCHANGE = "OCT72";

  private final Path dir;
  private final StoreLocation.Postgres database;
  private final List<Process> children = new ArrayList<>();
  private int started;

  /**
   * A fresh database holding station WHS, channel BACKCHANNEL (ends HAK and WH), exchange OCT72
   * (HAKTO sent by HAK, TOHAK by WH), Kissinger at HAK, Haig and Scowcroft (WH's duty officer) at
   * WH, each with {@link #PASSWORD}.
   */
  StationNodes(Path dir) {
    this.dir = dir;
    this.database = PostgresServer.shared().freshDatabase();
    String hash = TestStation.HASHER.hash(PASSWORD.toCharArray());
    try (Store store =
        PostgresStore.open(
            database, Clock.systemUTC(), StoreObserver.NONE, Objectives.defaults())) {
      store.initialise(
          new StationSetup(
              "WHS",
              "White House Situation Room",
              "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
              NewUser.of(
                  "admin",
                  new Clearance(Classification.TOP_SECRET, Set.of()),
                  ZoneId.of("UTC"),
                  Set.of(Role.ADMINISTRATOR),
                  Optional.of(hash),
                  Optional.empty())));
      store.createChannel("BACKCHANNEL", "HAK", "WH", "admin");
      store.createExchange(
          new NewExchange(
              "BACKCHANNEL",
              EXCHANGE,
              new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
              new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
          "admin");
      store.createUser(user("kissinger", Role.PRINCIPAL, hash), "admin");
      store.createUser(user("haig", Role.STAFF, hash), "admin");
      store.createUser(user("scowcroft", Role.DUTY_OFFICER, hash), "admin");
      store.putMember("BACKCHANNEL", "HAK", "kissinger", true, "admin");
      store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
      store.putMember("BACKCHANNEL", "WH", "scowcroft", false, "admin");
    }
  }

  private static NewUser user(String name, Role role, String hash) {
    return new NewUser(
        name,
        name,
        new Clearance(Classification.TOP_SECRET, Set.of()),
        ZoneId.of("UTC"),
        OfficeHours.DEFAULT,
        Set.of(role),
        Optional.of(hash),
        Optional.empty());
  }

  /**
   * Starts {@code backchannel serve --store postgresql://...} in a JVM of its own, on a free
   * loopback port, with {@code settings} as BACKCHANNEL_* variables; waits until it serves.
   */
  ServeProcess serve(Map<String, String> settings) throws Exception {
    ServeProcess node =
        ServeProcess.start(
            database.url(), dir, dir.resolve("node-" + started++), withUser(settings));
    children.add(node.process());
    return node;
  }

  private Map<String, String> withUser(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("BACKCHANNEL_STORE_USER", database.user());
    return all;
  }

  /** An answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  static Answer send(String method, String url, Optional<String> token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    HttpResponse<String> r =
        CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  /** Logs {@code name} in on {@code node} for a bearer token. */
  static String login(ServeProcess node, String name) throws Exception {
    Answer a = loginAttempt(node, name, PASSWORD);
    assertThat(a.status()).as("login of %s: %s", name, a.body()).isEqualTo(200);
    return a.json().get("token").asText();
  }

  static Answer loginAttempt(ServeProcess node, String name, String password) throws Exception {
    return send(
        "POST",
        node.url() + "/api/login",
        Optional.empty(),
        JSON.writeValueAsString(Map.of("name", name, "password", password, "kind", "token")));
  }

  /**
   * Drafts a cable on {@code drafting} and releases it on {@code releasing}, confirming past the
   * warning of G5; answers the release's answer.
   */
  static Answer release(
      ServeProcess drafting,
      ServeProcess releasing,
      String token,
      String precedence,
      String from,
      String to)
      throws Exception {
    Answer d =
        send(
            "POST",
            drafting.url() + "/api/drafts",
            Optional.of(token),
            JSON.writeValueAsString(
                Map.of(
                    "exchange",
                    EXCHANGE,
                    "text",
                    precedence
                        + "\nSECRET\nFROM: "
                        + from
                        + "\nTO: "
                        + to
                        + "\n\n1. A CABLE THROUGH TWO NODES.\n")));
    assertThat(d.status()).as("draft: %s", d.body()).isEqualTo(201);
    return send(
        "POST",
        releasing.url() + "/api/drafts/" + d.json().get("id").asLong() + "/release",
        Optional.of(token),
        "{\"confirm\":true}");
  }

  /** Runs a query on the database, answering the first column of each row as text. */
  List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                database.jdbcUrl(), database.user(), database.password().orElse(""));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  /** The serials of a series as stored, in order. */
  List<Integer> serials(String series) throws SQLException {
    return query(
            "SELECT c.serial FROM cable c JOIN series s ON s.id = c.series_id WHERE s.name = '"
                + series
                + "' ORDER BY c.serial")
        .stream()
        .map(Integer::valueOf)
        .toList();
  }

  /** The station serials given, in order. */
  List<Integer> stationSerials() throws SQLException {
    return query("SELECT station_number FROM cable ORDER BY station_number").stream()
        .map(Integer::valueOf)
        .toList();
  }

  /** The database session holding the clockwork's lock, if any: its process id. */
  Optional<String> clockworkHolder() throws SQLException {
    return query(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = "
                + 0x42434357L
                + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database())")
        .stream()
        .findFirst();
  }

  @Override
  public void close() {
    for (Process p : children) {
      p.destroyForcibly();
    }
    for (Process p : children) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
