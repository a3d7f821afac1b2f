package dev.backchannel.cli;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Precedence;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.sqlite.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G10 end to end: {@code backchannel serve} runs in a JVM of its own, an end with a backlog of held
 * cables is resumed over HTTP ({@code DELETE .../hold}) and the station is killed with SIGKILL a
 * moment later, as an attacker would; after {@code serve} is started again on the same file, the
 * clockwork finishes the resume: every held cable is delivered once to each reader of the end, by
 * precedence then release time (DESIGN 5.2), and the end is no longer held.
 */
class ServeCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final int BACKLOG = 300;
  private static final String PASSWORD = TestStation.PASSWORD;
  private static final String HOLD = "/api/channels/BACKCHANNEL/ends/WH/hold";
  private static final List<String> READERS = List.of("HAIG", "SCOWCROFT");

  /** How long after the resume was sent each timed round kills the station. */
  private static final List<Long> DELAYS_MS = List.of(20L, 60L, 100L, 200L);

  @TempDir Path dir;

  private final List<Process> children = new ArrayList<>();
  private int rounds;

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void killedDuringResumeOverHttpDeliversEveryCableOnceAfterRestart() throws Exception {
    Path station = backlog(dir.resolve("setup").resolve("station.db"));
    List<Outcome> outcomes = new ArrayList<>();
    for (long delay : DELAYS_MS) {
      outcomes.add(round(station, "killed " + delay + " ms after the resume", delay));
    }
    // a round that surely lands in the window: killed as soon as the first chunk is durable
    outcomes.add(round(station, "killed at the resume's first durable chunk", -1));
    outcomes.forEach(o -> System.out.println("ServeCrashTest: " + o));

    assertThat(outcomes)
        .as("rounds killed between the resume's first chunk and its last (the window of G10)")
        .anyMatch(Outcome::stranded);
  }

  /** What one round found right after the kill. */
  private record Outcome(
      String name, boolean acknowledged, boolean heldAfterKill, int deliveredAtKill) {
    boolean stranded() {
      return !heldAfterKill && deliveredAtKill < BACKLOG;
    }

    @Override
    public String toString() {
      return name
          + ": "
          + (acknowledged ? "resume answered 200" : "resume not answered")
          + ", end "
          + (heldAfterKill ? "still held" : "resumed")
          + ", "
          + deliveredAtKill
          + " of "
          + BACKLOG
          + " delivered at the kill";
    }
  }

  /**
   * One round on a copy of the station: serve, resume over HTTP, kill {@code delayMs} after (or at
   * the first delivered cable when negative), serve again until the clockwork is done, and check
   * the file.
   */
  private Outcome round(Path setUp, String name, long delayMs) throws Exception {
    Path roundDir = Files.createDirectories(dir.resolve("round-" + rounds++));
    Path file = roundDir.resolve("station.db");
    Files.copy(setUp, file);
    Path wal = setUp.resolveSibling(setUp.getFileName() + "-wal");
    if (Files.exists(wal)) {
      Files.copy(wal, file.resolveSibling(file.getFileName() + "-wal"));
    }

    ServeProcess first = serve(file, "PT1H", roundDir.resolve("first"));
    String token = login(first.url());
    CompletableFuture<HttpResponse<String>> resume =
        CLIENT.sendAsync(
            request(first.url(), token).DELETE().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (delayMs >= 0) {
      Thread.sleep(delayMs);
    } else {
      awaitFirstDelivery(file, resume);
    }
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    boolean acknowledged = resume.isDone() && !resume.isCompletedExceptionally();
    if (acknowledged) {
      assertThat(resume.getNow(null).statusCode())
          .as("%s: the resume's answer: %s", name, resume.getNow(null).body())
          .isEqualTo(200);
    }
    boolean held = heldSince(file) != null;
    int delivered = count(file, "SELECT COUNT(*) FROM end_delivery WHERE delivered_at IS NOT NULL");
    Outcome outcome = new Outcome(name, acknowledged, held, delivered);

    if (held) {
      // the station died before the resume was committed: nothing went out, nobody was told
      assertThat(acknowledged).as("%s: an answered resume is durable", outcome).isFalse();
      assertThat(delivered).as("%s: delivered from a held end", outcome).isZero();
    } else if (acknowledged) {
      assertThat(delivered).as("%s: an answered resume delivered all", outcome).isEqualTo(BACKLOG);
    }

    ServeProcess second = serve(file, "PT0.1S", roundDir.resolve("second"));
    if (held) {
      // the duty officer, seeing his end still held, resumes it again
      HttpResponse<String> again =
          CLIENT.send(
              request(second.url(), login(second.url())).DELETE().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(again.statusCode()).as("%s: resumed again", outcome).isEqualTo(200);
    }
    awaitDelivered(file, outcome);
    second.process().destroy();
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS))
        .as("%s: serve stops on SIGTERM", outcome)
        .isTrue();

    assertEveryCableDeliveredOnceInOrder(file, outcome);
    return outcome;
  }

  /**
   * A station WHS whose end WH (Haig, and Scowcroft its duty officer) is held with {@code BACKLOG}
   * cables of mixed precedence released to it from HAK, so that precedence order is not release
   * order.
   */
  private static Path backlog(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    String hash = TestStation.HASHER.hash(PASSWORD.toCharArray());
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
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
              new NewExchange.SeriesEnd(HAKTO, "HAK"),
              new NewExchange.SeriesEnd(StoreFixtures.TOHAK, "WH")),
          "admin");
      store.createUser(user("HAIG", Role.STAFF, hash), "admin");
      store.createUser(user("SCOWCROFT", Role.DUTY_OFFICER, hash), "admin");
      store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
      store.putMember("BACKCHANNEL", "WH", "SCOWCROFT", false, "admin");
      store.holdEnd("BACKCHANNEL", "WH", "SCOWCROFT");
      // from several threads, as the station releases: group commit makes it quick
      List<Future<?>> released = new ArrayList<>();
      try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < BACKLOG; i++) {
          Precedence p = precedence(i);
          String text = "Cable " + i;
          released.add(
              threads.submit(
                  () ->
                      store.release(
                          new ReleaseRequest(
                              EXCHANGE,
                              HAKTO,
                              StoreFixtures.draft(
                                  p, Classification.SECRET, "KISSINGER", "HAIG", text),
                              "operator"))));
        }
      }
      for (Future<?> r : released) {
        r.get();
      }
    }
    return file;
  }

  private static Precedence precedence(int i) {
    if (i % 50 == 7) {
      return Precedence.FLASH;
    }
    return switch (i % 10) {
      case 3 -> Precedence.IMMEDIATE;
      case 5, 6 -> Precedence.PRIORITY;
      default -> Precedence.ROUTINE;
    };
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
   * Starts {@code backchannel serve} on {@code file}, its clockwork ticking every {@code tick}; the
   * process is killed after the test.
   */
  private ServeProcess serve(Path file, String tick, Path logs) throws Exception {
    ServeProcess served =
        ServeProcess.start(file.toString(), dir, logs, Map.of("BACKCHANNEL_DELIVERY_TICK", tick));
    children.add(served.process());
    return served;
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url + HOLD))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30));
  }

  /** Scowcroft, WH's duty officer, logs in for a bearer token. */
  private static String login(String url) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of("name", "SCOWCROFT", "password", PASSWORD, "kind", "token"))))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as("login: %s", r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  /** Watches the file until a first cable is delivered, or the resume is answered. */
  private static void awaitFirstDelivery(Path file, CompletableFuture<?> resume)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline && !resume.isDone()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM end_delivery WHERE delivered_at IS NOT NULL)")) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        }
        Thread.sleep(1);
      }
    }
  }

  /** Waits, with a deadline, until the restarted station's clockwork has nothing left held. */
  private static void awaitDelivered(Path file, Outcome outcome) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int left = -1;
    while (System.nanoTime() < deadline) {
      left =
          count(file, "SELECT COUNT(*) FROM end_delivery WHERE delivered_at IS NULL")
              + count(file, "SELECT COUNT(*) FROM delivery WHERE delivered_at IS NULL");
      if (left == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        outcome + ": " + left + " deliveries still stranded 20 s after the restart (G10)");
  }

  private static void assertEveryCableDeliveredOnceInOrder(Path file, Outcome outcome)
      throws SQLException {
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      EndInfo wh =
          store.ends("BACKCHANNEL").stream()
              .filter(e -> e.name().equals("WH"))
              .findFirst()
              .orElseThrow();
      assertThat(wh.heldSince()).as("%s: WH held after the restart", outcome).isEmpty();
      List<StoredCable> cables = store.cables(Optional.of(EXCHANGE), 1_000);
      assertThat(cables).as("%s: the backlog", outcome).hasSize(BACKLOG);
      for (StoredCable c : cables) {
        assertThat(store.deliveredTo(c.id()).stream().map(UserInfo::name))
            .as("%s: readers %s was delivered to", outcome, c.designatorText())
            .containsExactlyInAnyOrderElementsOf(READERS);
      }
    }
    assertThat(
            count(
                file,
                "SELECT COUNT(*) FROM delivery d JOIN user_account u ON u.id = d.user_id WHERE"
                    + " d.delivered_at IS NOT NULL AND u.name IN ('HAIG', 'SCOWCROFT')"))
        .as("%s: deliveries to WH's readers", outcome)
        .isEqualTo(BACKLOG * READERS.size());
    assertThat(
            count(
                file,
                "SELECT COUNT(*) FROM receipt r JOIN user_account u ON u.id = r.user_id WHERE"
                    + " r.kind = 'DELIVERED' AND u.name IN ('HAIG', 'SCOWCROFT')"))
        .as("%s: DELIVERED receipts of WH's readers", outcome)
        .isEqualTo(BACKLOG * READERS.size());

    List<Delivered> order = deliveredInOrder(file);
    assertThat(order.stream().map(Delivered::cableId).distinct())
        .as("%s: cables with one DELIVERED event each", outcome)
        .hasSize(BACKLOG)
        .hasSameSizeAs(order);
    assertThat(order)
        .as("%s: delivered by precedence then release time (DESIGN 5.2)", outcome)
        .isSortedAccordingTo(
            Comparator.comparing(Delivered::precedence)
                .thenComparingLong(Delivered::releasedAt)
                .thenComparingLong(Delivered::cableId));
  }

  /** A DELIVERED event: the cable's precedence, release time and id. */
  private record Delivered(long cableId, Precedence precedence, long releasedAt) {}

  /** The DELIVERED events of the file in the order they were written. */
  private static List<Delivered> deliveredInOrder(Path file) throws SQLException {
    List<Delivered> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.id, c.precedence, c.released_at FROM event e JOIN cable c ON c.id ="
                    + " e.cable_id WHERE e.kind = 'DELIVERED' ORDER BY e.id")) {
      while (rs.next()) {
        out.add(new Delivered(rs.getLong(1), Precedence.valueOf(rs.getString(2)), rs.getLong(3)));
      }
    }
    return out;
  }

  private static String heldSince(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT e.held_since FROM channel_end e JOIN channel ch ON ch.id = e.channel_id"
                    + " WHERE ch.name = 'BACKCHANNEL' AND e.name = 'WH'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static int count(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
