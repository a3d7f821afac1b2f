package dev.backchannel.store.sqlite;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Precedence;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN 8: a separate JVM releasing a stream of cables is killed with {@code destroyForcibly};
 * every designator it printed as acknowledged is present after reopening, and the series is gapless
 * (G1, G10).
 */
class CrashTest {
  private static final int ACKS_BEFORE_KILL = 400;

  @TempDir Path dir;

  private Process start(String mode, Path file, String... more) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ReleaseStream.class.getName(),
                mode,
                file.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Cables for the clockwork's crash tests: more than one of its transactions takes. */
  private static final int BACKLOG = 1_500;

  /**
   * A station whose WH end has Haig alone, open one day a week and not today, and {@code BACKLOG}
   * cables of {@code precedence} released to him; answers when they were released.
   */
  private static Instant backlog(Path file, Precedence precedence, String handling)
      throws Exception {
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
      java.time.DayOfWeek notToday =
          java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().plus(2);
      NewUser h = StoreFixtures.user("HAIG");
      store.createUser(
          new NewUser(
              h.name(),
              h.addressedAs(),
              h.clearance(),
              h.timeZone(),
              OfficeHours.parse("08:00-18:00 " + notToday.name().substring(0, 3)),
              h.roles(),
              h.passwordHash(),
              java.util.Optional.empty()),
          "admin");
      store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
      Instant before = Instant.now();
      try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
        for (int i = 0; i < BACKLOG; i++) {
          String text = "Cable " + i;
          threads.submit(
              () ->
                  store.release(
                      new ReleaseRequest(
                          EXCHANGE,
                          HAKTO,
                          StoreFixtures.draft(
                                  precedence, Classification.SECRET, "KISSINGER", "HAIG", text)
                              .toBuilder()
                              .handling(new Handling(handling))
                              .build(),
                          "operator")));
        }
      }
      return before;
    }
  }

  /** Runs the clockwork's {@code mode} in a separate JVM as at {@code at}, killed soon after. */
  private void killedDuring(String mode, Path file, Instant at) throws Exception {
    Process child = start(mode, file, Long.toString(at.toEpochMilli()));
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("START");
      Thread.sleep(50);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static int count(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  @Test
  void anOpeningOfBusinessDeliveryKilledMidWayIsDoneOnceAfterARestart() throws Exception {
    Path file = dir.resolve("station.db");
    Instant released = backlog(file, Precedence.ROUTINE, "DELIVER OPENING OF BUSINESS");
    Instant open = released.plus(java.time.Duration.ofDays(8));

    killedDuring("deliver-due", file, open);
    int before = count(file, "SELECT COUNT(*) FROM delivery WHERE delivered_at IS NOT NULL");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.deliverDue(open)).hasSize(BACKLOG - before);
    }

    assertThat(before).as("delivered before the kill: all or nothing").isIn(0, BACKLOG);
    assertThat(count(file, "SELECT COUNT(*) FROM delivery WHERE delivered_at IS NOT NULL"))
        .isEqualTo(BACKLOG);
    assertThat(count(file, "SELECT COUNT(*) FROM receipt WHERE kind = 'DELIVERED'"))
        .isEqualTo(BACKLOG);
    assertThat(
            count(
                file, "SELECT COUNT(*) FROM event WHERE kind = 'DELIVERED' AND data LIKE '%HAIG%'"))
        .as("one DELIVERED event naming Haig a cable")
        .isEqualTo(BACKLOG);
  }

  @Test
  void anEscalationKilledMidWayRaisesEachStageOnceAfterARestart() throws Exception {
    Path file = dir.resolve("station.db");
    Instant released = backlog(file, Precedence.IMMEDIATE, "FOR INFORMATION");
    Instant late = released.plus(java.time.Duration.ofMinutes(45));

    killedDuring("escalate", file, late);
    int before = count(file, "SELECT COUNT(*) FROM escalation");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.escalate(late)).hasSize(BACKLOG - before);
      assertThat(store.escalate(late)).isEmpty();
    }

    assertThat(before).as("escalated before the kill").isLessThan(BACKLOG);
    assertThat(count(file, "SELECT COUNT(*) FROM escalation WHERE stage = 'DUTY_OFFICER'"))
        .isEqualTo(BACKLOG);
    assertThat(count(file, "SELECT COUNT(*) FROM event WHERE kind = 'ESCALATED'"))
        .isEqualTo(BACKLOG);
  }

  @Test
  void everyAcknowledgedReleaseSurvivesAKilledProcessAndTheSeriesIsGapless() throws Exception {
    Path file = dir.resolve("station.db");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
    }
    Process child = start("release", file);
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      List<Integer> serials = store.serials(EXCHANGE, HAKTO);
      assertThat(serials)
          .as("the series after the crash")
          .containsExactlyElementsOf(IntStream.rangeClosed(1, serials.size()).boxed().toList());
      for (String designator : acknowledged) {
        int serial =
            Integer.parseInt(designator.substring("Hakto ".length(), designator.indexOf('/')));
        assertThat(store.cable(EXCHANGE, HAKTO, serial))
            .as("acknowledged %s", designator)
            .hasValueSatisfying(c -> assertThat(c.designatorText()).isEqualTo(designator));
      }
    }
  }

  @Test
  void aResumeKilledBetweenItsChunksIsFinishedByTheClockworkEachCableOnceInOrder()
      throws Exception {
    Path file = dir.resolve("station.db");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
      store.createUser(StoreFixtures.user("HAIG"), "admin");
      store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
      store.holdEnd("BACKCHANNEL", "WH", "admin");
      for (int i = 0; i < 300; i++) {
        Precedence p = i >= 150 && i < 170 ? Precedence.IMMEDIATE : Precedence.ROUTINE;
        store.release(
            new ReleaseRequest(
                EXCHANGE,
                HAKTO,
                StoreFixtures.draft(p, Classification.SECRET, "KISSINGER", "HAIG", "Cable " + i),
                "operator"));
      }
    }
    Process child = start("resume", file);
    int first;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).startsWith("CHUNK ");
      first = Integer.parseInt(line.substring("CHUNK ".length()));
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(first).as("the first chunk: IMMEDIATE only").isBetween(1, 20);
    assertThat(deliveredToHaig(file)).as("delivered before the kill").hasSize(first);

    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.deliverDue(Instant.now())).hasSize(300 - first);
      assertThat(store.deliverDue(Instant.now())).isEmpty();
    }

    List<String> delivered = deliveredToHaig(file);
    assertThat(delivered).hasSize(300);
    assertThat(delivered.subList(0, 20)).allMatch(p -> p.equals("IMMEDIATE"));
    assertThat(delivered.subList(20, 300)).allMatch(p -> p.equals("ROUTINE"));
  }

  /**
   * The precedence of each cable delivered to Haig, in the order of its one DELIVERED event; a
   * cable delivered twice, or without its receipt, fails.
   */
  private static List<String> deliveredToHaig(Path file) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.precedence, (SELECT COUNT(*) FROM event x WHERE x.kind = 'DELIVERED'"
                    + " AND x.cable_id = e.cable_id), (SELECT COUNT(*) FROM receipt r JOIN"
                    + " user_account u ON u.id = r.user_id WHERE r.cable_id = e.cable_id AND"
                    + " r.kind = 'DELIVERED' AND u.name = 'HAIG') FROM event e JOIN cable c ON"
                    + " c.id = e.cable_id WHERE e.kind = 'DELIVERED' ORDER BY e.id")) {
      while (rs.next()) {
        assertThat(rs.getInt(2)).as("DELIVERED events of one cable").isEqualTo(1);
        assertThat(rs.getInt(3)).as("Haig's DELIVERED receipts of one cable").isEqualTo(1);
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void releasesGoOnWhileAnotherProcessOpensAndClosesTheFileToRead() throws Exception {
    // a backup or a read-only check opening and closing the file holds a lock for a moment: the
    // writer waits for it rather than failing every task of its transaction
    Path file = dir.resolve("station.db");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
      long author = store.createUser(StoreFixtures.user("KISSINGER"), "admin").id();
      Process peek = start("peek", file);
      try {
        assertThat(
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            peek.getInputStream(), StandardCharsets.UTF_8))
                    .readLine())
            .isEqualTo("PEEKING");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
          List<java.util.concurrent.Future<?>> releases = new ArrayList<>();
          for (int i = 0; i < 2_000; i++) {
            releases.add(
                pool.submit(
                    () -> {
                      long id =
                          store
                              .createDraft(
                                  StoreFixtures.EXCHANGE,
                                  StoreFixtures.HAKTO,
                                  "HAK",
                                  author,
                                  "Text.")
                              .id();
                      return store.release(
                          new ReleaseRequest(
                              StoreFixtures.EXCHANGE,
                              StoreFixtures.HAKTO,
                              StoreFixtures.draft("Text."),
                              "KISSINGER",
                              Optional.empty(),
                              Optional.of(id),
                              true));
                    }));
          }
          for (var r : releases) {
            r.get();
          }
        }
        assertThat(peek.isAlive()).as("the reader went on reading").isTrue();
      } finally {
        peek.destroyForcibly().waitFor();
      }
      assertThat(store.serials(StoreFixtures.EXCHANGE, StoreFixtures.HAKTO)).hasSize(2_000);
    }
  }

  @Test
  void aSecondProcessOpeningAHeldStoreIsRefused() throws Exception {
    Path file = dir.resolve("station.db");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.station()).isEmpty();
      Process other = start("open", file);
      String answer =
          new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(answer)
          .isEqualTo(
              "LOCKED: the station file "
                  + file.toAbsolutePath()
                  + " is in use by another process (a running station or another command);"
                  + " stop it or give another --store");
    }
  }
}
