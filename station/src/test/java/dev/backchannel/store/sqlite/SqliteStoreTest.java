package dev.backchannel.store.sqlite;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static dev.backchannel.store.StoreFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.event.EventCodec;
import dev.backchannel.server.TestClock;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.ReleaseWarning;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreContract;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.Tiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store openFresh() {
    return SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC());
  }

  @Override
  protected Store openAgain() {
    return openFresh();
  }

  @Test
  void aSecondOpenOfAHeldFileIsRefused() {
    assertThatThrownBy(() -> SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC()))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.LOCKED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the station file "
                          + dir.resolve("station.db").toAbsolutePath()
                          + " is in use by another process (a running station or another"
                          + " command); stop it or give another --store");
            });
  }

  @Test
  void anObserverHearsOfEachDurableReleaseByPrecedenceAndOfTheTasksOfEachCommit() {
    store.close();
    List<Precedence> released = new CopyOnWriteArrayList<>();
    AtomicLong tasks = new AtomicLong();
    store =
        SqliteStore.open(
            dir.resolve("station.db"),
            Clock.systemUTC(),
            new StoreObserver() {
              @Override
              public void committed(int n, long transactionNanos, long commitNanos) {
                tasks.addAndGet(n);
              }

              @Override
              public void released(Precedence precedence) {
                released.add(precedence);
              }
            });
    long commitsBefore = store.stats().commits();

    store.release(new ReleaseRequest(EXCHANGE, HAKTO, draft("One."), "operator"));
    store.release(
        new ReleaseRequest(
            EXCHANGE,
            HAKTO,
            draft("Two.").toBuilder().precedence(Precedence.ROUTINE).build(),
            "operator"));

    assertThat(released).containsExactly(Precedence.FLASH, Precedence.ROUTINE);
    assertThat(tasks.get())
        .as("one task per release, each in a commit of its own here")
        .isEqualTo(store.stats().commits() - commitsBefore)
        .isEqualTo(2);
  }

  @Test
  void closeIsIdempotentAndReleasesTheFile() {
    store.close();
    store.close();

    store = openFresh();
    assertThat(store.station()).isPresent();
  }

  @Test
  void aRowChangedBehindTheStoresBackNoLongerRebuildsItsEvent() throws SQLException {
    store.createUser(StoreFixtures.user("HAIG"), "admin");
    store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
    StoredEvent put = store.events(0, 100).getLast();
    assertThat(store.rebuild(put.id()).map(EventCodec::encode)).contains(put.data());

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE end_member SET release_authority = 0");
    }

    assertThat(store.rebuild(put.id()).map(EventCodec::encode))
        .contains(put.data().replace("\"releaseAuthority\":true", "\"releaseAuthority\":false"));
  }

  @Test
  void theEventTableRefusesChangesToHistory() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE event SET actor = 'x'"))
          .hasMessageContaining("the event table is append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM event"))
          .hasMessageContaining("the event table is append-only");
    }
  }

  @Test
  void aNewStationFileHas4KiBPagesAndKeepsTheCableTextsAsText() throws SQLException {
    Cable hakto1 = draft("Text’s own.").toBuilder().designator(Designator.of(HAKTO, 1)).build();
    store.importCables(
        EXCHANGE,
        List.of(ImportRequest.of(hakto1, OptionalInt.of(7), "7. Edition’s text", "a.txt")),
        "operator");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement();
        ResultSet page = s.executeQuery("PRAGMA page_size")) {
      assertThat(page.getInt(1)).isEqualTo(4 * 1024);
      try (ResultSet row =
          s.executeQuery(
              "SELECT typeof(canonical), typeof(edition_text), edition_text, canonical FROM cable")) {
        assertThat(row.getString(1)).isEqualTo("text");
        assertThat(row.getString(2)).isEqualTo("text");
        assertThat(row.getString(3)).isEqualTo("7. Edition’s text");
        assertThat(row.getString(4)).isEqualTo(CanonicalText.render(hakto1));
      }
    }
  }

  @Test
  void aFileMadeWithLargerPagesKeepsThemAndWorks() throws SQLException {
    Path old = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 16384");
      s.execute("PRAGMA journal_mode = WAL");
    }

    try (Store opened = SqliteStore.open(old, Clock.systemUTC())) {
      StoreFixtures.setUp(opened);
      Cable hakto1 = draft("Text.").toBuilder().designator(Designator.of(HAKTO, 1)).build();
      opened.importCables(
          EXCHANGE,
          List.of(ImportRequest.of(hakto1, OptionalInt.empty(), "edition", "a.txt")),
          "operator");
      assertThat(opened.cable(EXCHANGE, HAKTO, 1).orElseThrow().cable()).isEqualTo(hakto1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement();
        ResultSet page = s.executeQuery("PRAGMA page_size")) {
      assertThat(page.getInt(1)).isEqualTo(16384);
    }
  }

  @Test
  void theSchemaVersionOpenedWithoutFlywayIsThatOfTheNewestMigration() throws Exception {
    int newest;
    try (var files =
        java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration/sqlite"))) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow();
    }

    assertThat(SqliteStore.SCHEMA_VERSION).isEqualTo(newest);
  }

  @Test
  void aFileFromBeforeTheEscalationQueueStillEscalatesWhatItHadDelivered() throws SQLException {
    Path file = dir.resolve("older.db");
    TestClock clock = new TestClock(Instant.parse("2026-11-25T09:00:00Z"));
    try (Store older = SqliteStore.open(file, clock)) {
      StoreFixtures.setUp(older);
      older.createUser(StoreFixtures.user("HAIG"), "admin");
      older.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
      older.release(
          new ReleaseRequest(
              EXCHANGE,
              HAKTO,
              StoreFixtures.draft(
                  Precedence.IMMEDIATE, Classification.SECRET, "KISSINGER", "HAIG", "Text."),
              "operator"));
    }
    // its delivery is in end_delivery only
    asVersion3(file);
    clock.advance(Duration.ofMinutes(30));

    try (Store migrated = SqliteStore.open(file, clock)) {
      List<Escalation> raised = migrated.escalate(clock.instant());

      assertThat(raised)
          .extracting(e -> e.stage() + " " + e.late())
          .containsExactly("DUTY_OFFICER [HAIG]");
    }
  }

  @Test
  void aFileFromBeforeTheAuditLogGivesEachOfItsEventsALeafInOrderOnce() throws SQLException {
    Path file = dir.resolve("older.db");
    try (Store older = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(older);
      older.createUser(StoreFixtures.user("HAIG"), "admin");
    }
    asVersion3(file);

    long events;
    try (Store migrated = SqliteStore.open(file, Clock.systemUTC())) {
      events = migrated.lastEventId();
      CompactTree tree = migrated.logTree();
      List<LoggedEvent> logged = migrated.logged(0, tree.size());

      assertThat(tree.size()).isEqualTo(events);
      assertThat(logged).extracting(l -> l.event().id()).isSorted().hasSize((int) events);
      assertThat(Tiles.root(logged.stream().map(l -> Rfc6962.leafHash(l.entry().bytes())).toList()))
          .isEqualTo(tree.root());
      migrated.createUser(StoreFixtures.user("SCOWCROFT"), "admin");
    }
    try (Store again = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(again.logTree().size()).isEqualTo(again.lastEventId()).isGreaterThan(events);
    }
  }

  @Test
  void aFileFromBeforeNameSkeletonsRefusesALookalikeOfANameItHeld() throws SQLException {
    Path file = dir.resolve("older.db");
    try (Store older = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(older);
      older.createUser(StoreFixtures.user("HAIG"), "admin");
    }
    asVersion3(file);

    try (Store migrated = SqliteStore.open(file, Clock.systemUTC())) {
      assertThatThrownBy(() -> migrated.createUser(StoreFixtures.user("HA\u0406G"), "admin"))
          .isInstanceOfSatisfying(
              StoreException.class,
              e -> assertThat(e.problem()).isEqualTo(StoreException.Problem.CONFLICT))
          .hasMessage(
              "a user named \"HA<U+0406>G\" would look like the user HAIG; a name names one user");
      assertThatThrownBy(() -> migrated.createChannel("BACK\u0421HANNEL", "A", "B", "admin"))
          .hasMessage(
              "a channel named \"BACK<U+0421>HANNEL\" would look like the channel BACKCHANNEL");
    }
  }

  @Test
  void aFileFromBeforeTheUnopenedIndexKnowsWhatItsReadersOpened() throws SQLException {
    Path file = dir.resolve("older.db");
    TestClock clock = new TestClock(Instant.parse("2026-11-25T09:00:00Z"));
    long kissinger;
    try (Store older = SqliteStore.open(file, clock)) {
      StoreFixtures.setUp(older);
      kissinger = older.createUser(StoreFixtures.user("KISSINGER"), "admin").id();
      older.createUser(StoreFixtures.user("HAIG"), "admin");
      older.putMember("BACKCHANNEL", "HAK", "KISSINGER", true, "admin");
      older.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
      for (String text : List.of("Opened.", "Not opened.")) {
        older.release(
            new ReleaseRequest(
                EXCHANGE,
                StoreFixtures.TOHAK,
                StoreFixtures.draft(
                    Precedence.ROUTINE, Classification.SECRET, "HAIG", "KISSINGER", text),
                "operator"));
      }
      long tohak1 = older.cable(EXCHANGE, StoreFixtures.TOHAK, 1).orElseThrow().id();
      older.receipt(tohak1, kissinger, ReceiptKind.OPENED, "test", Optional.empty(), "KISSINGER");
    }
    asVersion3(file);

    try (Store migrated = SqliteStore.open(file, clock)) {
      assertThatThrownBy(
              () ->
                  migrated.release(
                      new ReleaseRequest(
                          EXCHANGE,
                          HAKTO,
                          StoreFixtures.draft(
                              Precedence.ROUTINE,
                              Classification.SECRET,
                              "KISSINGER",
                              "HAIG",
                              "Reply."),
                          "KISSINGER",
                          Optional.of(kissinger),
                          Optional.empty(),
                          false)))
          .isInstanceOf(ReleaseWarning.class)
          .extracting(w -> ((ReleaseWarning) w).unread())
          .isEqualTo(List.of("Tohak 2"));
    }
  }

  @Test
  void aClosedStoreRefusesReadsAndWritesAsMisuse() {
    Store closed = SqliteStore.open(dir.resolve("closed.db"), Clock.systemUTC());
    closed.close();

    assertThatThrownBy(closed::station)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the station file " + dir.resolve("closed.db").toAbsolutePath() + " is closed");
    assertThatThrownBy(() -> release(closed)).isInstanceOf(IllegalStateException.class);
  }

  private static void release(Store store) {
    store.release(new ReleaseRequest(EXCHANGE, HAKTO, draft("Late."), "operator"));
  }

  @Test
  void anOpenWhoseMigrationFailsLeavesTheFileUnlockedForTheNextTry() throws SQLException {
    Path file = dir.resolve("clash.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      // the first migration creates this table: it fails
      s.execute("CREATE TABLE station (id INTEGER)");
    }

    Throwable first = catchThrowable(() -> SqliteStore.open(file, Clock.systemUTC()));
    Throwable second = catchThrowable(() -> SqliteStore.open(file, Clock.systemUTC()));

    assertThat(first).isNotNull().isNotInstanceOf(StoreException.class);
    assertThat(second)
        .as("the second try fails as the first did, not on the lock the first kept")
        .isNotInstanceOf(StoreException.class)
        .hasSameClassAs(first);
  }

  @Test
  void aFileFromBeforeDraftIdsWereKeptGivesNoReleasedDraftsIdAgain() throws SQLException {
    Path file = dir.resolve("older.db");
    long author;
    try (Store older = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(older);
      author = older.createUser(StoreFixtures.user("KISSINGER"), "admin").id();
      long id = older.createDraft(EXCHANGE, HAKTO, "HAK", author, "One.").id();
      older.release(
          new ReleaseRequest(
              EXCHANGE,
              HAKTO,
              draft("One."),
              "KISSINGER",
              Optional.empty(),
              Optional.of(id),
              true));
      assertThat(id).isEqualTo(1);
    }
    asVersion3(file);

    try (Store migrated = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(migrated.createDraft(EXCHANGE, HAKTO, "HAK", author, "Two.").id()).isEqualTo(2);
    }
  }

  /**
   * Takes a station file back to schema version 3, as the station before versions 4 to 9 left it:
   * no escalation queue, no index of unopened deliveries, draft ids that could be given again, no
   * columns for what events record beside their rows, no skeletons of names, no login attempts.
   */
  private static void asVersion3(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE escalation_due");
      s.execute("DROP INDEX delivery_unopened");
      s.execute("ALTER TABLE delivery DROP COLUMN opened_at");
      s.execute(
          "CREATE TABLE draft_plain (id INTEGER PRIMARY KEY, exchange_id INTEGER NOT NULL,"
              + " series_id INTEGER NOT NULL, end_id INTEGER NOT NULL, author_id INTEGER NOT NULL,"
              + " text TEXT NOT NULL, created_at INTEGER NOT NULL, saved_at INTEGER NOT NULL,"
              + " approved_by INTEGER, approved_at INTEGER)");
      s.execute("INSERT INTO draft_plain SELECT * FROM draft");
      s.execute("DROP TABLE draft");
      s.execute("ALTER TABLE draft_plain RENAME TO draft");
      s.execute("DELETE FROM sqlite_sequence WHERE name = 'draft'");
      s.execute("ALTER TABLE session DROP COLUMN address");
      s.execute("ALTER TABLE cable DROP COLUMN source");
      s.execute("ALTER TABLE escalation DROP COLUMN late");
      s.execute("ALTER TABLE escalation DROP COLUMN notified");
      for (String[] skeleton :
          List.of(
              new String[] {"user_account", "name_skeleton"},
              new String[] {"user_account", "addressed_as_skeleton"},
              new String[] {"channel", "name_skeleton"},
              new String[] {"channel_end", "name_skeleton"},
              new String[] {"exchange", "name_skeleton"},
              new String[] {"series", "name_skeleton"},
              new String[] {"caveat", "name_skeleton"})) {
        s.execute("DROP INDEX " + skeleton[0] + "_" + skeleton[1]);
        s.execute("ALTER TABLE " + skeleton[0] + " DROP COLUMN " + skeleton[1]);
      }
      s.execute("DROP TABLE cosignature");
      s.execute("DROP TABLE remote_receipt");
      s.execute("DROP TABLE relayed");
      s.execute("DROP TABLE relay_out");
      s.execute("DROP INDEX cable_relayed");
      s.execute("ALTER TABLE cable DROP COLUMN relayed_from");
      s.execute("ALTER TABLE cable DROP COLUMN received_number");
      s.execute("ALTER TABLE channel_end DROP COLUMN peer_id");
      s.execute("DROP TABLE peer");
      s.execute("DROP TABLE login_attempt");
      s.execute("DROP TABLE checkpoint");
      s.execute("DROP TABLE log_state");
      s.execute("DROP TABLE log_tile");
      s.execute("DROP INDEX event_leaf");
      s.execute("DROP INDEX event_cable");
      s.execute("DROP TRIGGER event_append_only_update");
      s.execute("ALTER TABLE event DROP COLUMN leaf_index");
      s.execute("ALTER TABLE event DROP COLUMN salt");
      s.execute(
          "CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event BEGIN SELECT"
              + " RAISE(ABORT, 'the event table is append-only'); END");
      s.execute(
          "DELETE FROM flyway_schema_history WHERE version IN ('4', '5', '6', '7', '8', '9',"
              + " '10', '11', '12')");
    }
  }
}
