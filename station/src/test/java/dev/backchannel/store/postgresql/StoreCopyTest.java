package dev.backchannel.store.postgresql;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static dev.backchannel.store.StoreFixtures.TOHAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.NewSession;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store copy} (issue 22): a station file's rows into an empty PostgreSQL database, the same
 * cables, hashes, receipts and events after, and a database that is not empty left untouched.
 */
class StoreCopyTest {
  @TempDir Path dir;

  private Path file;
  private final List<String> progress = new ArrayList<>();

  /** A station file with traffic both ways, receipts, a pass, a login and a draft. */
  @BeforeEach
  void station() {
    file = dir.resolve("station.db");
    try (Store s = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(s);
      UserInfo haig = s.createUser(StoreFixtures.user("haig"), "admin");
      UserInfo kissinger = s.createUser(StoreFixtures.user("kissinger"), "admin");
      UserInfo president = s.createUser(StoreFixtures.user("president"), "admin");
      s.putMember("BACKCHANNEL", "HAK", "kissinger", true, "admin");
      s.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
      List<StoredCable> hakto = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        hakto.add(
            s.release(
                new ReleaseRequest(
                    EXCHANGE,
                    HAKTO,
                    StoreFixtures.draft(
                            Precedence.IMMEDIATE,
                            Classification.SECRET,
                            "KISSINGER",
                            "HAIG",
                            "No " + i)
                        .toBuilder()
                        .passTo(dev.backchannel.cable.Person.named("PRESIDENT"))
                        .build(),
                    "kissinger")));
      }
      s.release(
          new ReleaseRequest(
              EXCHANGE,
              TOHAK,
              StoreFixtures.draft(
                  Precedence.FLASH, Classification.SECRET, "HAIG", "KISSINGER", "Yes"),
              "haig"));
      s.receipt(hakto.get(0).id(), haig.id(), ReceiptKind.OPENED, "cli", Optional.empty(), "haig");
      s.receipt(
          hakto.get(0).id(), haig.id(), ReceiptKind.ACKNOWLEDGED, "cli", Optional.empty(), "haig");
      s.pass(hakto.get(0).id(), haig.id(), president.id(), "haig");
      s.createSession(
          new NewSession(
              "hash-of-a-token",
              haig.id(),
              SessionKind.TOKEN,
              "csrf",
              Instant.now().plusSeconds(3600)),
          "127.0.0.1");
      s.createDraft(
          EXCHANGE,
          HAKTO,
          "HAK",
          kissinger.id(),
          "ROUTINE\nSECRET\nFROM: KISSINGER\nTO: HAIG\n\n1. A DRAFT.\n");
    }
  }

  @Test
  void aCopyHoldsTheSameCablesHashesReceiptsAndEventsAndNumbersOn() {
    StoreLocation.Postgres target = PostgresServer.shared().emptyDatabase();

    StoreCopy.Report report =
        StoreCopy.copy(
            file, target, (t, copied, total) -> progress.add(t + " " + copied + "/" + total));

    Snapshot before;
    try (Store s = SqliteStore.open(file, Clock.systemUTC())) {
      before = Snapshot.of(s);
    }
    try (Store s = open(target)) {
      Snapshot after = Snapshot.of(s);
      assertThat(after).isEqualTo(before);
      assertThat(report.cables()).isEqualTo(31);
      assertThat(report.rows())
          .containsEntry("cable", 31L)
          .containsEntry("event", (long) before.events().size());
      // the identities moved past the copied ids: the next release and event follow on
      StoredCable next =
          s.release(
              new ReleaseRequest(
                  EXCHANGE,
                  HAKTO,
                  StoreFixtures.draft(
                      Precedence.ROUTINE, Classification.SECRET, "KISSINGER", "HAIG", "On"),
                  "kissinger"));
      assertThat(next.designatorText()).isEqualTo("Hakto 31/WHS 32");
      assertThat(next.id()).isEqualTo(32);
    }
    assertThat(progress).contains("cable 31/31", "event 0/" + before.events().size());
  }

  @Test
  void aDatabaseHoldingAStationIsRefusedAndLeftAsItWas() {
    StoreLocation.Postgres target = PostgresServer.shared().freshDatabase();
    long events;
    try (Store s = open(target)) {
      StoreFixtures.setUp(s);
      events = s.lastEventId();
    }

    assertThatThrownBy(() -> StoreCopy.copy(file, target, (t, c, n) -> progress.add(t)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.CONFLICT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      target.describe()
                          + " is not empty: it holds station WHS (White House Situation Room);"
                          + " copy only into an empty database");
            });

    assertThat(progress).isEmpty();
    try (Store s = open(target)) {
      assertThat(s.lastEventId()).isEqualTo(events);
      assertThat(s.cables(Optional.empty(), 10)).isEmpty();
    }
  }

  @Test
  void aDatabaseHoldingOtherTablesIsRefused() {
    StoreLocation.Postgres target = PostgresServer.shared().emptyDatabase();
    PostgresServer.shared().executeIn(target.database(), "CREATE TABLE invoices (id INTEGER)");

    assertThatThrownBy(() -> StoreCopy.copy(file, target, (t, c, n) -> {}))
        .hasMessage(
            target.describe()
                + " is not empty: it holds tables that are not a station's (invoices); copy only"
                + " into an empty database");
    assertThat(PostgresServer.shared().tables(target.database())).containsExactly("invoices");
  }

  private static Store open(StoreLocation.Postgres target) {
    return PostgresStore.open(target, Clock.systemUTC(), StoreObserver.NONE, Objectives.defaults());
  }

  /** What a copy must keep: every cable as stored, its receipts, every event, the users. */
  private record Snapshot(
      List<String> cables, List<String> receipts, List<StoredEvent> events, List<UserInfo> users) {
    static Snapshot of(Store s) {
      List<StoredCable> cables = s.cables(Optional.of(EXCHANGE), 1_000);
      Function<StoredCable, String> cable =
          c -> c.id() + " " + c.designatorText() + " " + c.sha256() + " " + c.canonical();
      return new Snapshot(
          cables.stream().map(cable).sorted().toList(),
          cables.stream()
              .flatMap(c -> s.receipts(c.id()).stream().map(r -> c.id() + " " + r))
              .sorted()
              .toList(),
          s.events(0, 10_000),
          s.users());
    }
  }
}
