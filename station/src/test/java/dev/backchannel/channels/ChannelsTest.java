package dev.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Operator;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Series;
import dev.backchannel.service.Refused;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of channels, ends, exchanges and caveats as {@link Channels} holds them, on a real
 * SQLite station file (channel BACKCHANNEL with ends HAK and WH, exchange OCT72): who may
 * administer them, and who may know of an exchange (G3).
 */
class ChannelsTest {
  @TempDir Path dir;

  private Store store;
  private Channels channels;

  @BeforeEach
  void setUp() {
    store = SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC(), StoreObserver.NONE);
    StoreFixtures.setUp(store);
    store.createUser(StoreFixtures.user("staff"), "admin");
    store.createUser(StoreFixtures.user("kissinger"), "admin");
    store.putMember("BACKCHANNEL", "HAK", "kissinger", true, "admin");
    channels = new Channels(store, new AccessPolicy());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Reader reader(String name) {
    UserInfo u = store.user(name).orElseThrow();
    return new Reader(u, store.memberships(u.id()));
  }

  /** Releases the fixtures' TOP SECRET cable from Kissinger to Haig in OCT72. */
  private void releaseToHaig() {
    store.release(
        new ReleaseRequest(
            StoreFixtures.EXCHANGE,
            StoreFixtures.HAKTO,
            StoreFixtures.draft("Meet me in Paris."),
            "operator"));
  }

  private static void assertRefused(
      ThrowingCallable call, Refused.Kind kind, String code, String field, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            Refused.class,
            r -> {
              assertThat(r.kind()).isEqualTo(kind);
              assertThat(r.code()).isEqualTo(code);
              assertThat(r.field()).isEqualTo(field);
              assertThat(r.getMessage()).isEqualTo(message);
            });
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertRefused(
        call, Refused.Kind.FORBIDDEN, "FORBIDDEN", "", "this needs the role ADMINISTRATOR");
  }

  private static NewExchange nov72() {
    return new NewExchange(
        "BACKCHANNEL",
        "NOV72",
        new NewExchange.SeriesEnd(new Series("HAKNO"), "HAK"),
        new NewExchange.SeriesEnd(new Series("NOHAK"), "WH"));
  }

  @Test
  void everyAdministrationIsRefusedToAUserWhoIsNoAdministrator() {
    Reader kissinger = reader("kissinger");

    assertForbidden(() -> channels.channels(kissinger));
    assertForbidden(() -> channels.createChannel(kissinger, "PARIS", List.of("HAK", "LDT")));
    assertForbidden(() -> channels.setSecondApproval(kissinger, "BACKCHANNEL", "HAK", true));
    assertForbidden(() -> channels.putMember(kissinger, "BACKCHANNEL", "WH", "staff", true));
    assertForbidden(() -> channels.removeMember(kissinger, "BACKCHANNEL", "HAK", "kissinger"));
    assertForbidden(() -> channels.createExchange(kissinger, nov72()));
    assertForbidden(() -> channels.addCaveat(kissinger, "talent keyhole"));

    assertThat(store.channels()).hasSize(1);
    assertThat(store.exchanges()).hasSize(1);
    assertThat(store.memberships(store.user("staff").orElseThrow().id())).isEmpty();
    assertThat(store.caveats().contains(new Caveat("TALENT KEYHOLE"))).isFalse();
  }

  @Test
  void createChannelRefusesAnythingButTwoEnds() {
    assertRefused(
        () -> channels.createChannel(reader("admin"), "PARIS", List.of("HAK", "LDT", "XUAN")),
        Refused.Kind.INVALID,
        "INVALID",
        "ends",
        "a channel has exactly two ends, not 3");
    assertThat(store.channels()).hasSize(1);
  }

  @Test
  void theOperatorAdministersWithoutBeingAUser() {
    Operator operator = new Operator();

    Channels.ChannelEnds paris = channels.createChannel(operator, "PARIS", List.of("HAK", "LDT"));
    EndInfo hak = channels.putMember(operator, "PARIS", "HAK", "kissinger", true);
    ExchangeInfo nov72 = channels.createExchange(operator, nov72());

    assertThat(paris.channel().name()).isEqualTo("PARIS");
    assertThat(paris.ends()).extracting(EndInfo::name).containsExactlyInAnyOrder("HAK", "LDT");
    assertThat(hak.members()).containsExactly(new EndInfo.Member("kissinger", true));
    assertThat(nov72.name()).isEqualTo("NOV72");
    assertThat(channels.channels(operator)).hasSize(2);
  }

  @Test
  void addCaveatRegistersTheCaveatUpperCaseForEveryone() {
    channels.addCaveat(reader("admin"), " talent keyhole ");

    assertThat(channels.caveats().contains(new Caveat("TALENT KEYHOLE"))).isTrue();
  }

  @Test
  void exchangesListsAnExchangeToAMemberOfItsChannelAndToAnAdministrator() {
    assertThat(channels.exchanges(reader("kissinger")))
        .extracting(ExchangeInfo::name)
        .containsExactly("OCT72");
    assertThat(channels.exchanges(reader("admin")))
        .extracting(ExchangeInfo::name)
        .containsExactly("OCT72");
  }

  @Test
  void exchangesHidesAnExchangeFromAUserOutsideItsChannelNamedOnNoneOfItsCables() {
    releaseToHaig();

    assertThat(channels.exchanges(reader("staff"))).isEmpty();
  }

  @Test
  void exchangesListsAnExchangeToAReaderOutsideItsChannelNamedOnACableOfIt() {
    store.createUser(StoreFixtures.user("haig"), "admin");
    assertThat(channels.exchanges(reader("haig"))).as("before any cable names him").isEmpty();

    releaseToHaig();

    assertThat(channels.exchanges(reader("haig")))
        .extracting(ExchangeInfo::name)
        .containsExactly("OCT72");
  }

  @Test
  void exchangesHidesAnExchangeFromAReaderNamedOnlyOnCablesAboveHisClearance() {
    store.createUser(
        NewUser.of(
            "haig",
            new Clearance(Classification.SECRET, Set.of()),
            ZoneId.of("UTC"),
            Set.of(Role.PRINCIPAL),
            Optional.of("$argon2id$haig"),
            Optional.empty()),
        "admin");

    releaseToHaig();

    assertThat(channels.exchanges(reader("haig"))).isEmpty();
  }
}
