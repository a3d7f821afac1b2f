package dev.backchannel.store;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static dev.backchannel.store.StoreFixtures.TOHAK;
import static dev.backchannel.store.StoreFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.event.Event;
import dev.backchannel.event.EventCodec;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.Tiles;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store backend keeps, written once: each backend's test extends it and says
 * how to open a fresh store.
 */
public abstract class StoreContract {
  protected Store store;

  /** A fresh, empty store of the backend under test. */
  protected abstract Store openFresh();

  /** Opens again the store {@link #openFresh} opened last, after it was closed. */
  protected abstract Store openAgain();

  /** Closes the store and opens it again. */
  private void reopen() {
    store.close();
    store = openAgain();
  }

  @BeforeEach
  void openAndSetUp() {
    store = openFresh();
    StoreFixtures.setUp(store);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private StoredCable release(Series series, Cable draft) {
    return store.release(new ReleaseRequest(EXCHANGE, series, draft, "operator"));
  }

  @Test
  void aUserCreatedEventNamesHisRolesInOneOrderWhateverTheSetsOrder() {
    Set<Role> roles = EnumSet.of(Role.STAFF, Role.DUTY_OFFICER, Role.PRINCIPAL);
    NewUser staff = StoreFixtures.user("SCOWCROFT");
    store.createUser(
        NewUser.of(
            staff.name(),
            staff.clearance(),
            staff.timeZone(),
            roles,
            staff.passwordHash(),
            Optional.empty()),
        "admin");

    assertThat(store.events(0, 100))
        .filteredOn(e -> e.kind().equals("USER_CREATED") && e.data().contains("SCOWCROFT"))
        .singleElement()
        .extracting(StoredEvent::data)
        .asString()
        .contains("\"roles\":\"DUTY_OFFICER,PRINCIPAL,STAFF\"");
  }

  @Test
  void aDraftIdIsNeverGivenAgainAfterItsDraftIsReleasedOrDiscarded() {
    long author = store.createUser(StoreFixtures.user("KISSINGER"), "admin").id();
    Draft discarded = store.createDraft(EXCHANGE, HAKTO, "HAK", author, "One.");
    store.discardDraft(discarded.id(), "KISSINGER");
    Draft released = store.createDraft(EXCHANGE, HAKTO, "HAK", author, "Two.");
    store.release(
        new ReleaseRequest(
            EXCHANGE,
            HAKTO,
            draft("Two."),
            "KISSINGER",
            Optional.empty(),
            Optional.of(released.id()),
            true));

    Draft next = store.createDraft(EXCHANGE, HAKTO, "HAK", author, "Three.");

    assertThat(released.id()).isGreaterThan(discarded.id());
    assertThat(next.id()).isGreaterThan(released.id());
    assertThat(store.draft(released.id())).isEmpty();
  }

  @Test
  void releaseAssignsNextSerialInSeriesAndTheNextStationSerial() {
    StoredCable first = release(HAKTO, draft("One."));
    StoredCable second = release(HAKTO, draft("Two."));
    StoredCable other = release(TOHAK, draft("Three."));

    assertThat(first.designatorText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(second.designatorText()).isEqualTo("Hakto 2/WHS 2");
    assertThat(other.designatorText()).isEqualTo("Tohak 1/WHS 3");
    assertThat(store.station().orElseThrow().stationSerial()).isEqualTo(3);
  }

  @Test
  void releaseFreezesDtgAndHashAndRecordsSeen() {
    release(TOHAK, draft("One."));
    release(TOHAK, draft("Two."));

    StoredCable released = release(HAKTO, draft("Reply."));

    assertThat(released.seen()).isEqualTo(OptionalInt.of(2));
    assertThat(released.releasedAt()).isPresent();
    assertThat(released.cable().dtg()).contains(Dtg.of(released.releasedAt().get()));
    assertThat(released.sha256()).isEqualTo(CanonicalText.sha256(released.cable()));
    assertThat(released.canonical()).isEqualTo(CanonicalText.render(released.cable()));
    StoredCable read = store.cable(EXCHANGE, HAKTO, 1).orElseThrow();
    assertThat(read).isEqualTo(released);
  }

  @Test
  void concurrentReleasesAreGaplessAndShareCommits() throws Exception {
    int threads = 8;
    int each = 1_000;
    long commitsBefore = store.stats().commits();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Integer>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                List<Integer> serials = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  Designator d =
                      release(HAKTO, draft("Cable " + i + ".")).cable().designator().get();
                  serials.add(d.numbered().orElseThrow().serial());
                }
                return serials;
              }));
    }
    List<Integer> all = new ArrayList<>();
    for (Future<List<Integer>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();

    assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
    assertThat(store.serials(EXCHANGE, HAKTO))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
    long commits = store.stats().commits() - commitsBefore;
    assertThat(store.stats().releases()).isEqualTo(threads * each);
    assertThat(commits)
        .as("commits for %d releases", threads * each)
        .isLessThan(threads * each / 2);
  }

  @Test
  void everyEventIsALeafOfTheAuditLogInOrderAndTheTilesHoldItsTree() throws Exception {
    int threads = 64;
    int each = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  release(HAKTO, draft("Cable " + i + "."));
                  // refused in its own savepoint, amid the others' releases
                  assertThatThrownBy(
                          () ->
                              release(HAKTO, StoreFixtures.draftReferring(Reference.to(TOHAK, 99))))
                      .isInstanceOf(StoreException.class);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    List<StoredEvent> events = store.events(0, 100_000);
    CompactTree tree = store.logTree();
    List<LoggedEvent> logged = store.logged(0, tree.size());
    List<Hash> leaves = logged.stream().map(l -> Rfc6962.leafHash(l.entry().bytes())).toList();
    assertThat(tree.size()).isEqualTo(events.size()).isGreaterThan(Tiles.WIDTH);
    assertThat(logged)
        .extracting(l -> l.event().id())
        .containsExactlyElementsOf(events.stream().map(StoredEvent::id).toList());
    assertThat(logged)
        .extracting(LoggedEvent::index)
        .containsExactlyElementsOf(LongStream.range(0, tree.size()).boxed().toList());
    assertThat(Tiles.root(leaves)).isEqualTo(tree.root());
    assertThat(store.logTile(0, 0)).isEqualTo(leaves.subList(0, Tiles.WIDTH));
    int tiles = (leaves.size() + Tiles.WIDTH - 1) / Tiles.WIDTH;
    assertThat(store.logTile(0, tiles - 1))
        .isEqualTo(leaves.subList((tiles - 1) * Tiles.WIDTH, leaves.size()));
    assertThat(store.logTile(1, 0))
        .hasSize(leaves.size() / Tiles.WIDTH)
        .startsWith(Tiles.root(leaves.subList(0, Tiles.WIDTH)));
    assertThat(Tiles.subtrees(store::logTile).hash(0, tree.size())).isEqualTo(tree.root());
  }

  @Test
  void theAuditLogIsReadBackAsItWasWhenTheStoreOpensAgain() {
    release(HAKTO, draft("One."));
    CompactTree before = store.logTree();
    reopen();

    assertThat(store.logTree()).isEqualTo(before);
    release(HAKTO, draft("Two."));
    CompactTree after = store.logTree();
    List<Hash> leaves =
        store.logged(0, after.size()).stream()
            .map(l -> Rfc6962.leafHash(l.entry().bytes()))
            .toList();
    assertThat(Tiles.root(leaves)).isEqualTo(after.root());
    assertThat(after.size()).isEqualTo(store.events(0, 10_000).size());
  }

  @Test
  void releaseReferringToNoCableStoresNothingAndWritesNoEvent() {
    release(TOHAK, draft("One."));
    long events = store.events(0, 10_000).size();

    assertThatThrownBy(() -> release(HAKTO, StoreFixtures.draftReferring(Reference.to(TOHAK, 99))))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.NOT_FOUND);
              assertThat(e.field()).isEqualTo("references");
              assertThat(e.getMessage()).isEqualTo("REF TOHAK 99 names no cable of exchange OCT72");
            });

    assertThat(store.events(0, 10_000)).hasSize((int) events);
    assertThat(store.cables(Optional.of(EXCHANGE), 100)).hasSize(1);
    assertThat(
            release(HAKTO, StoreFixtures.draftReferring(Reference.to(TOHAK, 1))).designatorText())
        .isEqualTo("Hakto 1/WHS 2");
  }

  @Test
  void releaseOfACableThatIsNoDraftIsRefused() {
    Cable numbered = draft("One.").toBuilder().designator(Designator.of(HAKTO, 7)).build();

    assertThatThrownBy(() -> release(HAKTO, numbered))
        .isInstanceOf(StoreException.class)
        .hasMessage("only a draft can be released; this cable already has the designator Hakto 7");
    assertThat(store.cables(Optional.empty(), 10)).isEmpty();
  }

  @Test
  void releaseIntoASeriesOfAnotherExchangeIsRefusedNamingTheSeries() {
    assertThatThrownBy(() -> release(new Series("SECTO"), draft("One.")))
        .isInstanceOf(StoreException.class)
        .hasMessage("SECTO is not a series of exchange OCT72; its series are HAKTO and TOHAK");
  }

  @Test
  void everyChangeAppendsAnEvent() {
    release(HAKTO, draft("One."));

    assertThat(store.events(0, 100))
        .extracting(StoredEvent::kind)
        .containsExactly(
            "STATION_INITIALISED",
            "USER_CREATED",
            "CHANNEL_CREATED",
            "EXCHANGE_CREATED",
            "CABLE_RELEASED",
            "DELIVERED");
    assertThat(store.events(0, 100).get(4).data()).contains("\"designator\":\"Hakto 1/WHS 1\"");
  }

  @Test
  void initialisingTwiceIsRefused() {
    assertThatThrownBy(() -> StoreFixtures.setUp(store))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.problem()).isEqualTo(StoreException.Problem.ALREADY_INITIALISED));
  }

  @Test
  void exchangeNamesAndChannelsAreChecked() {
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "NOPE",
                        "X",
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "WH")),
                    "admin"))
        .hasMessage("no channel named NOPE");
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "BACKCHANNEL",
                        EXCHANGE,
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "WH")),
                    "admin"))
        .hasMessage("an exchange named OCT72 exists already");
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "BACKCHANNEL",
                        "NOV72",
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "PARIS")),
                    "admin"))
        .hasMessage("channel BACKCHANNEL has no end named PARIS; its ends are HAK and WH");
    assertThat(store.exchange("NOV72")).isEmpty();
  }

  @Test
  void importSkipsDuplicatesAndReportsConflictsStoringNothingOfThem() {
    Cable hakto45 = draft("Printed text.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    Cable other = draft("Other text.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    Cable secto =
        draft("Text.").toBuilder().designator(Designator.of(new Series("SECTO"), 1)).build();

    List<ImportResult> results =
        store.importCables(
            EXCHANGE,
            List.of(
                ImportRequest.of(hakto45, OptionalInt.of(54), "edition", "a.txt"),
                ImportRequest.of(hakto45, OptionalInt.of(54), "edition", "b.txt"),
                ImportRequest.of(other, OptionalInt.of(55), "edition", "c.txt"),
                ImportRequest.of(secto, OptionalInt.empty(), "edition", "d.txt")),
            "operator");

    assertThat(results)
        .extracting(ImportResult::outcome)
        .containsExactly(
            ImportResult.Outcome.IMPORTED,
            ImportResult.Outcome.DUPLICATE,
            ImportResult.Outcome.CONFLICT,
            ImportResult.Outcome.REFUSED);
    assertThat(results.get(3).reason())
        .isEqualTo("SECTO is not a series of exchange OCT72; its series are HAKTO and TOHAK");
    StoredCable stored = store.cable(EXCHANGE, HAKTO, 45).orElseThrow();
    assertThat(stored.cable()).isEqualTo(hakto45);
    assertThat(stored.origin()).isEqualTo(StoredCable.Origin.IMPORTED);
    assertThat(stored.seen()).isEmpty();
    assertThat(stored.document()).hasValue(54);
    assertThat(store.cables(Optional.of(EXCHANGE), 10)).hasSize(1);
    assertThat(store.events(0, 100)).filteredOn(e -> e.kind().equals("CABLE_IMPORTED")).hasSize(1);
  }

  @Test
  void importKeepsEachCablesReadersAndReferencesWithItPastADuplicate() {
    Cable hakto1 = draft("First.").toBuilder().designator(Designator.of(HAKTO, 1)).build();
    Cable hakto2 =
        draft("Second.").toBuilder()
            .designator(Designator.of(HAKTO, 2))
            .info(Person.named("Scowcroft"))
            .reference(new Reference(TOHAK, 9, OptionalInt.empty(), Optional.empty()))
            .build();

    List<ImportResult> results =
        store.importCables(
            EXCHANGE,
            List.of(
                ImportRequest.of(hakto1, OptionalInt.empty(), "edition 1", "a.txt"),
                ImportRequest.of(hakto1, OptionalInt.empty(), "edition 1", "b.txt"),
                ImportRequest.of(hakto2, OptionalInt.empty(), "edition 2", "c.txt")),
            "operator");

    assertThat(results)
        .extracting(ImportResult::outcome)
        .containsExactly(
            ImportResult.Outcome.IMPORTED,
            ImportResult.Outcome.DUPLICATE,
            ImportResult.Outcome.IMPORTED);
    assertThat(store.cable(EXCHANGE, HAKTO, 1).orElseThrow().readers())
        .containsExactlyInAnyOrder("KISSINGER", "HAIG");
    assertThat(store.cable(EXCHANGE, HAKTO, 2).orElseThrow().readers())
        .containsExactlyInAnyOrder("KISSINGER", "HAIG", "SCOWCROFT");
    assertThat(store.cable(EXCHANGE, HAKTO, 2).orElseThrow().cable()).isEqualTo(hakto2);
    assertThat(store.unresolvedReferences(EXCHANGE)).containsExactly("Hakto 2 → TOHAK 9");
    assertThat(eventsOf("CABLE_IMPORTED"))
        .extracting(StoredEvent::data)
        .satisfiesExactly(
            a -> assertThat(a).contains("\"source\":\"a.txt\""),
            c -> assertThat(c).contains("\"source\":\"c.txt\""));
  }

  @Test
  void importedSerialsDoNotUseTheCounters() {
    Cable hakto45 = draft("Printed.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    store.importCables(
        EXCHANGE, List.of(ImportRequest.of(hakto45, OptionalInt.empty(), "", "a.txt")), "operator");

    assertThat(release(HAKTO, draft("Live.")).designatorText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(store.serials(EXCHANGE, HAKTO)).containsExactly(1, 45);
  }

  // ---- accounts, sessions, channels, caveats and cable lists ----

  private static final Instant FAR_FUTURE = Instant.parse("2099-01-02T03:04:05Z");

  private static StoreException storeException(Throwable t) {
    assertThat(t).isInstanceOf(StoreException.class);
    return (StoreException) t;
  }

  private static void assertProblem(
      Throwable thrown, StoreException.Problem problem, String field, String message) {
    StoreException e = storeException(thrown);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  private List<StoredEvent> eventsOf(String kind) {
    return store.events(0, 10_000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  private static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  private static UserChange change(
      Optional<String> addressedAs,
      Optional<Clearance> clearance,
      Optional<ZoneId> timeZone,
      Optional<OfficeHours> officeHours,
      Optional<Set<Role>> roles,
      Optional<Boolean> disabled) {
    return new UserChange(addressedAs, clearance, timeZone, officeHours, roles, disabled);
  }

  private static final UserChange NOTHING =
      change(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  private static UserChange disabling() {
    return change(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(true));
  }

  private static UserChange addressingAs(String addressedAs) {
    return change(
        Optional.of(addressedAs),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private UserInfo createUser(String name) {
    return store.createUser(StoreFixtures.user(name), "admin");
  }

  private void createSession(String tokenHash, UserInfo user) {
    store.createSession(
        new NewSession(tokenHash, user.id(), SessionKind.SESSION, "csrf-" + tokenHash, FAR_FUTURE),
        "192.0.2.1");
  }

  @Test
  void everyReadAfterAChangeOfTheDirectorySeesTheChange() {
    UserInfo haig = createUser("haig");
    createSession("token-1", haig);
    // read once each, so that a store keeping what it read would answer these again
    assertThat(store.session("token-1")).isPresent();
    assertThat(store.memberships(haig.id())).isEmpty();
    assertThat(store.ends("BACKCHANNEL").get(1).heldSince()).isEmpty();
    assertThat(store.user("haig").orElseThrow().disabled()).isFalse();

    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    store.revokeSession("token-1", "haig");
    store.updateUser(
        "haig",
        change(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(true)),
        "admin");

    assertThat(store.session("token-1")).isEmpty();
    assertThat(store.memberships(haig.id()))
        .containsExactly(new Membership("BACKCHANNEL", "WH", true));
    assertThat(store.ends("BACKCHANNEL").get(1).heldSince()).isPresent();
    assertThat(store.user("haig").orElseThrow().disabled()).isTrue();
    assertThat(store.users())
        .filteredOn(UserInfo::disabled)
        .extracting(UserInfo::name)
        .containsExactly("haig");
  }

  @Test
  void usersListsEveryUserByNameWithTheAdministratorFromSetUp() {
    createUser("rogers");
    createUser("haig");
    createUser("kissinger");

    assertThat(store.users())
        .extracting(UserInfo::name)
        .containsExactly("admin", "haig", "kissinger", "rogers");
    UserInfo admin = store.users().get(0);
    assertThat(admin.addressedAs()).isEqualTo("ADMIN");
    assertThat(admin.roles()).containsExactly(Role.ADMINISTRATOR);
    assertThat(admin.disabled()).isFalse();
  }

  @Test
  void aCreatedUserRoundTripsAddressedAsUpperCasedOfficeHoursTimeZoneAndRoles() {
    UserInfo created =
        store.createUser(
            new NewUser(
                "haig",
                " Alexander Haig ",
                new Clearance(Classification.SECRET, Set.of(new Caveat("OUTSIDE THE SYSTEM"))),
                ZoneId.of("America/New_York"),
                OfficeHours.parse("07:00-19:00 MON-SAT"),
                Set.of(Role.STAFF, Role.DUTY_OFFICER),
                Optional.of("$argon2id$haig"),
                Optional.empty()),
            "admin");

    assertThat(created.name()).isEqualTo("haig");
    assertThat(created.addressedAs()).isEqualTo("ALEXANDER HAIG");
    assertThat(created.clearance())
        .isEqualTo(new Clearance(Classification.SECRET, Set.of(new Caveat("OUTSIDE THE SYSTEM"))));
    assertThat(created.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(created.officeHours()).isEqualTo(OfficeHours.parse("07:00-19:00 MON-SAT"));
    assertThat(created.roles()).containsExactlyInAnyOrder(Role.STAFF, Role.DUTY_OFFICER);
    assertThat(created.disabled()).isFalse();
    assertThat(store.user("haig")).contains(created);
    assertThat(store.user("HAIG")).as("looked up in another case").contains(created);
    assertThat(store.users()).contains(created);
  }

  @Test
  void creatingAUserWhoseNameIsTakenInAnyCaseIsAConflict() {
    assertThatThrownBy(() -> createUser("ADMIN"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "name",
                    "a user named ADMIN exists already"));
    assertThat(store.users()).hasSize(1);
  }

  @Test
  void creatingAUserWithABlankAddressedAsIsInvalidAndStoresNothing() {
    long events = store.events(0, 10_000).size();
    NewUser blank =
        new NewUser(
            "haig",
            "   ",
            new Clearance(Classification.SECRET, Set.of()),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Set.of(Role.STAFF),
            Optional.of("$argon2id$haig"),
            Optional.empty());

    assertThatThrownBy(() -> store.createUser(blank, "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.INVALID,
                    "addressedAs",
                    "the name cables address a user by cannot be blank"));
    assertThat(store.user("haig")).isEmpty();
    assertThat(store.events(0, 10_000)).hasSize((int) events);
  }

  @Test
  void creatingAUserAddressedAsAnotherUserIsAConflict() {
    createUser("haig");
    NewUser alsoHaig =
        new NewUser(
            "ahaig",
            "haig",
            new Clearance(Classification.SECRET, Set.of()),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Set.of(Role.STAFF),
            Optional.of("$argon2id$ahaig"),
            Optional.empty());

    assertThatThrownBy(() -> store.createUser(alsoHaig, "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "addressedAs",
                    "cables address haig as HAIG already; a name names one user"));
    assertThat(store.user("ahaig")).isEmpty();
  }

  @Test
  void updatingAUserToTheAddressedAsOfAnotherIsAConflictAndToHisOwnIsNot() {
    createUser("haig");
    UserInfo rogers = createUser("rogers");

    assertThatThrownBy(() -> store.updateUser("rogers", addressingAs("Haig"), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "addressedAs",
                    "cables address haig as HAIG already; a name names one user"));
    assertThat(store.user("rogers")).contains(rogers);
    assertThat(store.updateUser("rogers", addressingAs("rogers"), "admin")).isEqualTo(rogers);
  }

  @Test
  void updateUserChangesTheAddressedAsAloneUpperCasingIt() {
    UserInfo before = createUser("haig");

    UserInfo after = store.updateUser("haig", addressingAs(" Al Haig "), "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "AL HAIG",
            before.clearance(),
            before.timeZone(),
            before.officeHours(),
            before.roles(),
            false);
    assertThat(after).isEqualTo(expected);
    assertThat(store.user("haig")).contains(expected);
  }

  @Test
  void updateUserChangesTheClearanceAlone() {
    UserInfo before = createUser("haig");
    Clearance clearance = new Clearance(Classification.CONFIDENTIAL, Set.of(new Caveat("NODIS")));

    UserInfo after =
        store.updateUser(
            "haig",
            change(
                Optional.empty(),
                Optional.of(clearance),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "HAIG",
            clearance,
            before.timeZone(),
            before.officeHours(),
            before.roles(),
            false);
    assertThat(after).isEqualTo(expected);
    assertThat(store.user("haig")).contains(expected);
  }

  @Test
  void updateUserChangesTheTimeZoneAlone() {
    UserInfo before = createUser("haig");

    UserInfo after =
        store.updateUser(
            "haig",
            change(
                Optional.empty(),
                Optional.empty(),
                Optional.of(ZoneId.of("Asia/Saigon")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "HAIG",
            before.clearance(),
            ZoneId.of("Asia/Saigon"),
            before.officeHours(),
            before.roles(),
            false);
    assertThat(after).isEqualTo(expected);
    assertThat(store.user("haig")).contains(expected);
  }

  @Test
  void updateUserChangesTheOfficeHoursAlone() {
    UserInfo before = createUser("haig");
    OfficeHours hours = OfficeHours.parse("09:00-17:00 MON,WED,FRI");

    UserInfo after =
        store.updateUser(
            "haig",
            change(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(hours),
                Optional.empty(),
                Optional.empty()),
            "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "HAIG",
            before.clearance(),
            before.timeZone(),
            hours,
            before.roles(),
            false);
    assertThat(after).isEqualTo(expected);
    assertThat(store.user("haig")).contains(expected);
  }

  @Test
  void updateUserChangesTheRolesAloneEvenToNone() {
    UserInfo before = createUser("haig");

    UserInfo after =
        store.updateUser(
            "haig",
            change(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Set.of(Role.PRINCIPAL, Role.RECORDS_OFFICER)),
                Optional.empty()),
            "admin");
    UserInfo none =
        store.updateUser(
            "haig",
            change(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Set.of()),
                Optional.empty()),
            "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "HAIG",
            before.clearance(),
            before.timeZone(),
            before.officeHours(),
            Set.of(Role.PRINCIPAL, Role.RECORDS_OFFICER),
            false);
    assertThat(after).isEqualTo(expected);
    assertThat(none.roles()).isEmpty();
    assertThat(store.user("haig").orElseThrow().roles()).isEmpty();
  }

  @Test
  void updateUserChangesDisabledAlone() {
    UserInfo before = createUser("haig");

    UserInfo after = store.updateUser("haig", disabling(), "admin");

    UserInfo expected =
        new UserInfo(
            before.id(),
            "haig",
            "HAIG",
            before.clearance(),
            before.timeZone(),
            before.officeHours(),
            before.roles(),
            true);
    assertThat(after).isEqualTo(expected);
    assertThat(store.user("haig")).contains(expected);
  }

  @Test
  void updateUserWithNothingToChangeIsInvalidAndAppendsNoEvent() {
    createUser("haig");
    long events = store.events(0, 10_000).size();

    assertThatThrownBy(() -> store.updateUser("haig", NOTHING, "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e, StoreException.Problem.INVALID, "user", "nothing to change for user haig"));
    assertThat(store.events(0, 10_000)).hasSize((int) events);
  }

  @Test
  void updateUserOfAnUnknownUserIsNotFound() {
    assertThatThrownBy(() -> store.updateUser("nobody", disabling(), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e, StoreException.Problem.NOT_FOUND, "user", "there is no user nobody"));
  }

  @Test
  void updateUserRefusesABlankAddressedAsAndKeepsTheUser() {
    UserInfo before = createUser("haig");
    long events = store.events(0, 10_000).size();

    assertThatThrownBy(() -> store.updateUser("haig", addressingAs("   "), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.INVALID,
                    "addressedAs",
                    "the name cables address a user by cannot be blank"));
    assertThat(store.user("haig")).contains(before);
    assertThat(store.events(0, 10_000)).hasSize((int) events);
  }

  @Test
  void disablingAUserRevokesEverySessionOfHisAndNoOneElses() {
    UserInfo haig = createUser("haig");
    UserInfo admin = store.user("admin").orElseThrow();
    createSession(hash('a'), haig);
    createSession(hash('b'), haig);
    createSession(hash('c'), admin);

    store.updateUser("haig", disabling(), "admin");

    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).isEmpty();
    assertThat(store.session(hash('c'))).isPresent();
  }

  @Test
  void everyUserUpdateAppendsAUserChangedEventWithTheActor() {
    createUser("haig");

    store.updateUser("haig", addressingAs("Al"), "admin");
    store.updateUser("HAIG", disabling(), "kissinger");

    List<StoredEvent> changed = eventsOf("USER_CHANGED");
    assertThat(changed).extracting(StoredEvent::actor).containsExactly("admin", "kissinger");
    assertThat(changed.get(0).data()).contains("\"user\":\"haig\"", "\"addressedAs\":\"AL\"");
    assertThat(changed.get(1).data()).contains("\"user\":\"haig\"", "\"disabled\":true");
  }

  @Test
  void credentialsHoldThePasswordHashAndTheSetupTokenHashAsStored() {
    UserInfo haig = createUser("haig");
    store.createUser(
        NewUser.of(
            "rogers",
            new Clearance(Classification.SECRET, Set.of()),
            ZoneId.of("UTC"),
            Set.of(Role.STAFF),
            Optional.empty(),
            Optional.of(hash('f'))),
        "admin");

    Credentials withPassword = store.credentials("haig").orElseThrow();
    Credentials withToken = store.credentials("ROGERS").orElseThrow();

    assertThat(withPassword.user()).isEqualTo(haig);
    assertThat(withPassword.passwordHash()).contains("$argon2id$haig");
    assertThat(withPassword.setupTokenHash()).isEmpty();
    assertThat(withToken.user().name()).isEqualTo("rogers");
    assertThat(withToken.passwordHash()).isEmpty();
    assertThat(withToken.setupTokenHash()).contains(hash('f'));
    assertThat(store.credentials("nobody")).isEmpty();
  }

  @Test
  void setPasswordReplacesTheHashRetiresTheSetupTokenAndAppendsPasswordSet() {
    store.createUser(
        NewUser.of(
            "rogers",
            new Clearance(Classification.SECRET, Set.of()),
            ZoneId.of("UTC"),
            Set.of(Role.STAFF),
            Optional.empty(),
            Optional.of(hash('f'))),
        "admin");

    store.setPassword("rogers", "$argon2id$new", "rogers");

    Credentials c = store.credentials("rogers").orElseThrow();
    assertThat(c.passwordHash()).contains("$argon2id$new");
    assertThat(c.setupTokenHash()).isEmpty();
    List<StoredEvent> set = eventsOf("PASSWORD_SET");
    assertThat(set).singleElement().extracting(StoredEvent::actor).isEqualTo("rogers");
    assertThat(set.get(0).data()).contains("\"user\":\"rogers\"").doesNotContain("$argon2id");
  }

  @Test
  void setPasswordRevokesEverySessionOfTheUserAndNoOneElses() {
    UserInfo haig = createUser("haig");
    createSession(hash('a'), haig);
    createSession(hash('b'), haig);
    createSession(hash('c'), store.user("admin").orElseThrow());

    store.setPassword("haig", "$argon2id$new", "admin");

    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).isEmpty();
    assertThat(store.session(hash('c'))).isPresent();
  }

  @Test
  void setPasswordOfAnUnknownUserIsNotFound() {
    assertThatThrownBy(() -> store.setPassword("nobody", "$argon2id$x", "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e, StoreException.Problem.NOT_FOUND, "user", "there is no user nobody"));
    assertThat(eventsOf("PASSWORD_SET")).isEmpty();
  }

  @Test
  void aCreatedSessionIsFoundByItsHashWithItsUserKindCsrfTokenAndExpiry() {
    UserInfo haig = createUser("haig");

    store.createSession(
        new NewSession(hash('a'), haig.id(), SessionKind.TOKEN, "csrf-1", FAR_FUTURE), "192.0.2.1");

    SessionInfo s = store.session(hash('a')).orElseThrow();
    assertThat(s)
        .isEqualTo(new SessionInfo(hash('a'), haig, SessionKind.TOKEN, "csrf-1", FAR_FUTURE));
    assertThat(store.session(hash('b'))).isEmpty();
  }

  @Test
  void anExpiredSessionIsStillReturnedForTheCallerToCheck() {
    UserInfo haig = createUser("haig");
    Instant past = Instant.parse("2001-01-01T00:00:00Z");

    store.createSession(
        new NewSession(hash('a'), haig.id(), SessionKind.SESSION, "csrf", past), "192.0.2.1");

    assertThat(store.session(hash('a')))
        .hasValueSatisfying(s -> assertThat(s.expiresAt()).isEqualTo(past));
  }

  @Test
  void aSessionShowsItsUserAsHeIsNow() {
    UserInfo haig = createUser("haig");
    createSession(hash('a'), haig);

    store.updateUser("haig", addressingAs("Al Haig"), "admin");

    assertThat(store.session(hash('a')).orElseThrow().user().addressedAs()).isEqualTo("AL HAIG");
  }

  @Test
  void aRevokedSessionIsNoLongerFound() {
    UserInfo haig = createUser("haig");
    createSession(hash('a'), haig);
    createSession(hash('b'), haig);

    store.revokeSession(hash('a'), "haig");

    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).as("his other session").isPresent();
  }

  @Test
  void revokingASessionTwiceOrAnUnknownHashDoesNothingAndAppendsOneLogout() {
    UserInfo haig = createUser("haig");
    createSession(hash('a'), haig);

    store.revokeSession(hash('a'), "haig");
    store.revokeSession(hash('a'), "haig");
    store.revokeSession(hash('z'), "haig");

    assertThat(store.session(hash('a'))).isEmpty();
    List<StoredEvent> logouts = eventsOf("LOGOUT");
    assertThat(logouts).singleElement().extracting(StoredEvent::actor).isEqualTo("haig");
    assertThat(logouts.get(0).data()).contains("\"user\":\"haig\"");
  }

  @Test
  void revokingAnotherUsersSessionRecordsTheActorAndWhoseSessionItWas() {
    UserInfo haig = createUser("haig");
    createSession(hash('a'), haig);

    store.revokeSession(hash('a'), "admin");

    StoredEvent logout = eventsOf("LOGOUT").get(0);
    assertThat(logout.actor()).isEqualTo("admin");
    assertThat(logout.data()).contains("\"user\":\"haig\"");
  }

  @Test
  void createSessionAppendsALoginEventByTheUserWithTheAddress() {
    UserInfo haig = createUser("haig");

    store.createSession(
        new NewSession(hash('a'), haig.id(), SessionKind.TOKEN, "csrf", FAR_FUTURE), "203.0.113.7");

    List<StoredEvent> logins = eventsOf("LOGIN");
    assertThat(logins).singleElement().extracting(StoredEvent::actor).isEqualTo("haig");
    assertThat(logins.get(0).data())
        .contains("\"user\":\"haig\"", "\"kind\":\"TOKEN\"", "\"address\":\"203.0.113.7\"")
        .doesNotContain(hash('a'));
  }

  @Test
  void createSessionForAnUnknownUserIsNotFound() {
    assertThatThrownBy(
            () ->
                store.createSession(
                    new NewSession(hash('a'), 999, SessionKind.SESSION, "csrf", FAR_FUTURE),
                    "192.0.2.1"))
        .satisfies(
            e ->
                assertProblem(e, StoreException.Problem.NOT_FOUND, "user", "there is no user 999"));
    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(eventsOf("LOGIN")).isEmpty();
  }

  @Test
  void channelsAreListedByName() {
    store.createChannel("ZULU", "Z1", "Z2", "admin");
    store.createChannel("ALPHA", "A1", "A2", "admin");

    assertThat(store.channels())
        .extracting(ChannelInfo::name)
        .containsExactly("ALPHA", "BACKCHANNEL", "ZULU");
    assertThat(store.channels().get(1).ends()).containsExactly("HAK", "WH");
  }

  @Test
  void endsGivesBothEndsWithTheirMembersByUserAndReleaseAuthority() {
    createUser("kissinger");
    createUser("haig");
    createUser("lord");
    createUser("scowcroft");
    store.putMember("BACKCHANNEL", "HAK", "lord", false, "admin");
    store.putMember("BACKCHANNEL", "HAK", "kissinger", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "scowcroft", false, "admin");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");

    assertThat(store.ends("backchannel"))
        .containsExactly(
            new EndInfo(
                "BACKCHANNEL",
                "HAK",
                false,
                List.of(new EndInfo.Member("kissinger", true), new EndInfo.Member("lord", false)),
                Optional.empty()),
            new EndInfo(
                "BACKCHANNEL",
                "WH",
                false,
                List.of(new EndInfo.Member("haig", true), new EndInfo.Member("scowcroft", false)),
                Optional.empty()));
  }

  @Test
  void endsOfAChannelWithoutMembersAreEmpty() {
    assertThat(store.ends("BACKCHANNEL"))
        .containsExactly(
            new EndInfo("BACKCHANNEL", "HAK", false, List.of(), Optional.empty()),
            new EndInfo("BACKCHANNEL", "WH", false, List.of(), Optional.empty()));
  }

  @Test
  void putMemberAddsAndASecondPutChangesTheReleaseAuthorityWithoutADuplicate() {
    createUser("haig");

    EndInfo added = store.putMember("BACKCHANNEL", "WH", "haig", false, "admin");
    EndInfo changed = store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");

    assertThat(added.members()).containsExactly(new EndInfo.Member("haig", false));
    assertThat(changed.members()).containsExactly(new EndInfo.Member("haig", true));
    assertThat(store.ends("BACKCHANNEL").get(1).members())
        .containsExactly(new EndInfo.Member("haig", true));
  }

  @Test
  void aUserCannotBeAMemberOfBothEndsOfAChannel() {
    createUser("haig");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    long events = store.events(0, 10_000).size();

    assertThatThrownBy(() -> store.putMember("BACKCHANNEL", "HAK", "haig", false, "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "user",
                    "haig is a member of the other end WH of channel BACKCHANNEL; a user belongs"
                        + " to one end of a channel"));
    assertThat(store.ends("BACKCHANNEL").get(0).members()).isEmpty();
    assertThat(store.events(0, 10_000)).hasSize((int) events);
  }

  @Test
  void aUserMayBeAMemberOfEndsOfTwoChannels() {
    UserInfo haig = createUser("haig");
    store.createChannel("OTHER", "A", "B", "admin");

    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    store.putMember("OTHER", "A", "haig", false, "admin");

    assertThat(store.memberships(haig.id()))
        .containsExactly(
            new Membership("BACKCHANNEL", "WH", true), new Membership("OTHER", "A", false));
  }

  @Test
  void removeMemberTakesTheUserOffTheEnd() {
    createUser("haig");
    createUser("scowcroft");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "scowcroft", false, "admin");

    EndInfo after = store.removeMember("BACKCHANNEL", "WH", "haig", "admin");

    assertThat(after.members()).containsExactly(new EndInfo.Member("scowcroft", false));
    assertThat(store.ends("BACKCHANNEL").get(1)).isEqualTo(after);
    assertThat(store.memberships(store.user("haig").orElseThrow().id())).isEmpty();
  }

  @Test
  void removingANonMemberIsNotFound() {
    createUser("haig");
    store.putMember("BACKCHANNEL", "HAK", "haig", false, "admin");

    assertThatThrownBy(() -> store.removeMember("BACKCHANNEL", "WH", "haig", "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.NOT_FOUND,
                    "user",
                    "haig is not a member of end WH of channel BACKCHANNEL"));
    assertThat(eventsOf("MEMBER_REMOVED")).isEmpty();
  }

  @Test
  void membershipChangesNameAnUnknownChannelEndOrUser() {
    createUser("haig");
    String noChannel = "there is no channel NOPE";
    String noEnd = "channel BACKCHANNEL has no end PARIS; its ends are HAK and WH";
    String noUser = "there is no user nobody";

    assertThatThrownBy(() -> store.ends("NOPE"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "channel", noChannel));
    assertThatThrownBy(() -> store.putMember("NOPE", "WH", "haig", false, "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "channel", noChannel));
    assertThatThrownBy(() -> store.putMember("BACKCHANNEL", "PARIS", "haig", false, "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "end", noEnd));
    assertThatThrownBy(() -> store.putMember("BACKCHANNEL", "WH", "nobody", false, "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "user", noUser));
    assertThatThrownBy(() -> store.removeMember("NOPE", "WH", "haig", "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "channel", noChannel));
    assertThatThrownBy(() -> store.removeMember("BACKCHANNEL", "PARIS", "haig", "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "end", noEnd));
    assertThatThrownBy(() -> store.removeMember("BACKCHANNEL", "WH", "nobody", "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "user", noUser));
    assertThatThrownBy(() -> store.setSecondApproval("NOPE", "WH", true, "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "channel", noChannel));
    assertThatThrownBy(() -> store.setSecondApproval("BACKCHANNEL", "PARIS", true, "admin"))
        .satisfies(e -> assertProblem(e, StoreException.Problem.NOT_FOUND, "end", noEnd));
    assertThat(store.events(0, 10_000))
        .extracting(StoredEvent::kind)
        .doesNotContain("MEMBER_PUT", "MEMBER_REMOVED", "END_CHANGED");
  }

  @Test
  void setSecondApprovalIsKeptPerEnd() {
    EndInfo wh = store.setSecondApproval("BACKCHANNEL", "WH", true, "admin");

    assertThat(wh).isEqualTo(new EndInfo("BACKCHANNEL", "WH", true, List.of(), Optional.empty()));
    assertThat(store.ends("BACKCHANNEL"))
        .extracting(EndInfo::name, EndInfo::secondApproval)
        .containsExactly(tuple("HAK", false), tuple("WH", true));

    store.setSecondApproval("BACKCHANNEL", "WH", false, "admin");

    assertThat(store.ends("BACKCHANNEL")).noneMatch(EndInfo::secondApproval);
  }

  @Test
  void membershipsListChannelEndAndReleaseAuthorityOfAUser() {
    UserInfo haig = createUser("haig");
    UserInfo rogers = createUser("rogers");
    store.createChannel("ALPHA", "A1", "A2", "admin");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    store.putMember("ALPHA", "A2", "haig", false, "admin");

    assertThat(store.memberships(haig.id()))
        .containsExactly(
            new Membership("ALPHA", "A2", false), new Membership("BACKCHANNEL", "WH", true));
    assertThat(store.memberships(rogers.id())).isEmpty();
  }

  @Test
  void everyMembershipChangeAppendsItsEventWithTheActor() {
    createUser("haig");

    store.putMember("BACKCHANNEL", "WH", "haig", false, "admin");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    store.setSecondApproval("BACKCHANNEL", "WH", true, "kissinger");
    store.removeMember("BACKCHANNEL", "WH", "haig", "scowcroft");

    List<StoredEvent> events = store.events(0, 10_000);
    List<StoredEvent> changes = events.subList(events.size() - 4, events.size());
    assertThat(changes)
        .extracting(StoredEvent::kind, StoredEvent::actor)
        .containsExactly(
            tuple("MEMBER_PUT", "admin"),
            tuple("MEMBER_PUT", "admin"),
            tuple("END_CHANGED", "kissinger"),
            tuple("MEMBER_REMOVED", "scowcroft"));
    assertThat(changes.get(0).data())
        .contains(
            "\"channel\":\"BACKCHANNEL\"",
            "\"end\":\"WH\"",
            "\"user\":\"haig\"",
            "\"releaseAuthority\":false");
    assertThat(changes.get(1).data()).contains("\"releaseAuthority\":true");
    assertThat(changes.get(2).data()).contains("\"end\":\"WH\"", "\"secondApproval\":true");
    assertThat(changes.get(3).data()).contains("\"end\":\"WH\"", "\"user\":\"haig\"");
  }

  @Test
  void theDefaultCaveatRegistryIsTheRecords() {
    assertThat(store.caveats().caveats())
        .extracting(Caveat::name)
        .containsExactly(
            "CHEROKEE",
            "EXDIS",
            "LIMDIS",
            "NODIS",
            "NOFORN",
            "ORCON",
            "OUTSIDE THE SYSTEM",
            "SENSITIVE",
            "SPECAT",
            "UMBRA");
    assertThat(store.caveats()).isEqualTo(CaveatRegistry.DEFAULT);
  }

  @Test
  void addCaveatRegistersItAndAppendsCaveatAdded() {
    CaveatRegistry returned = store.addCaveat(new Caveat("TALENT KEYHOLE"), "admin");

    assertThat(returned.contains(new Caveat("TALENT KEYHOLE"))).isTrue();
    assertThat(store.caveats()).isEqualTo(returned);
    assertThat(store.caveats().caveats()).hasSize(11);
    assertThat(eventsOf("CAVEAT_ADDED"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("admin");
              assertThat(e.data()).contains("\"caveat\":\"TALENT KEYHOLE\"");
            });
  }

  @Test
  void addingARegisteredCaveatIsAConflict() {
    store.addCaveat(new Caveat("TALENT KEYHOLE"), "admin");

    assertThatThrownBy(() -> store.addCaveat(new Caveat("TALENT KEYHOLE"), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "caveat",
                    "the caveat TALENT KEYHOLE is registered already"));
    assertThatThrownBy(() -> store.addCaveat(new Caveat("NODIS"), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.CONFLICT,
                    "caveat",
                    "the caveat NODIS is registered already"));
    assertThat(eventsOf("CAVEAT_ADDED")).hasSize(1);
  }

  @Test
  void aCaveatThatWouldSplitLabelsTwoWaysIsInvalid() {
    assertThatThrownBy(() -> store.addCaveat(new Caveat("OUTSIDE"), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.INVALID,
                    "caveat",
                    "caveat OUTSIDE is a word-prefix of caveat OUTSIDE THE SYSTEM:"
                        + " ambiguous labels"));
    assertThatThrownBy(() -> store.addCaveat(new Caveat("NODIS PLUS"), "admin"))
        .satisfies(
            e ->
                assertProblem(
                    e,
                    StoreException.Problem.INVALID,
                    "caveat",
                    "caveat NODIS is a word-prefix of caveat NODIS PLUS: ambiguous" + " labels"));
    assertThat(store.caveats()).isEqualTo(CaveatRegistry.DEFAULT);
    assertThat(eventsOf("CAVEAT_ADDED")).isEmpty();
  }

  @Test
  void aCableLabelledWithAnAddedCaveatIsReadBack() {
    Caveat talentKeyhole = new Caveat("TALENT KEYHOLE");
    store.addCaveat(talentKeyhole, "admin");
    Cable labelled =
        draft("Overhead imagery follows.").toBuilder()
            .label(
                new SecurityLabel(
                    Classification.TOP_SECRET, List.of(talentKeyhole), Optional.empty()))
            .build();

    StoredCable released = release(HAKTO, labelled);

    assertThat(released.cable().label().banner()).isEqualTo("TOP SECRET TALENT KEYHOLE");
    StoredCable read = store.cable(EXCHANGE, HAKTO, 1).orElseThrow();
    assertThat(read.cable().label().caveats()).containsExactly(talentKeyhole);
    assertThat(read).isEqualTo(released);
  }

  @Test
  void releasingACableWithAnUnregisteredCaveatIsInvalidAndStoresNothing() {
    Cable labelled =
        draft("Overhead imagery follows.").toBuilder()
            .label(
                new SecurityLabel(
                    Classification.TOP_SECRET,
                    List.of(new Caveat("TALENT KEYHOLE")),
                    Optional.empty()))
            .build();

    assertThatThrownBy(() -> release(HAKTO, labelled))
        .satisfies(
            e -> assertThat(storeException(e).problem()).isEqualTo(StoreException.Problem.INVALID));
    assertThat(store.cables(Optional.of(EXCHANGE), 10)).isEmpty();
    assertThat(release(HAKTO, draft("One.")).designatorText()).isEqualTo("Hakto 1/WHS 1");
  }

  // -- cable lists within a visibility --

  private static final Set<Classification> ALL_LEVELS = EnumSet.allOf(Classification.class);
  private static final Series SECTO = new Series("SECTO");
  private static final Series TOSEC = new Series("TOSEC");

  private static CableQuery query(int limit) {
    return new CableQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** Channel OTHER with ends A and B, and its exchange NOV72 with SECTO from A and TOSEC from B. */
  private void otherChannel() {
    store.createChannel("OTHER", "A", "B", "admin");
    store.createExchange(
        new NewExchange(
            "OTHER",
            "NOV72",
            new NewExchange.SeriesEnd(SECTO, "A"),
            new NewExchange.SeriesEnd(TOSEC, "B")),
        "admin");
  }

  private StoredCable releaseInto(String exchange, Series series, Cable draft) {
    return store.release(new ReleaseRequest(exchange, series, draft, "operator"));
  }

  private static List<String> designators(List<StoredCable> cables) {
    return cables.stream().map(StoredCable::designatorText).toList();
  }

  @Test
  void cableListHoldsOnlyTheCablesOfTheGivenChannels() {
    otherChannel();
    release(HAKTO, draft("One."));
    releaseInto("NOV72", SECTO, draft("Two."));
    release(TOHAK, draft("Three."));

    List<StoredCable> backchannel =
        store.cables(new Visibility(Set.of("BACKCHANNEL"), "NOBODY", ALL_LEVELS), query(100));
    List<StoredCable> both =
        store.cables(
            new Visibility(Set.of("BACKCHANNEL", "OTHER"), "NOBODY", ALL_LEVELS), query(100));
    List<StoredCable> none =
        store.cables(new Visibility(Set.of(), "NOBODY", ALL_LEVELS), query(100));

    assertThat(designators(backchannel)).containsExactly("Tohak 1/WHS 3", "Hakto 1/WHS 1");
    assertThat(designators(both))
        .containsExactly("Tohak 1/WHS 3", "Secto 1/WHS 2", "Hakto 1/WHS 1");
    assertThat(none).isEmpty();
  }

  @Test
  void cableListHoldsTheCablesNamingTheReaderAsFromToOrInfo() {
    otherChannel();
    releaseInto(
        "NOV72",
        SECTO,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "ROGERS", "LAIRD", "To."));
    releaseInto(
        "NOV72",
        SECTO,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "LAIRD", "ROGERS", "From."));
    releaseInto(
        "NOV72",
        SECTO,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "LAIRD", "HELMS", "Info.")
            .toBuilder()
            .info(Person.named("Rogers"))
            .build());
    releaseInto(
        "NOV72",
        SECTO,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "LAIRD", "HELMS", "No."));

    List<StoredCable> rogers =
        store.cables(new Visibility(Set.of(), "ROGERS", ALL_LEVELS), query(100));

    assertThat(designators(rogers))
        .containsExactly("Secto 3/WHS 3", "Secto 2/WHS 2", "Secto 1/WHS 1");
    assertThat(store.cables(new Visibility(Set.of(), "NOBODY", ALL_LEVELS), query(100))).isEmpty();
  }

  @Test
  void cableListKeepsToTheGivenClassifications() {
    release(
        HAKTO,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "KISSINGER", "HAIG", "S."));
    release(
        HAKTO,
        StoreFixtures.draft(
            Precedence.ROUTINE, Classification.TOP_SECRET, "KISSINGER", "HAIG", "TS."));
    release(
        HAKTO,
        StoreFixtures.draft(
            Precedence.ROUTINE, Classification.CONFIDENTIAL, "KISSINGER", "HAIG", "C."));

    List<StoredCable> byChannel =
        store.cables(
            new Visibility(
                Set.of("BACKCHANNEL"),
                "NOBODY",
                Set.of(Classification.CONFIDENTIAL, Classification.SECRET)),
            query(100));
    List<StoredCable> byReader =
        store.cables(
            new Visibility(Set.of(), "HAIG", Set.of(Classification.TOP_SECRET)), query(100));

    assertThat(designators(byChannel)).containsExactly("Hakto 3/WHS 3", "Hakto 1/WHS 1");
    assertThat(designators(byReader)).containsExactly("Hakto 2/WHS 2");
  }

  @Test
  void anEmptyClassificationSetListsNothing() {
    release(HAKTO, draft("One."));

    assertThat(store.cables(new Visibility(Set.of("BACKCHANNEL"), "HAIG", Set.of()), query(100)))
        .isEmpty();
  }

  @Test
  void cableListFiltersByExchangeSeriesAndPrecedence() {
    otherChannel();
    release(HAKTO, draft("Flash."));
    release(
        TOHAK,
        StoreFixtures.draft(Precedence.ROUTINE, Classification.SECRET, "HAIG", "KISSINGER", "R."));
    releaseInto("NOV72", TOSEC, draft("Other."));
    Visibility all = new Visibility(Set.of("BACKCHANNEL", "OTHER"), "NOBODY", ALL_LEVELS);

    assertThat(
            designators(
                store.cables(
                    all,
                    new CableQuery(Optional.of("oct72"), Optional.empty(), Optional.empty(), 100))))
        .containsExactly("Tohak 1/WHS 2", "Hakto 1/WHS 1");
    assertThat(
            designators(
                store.cables(
                    all,
                    new CableQuery(Optional.empty(), Optional.of(HAKTO), Optional.empty(), 100))))
        .containsExactly("Hakto 1/WHS 1");
    assertThat(
            designators(
                store.cables(
                    all,
                    new CableQuery(
                        Optional.empty(), Optional.empty(), Optional.of(Precedence.FLASH), 100))))
        .containsExactly("Tosec 1/WHS 3", "Hakto 1/WHS 1");
    assertThat(
            designators(
                store.cables(
                    all,
                    new CableQuery(
                        Optional.of(EXCHANGE),
                        Optional.of(TOHAK),
                        Optional.of(Precedence.FLASH),
                        100))))
        .isEmpty();
  }

  @Test
  void cableListIsMostRecentFirstAndKeepsTheLimit() {
    for (int i = 1; i <= 5; i++) {
      release(i % 2 == 0 ? TOHAK : HAKTO, draft("Cable " + i + "."));
    }
    Visibility v = new Visibility(Set.of("BACKCHANNEL"), "NOBODY", ALL_LEVELS);

    assertThat(designators(store.cables(v, query(3))))
        .containsExactly("Hakto 3/WHS 5", "Tohak 2/WHS 4", "Hakto 2/WHS 3");
    assertThat(store.cables(v, query(1))).hasSize(1);
    assertThat(store.cables(v, query(CableQuery.MAX_LIMIT))).hasSize(5);
  }

  @Test
  void storedCablesNameTheirChannelAndTheirReaders() {
    Cable withInfo = draft("Released.").toBuilder().info(Person.named("Scowcroft")).build();
    Cable printed =
        draft("Printed.").toBuilder()
            .info(Person.named("Rogers"))
            .designator(Designator.of(HAKTO, 45))
            .build();

    StoredCable released = release(TOHAK, withInfo);
    store.importCables(
        EXCHANGE, List.of(ImportRequest.of(printed, OptionalInt.of(54), "", "a.txt")), "operator");

    assertThat(released.channel()).isEqualTo("BACKCHANNEL");
    assertThat(released.readers()).containsExactlyInAnyOrder("KISSINGER", "HAIG", "SCOWCROFT");
    StoredCable readBack = store.cable(EXCHANGE, TOHAK, 1).orElseThrow();
    assertThat(readBack.channel()).isEqualTo("BACKCHANNEL");
    assertThat(readBack.readers()).containsExactlyInAnyOrder("KISSINGER", "HAIG", "SCOWCROFT");
    assertThat(store.cableByStationSerial(EXCHANGE, "WHS 1")).contains(readBack);
    StoredCable imported = store.cable(EXCHANGE, HAKTO, 45).orElseThrow();
    assertThat(imported.channel()).isEqualTo("BACKCHANNEL");
    assertThat(imported.readers()).containsExactlyInAnyOrder("KISSINGER", "HAIG", "ROGERS");
    assertThat(store.cables(Optional.of(EXCHANGE), 10))
        .extracting(StoredCable::channel, StoredCable::readers)
        .containsExactly(
            tuple("BACKCHANNEL", Set.of("KISSINGER", "HAIG", "ROGERS")),
            tuple("BACKCHANNEL", Set.of("KISSINGER", "HAIG", "SCOWCROFT")));
    assertThat(store.cables(new Visibility(Set.of(), "ROGERS", ALL_LEVELS), query(10)))
        .containsExactly(imported);
  }

  @Test
  void aCableQueryLimitMustBeOneToAThousand() {
    for (int limit : new int[] {0, -1, 1001}) {
      assertThatThrownBy(() -> query(limit))
          .satisfies(
              e ->
                  assertProblem(
                      e,
                      StoreException.Problem.INVALID,
                      "limit",
                      "limit must be 1 to 1000: " + limit));
    }
  }

  // ---- traffic: holds and delivery ----

  @Test
  void aResumedEndReceivesWhatItHeldByPrecedenceThenReleaseTimeAcrossTransactions() {
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    List<Precedence> cycle =
        List.of(Precedence.ROUTINE, Precedence.FLASH, Precedence.PRIORITY, Precedence.IMMEDIATE);
    for (int i = 0; i < 250; i++) {
      Cable c = draft("Cable " + i + ".").toBuilder().precedence(cycle.get(i % 4)).build();
      release(HAKTO, c);
    }
    assertThat(store.heldCables(EXCHANGE)).hasSize(250);

    List<StoredCable> delivered = store.resumeEnd("BACKCHANNEL", "WH", "admin");

    assertThat(delivered).hasSize(250);
    assertThat(store.heldCables(EXCHANGE)).isEmpty();
    List<String> order =
        delivered.stream()
            .map(c -> c.cable().precedence().ordinal() + "/" + String.format("%04d", serial(c)))
            .toList();
    assertThat(order).isSorted();
    assertThat(store.ends("BACKCHANNEL").get(1).heldSince()).isEmpty();
  }

  @Test
  void aResumedEndHandsOverEachTransactionsCablesAsSoonAsTheyAreDurableTheFlashFirst() {
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    for (int i = 0; i < 250; i++) {
      release(
          HAKTO, draft("Routine " + i + ".").toBuilder().precedence(Precedence.ROUTINE).build());
    }
    release(HAKTO, draft("Flash.").toBuilder().precedence(Precedence.FLASH).build());
    List<List<StoredCable>> handedOver = new ArrayList<>();
    List<Integer> heldWhenHandedOver = new ArrayList<>();

    List<StoredCable> delivered =
        store.resumeEnd(
            "BACKCHANNEL",
            "WH",
            "admin",
            chunk -> {
              handedOver.add(chunk);
              heldWhenHandedOver.add(store.heldCables(EXCHANGE).size());
            });

    assertThat(handedOver).hasSizeGreaterThan(1);
    assertThat(handedOver.getFirst())
        .as("the FLASH is made durable and handed over alone")
        .extracting(c -> c.cable().precedence())
        .containsExactly(Precedence.FLASH);
    assertThat(heldWhenHandedOver.getFirst())
        .as("the first cables are announced while the rest still wait")
        .isPositive();
    assertThat(handedOver.stream().flatMap(List::stream).toList()).isEqualTo(delivered);
    assertThat(delivered).hasSize(251);
  }

  @Test
  void cablesReleasedToAHeldEndWaitAndSeenCountsOnlyWhatArrived() {
    release(TOHAK, draft("Tohak one."));
    store.holdEnd("BACKCHANNEL", "HAK", "admin");
    release(TOHAK, draft("Tohak two."));

    StoredCable hakto = release(HAKTO, draft("Answer."));

    assertThat(hakto.seen()).as("HAK had Tohak 1 only").hasValue(1);
    assertThat(store.heldCables(EXCHANGE)).hasSize(1);
    store.resumeEnd("BACKCHANNEL", "HAK", "admin");
    assertThat(release(HAKTO, draft("Second answer.")).seen()).hasValue(2);
  }

  @Test
  void queuedDeliveriesCountWhatWaitsForItsReadersByPrecedenceUntilItIsDelivered() {
    store.createUser(StoreFixtures.user("haig"), "admin");
    store.putMember("BACKCHANNEL", "WH", "haig", true, "admin");
    assertThat(store.queuedDeliveries())
        .containsOnlyKeys(Precedence.values())
        .allSatisfy((precedence, count) -> assertThat(count).isZero());
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    release(HAKTO, draft("Flash."));
    release(HAKTO, draft("Second flash."));
    release(HAKTO, draft("Routine.").toBuilder().precedence(Precedence.ROUTINE).build());

    assertThat(store.queuedDeliveries())
        .containsEntry(Precedence.FLASH, 2L)
        .containsEntry(Precedence.ROUTINE, 1L)
        .containsEntry(Precedence.FLASH_OVERRIDE, 0L)
        .containsEntry(Precedence.IMMEDIATE, 0L)
        .containsEntry(Precedence.PRIORITY, 0L);

    store.resumeEnd("BACKCHANNEL", "WH", "admin");
    assertThat(store.queuedDeliveries().values()).containsOnly(0L);
  }

  private static int serial(StoredCable c) {
    return c.cable().designator().flatMap(Designator::numbered).orElseThrow().serial();
  }

  // ---- events rebuilt from their rows ----

  /** Lets the clock move on, so the change that follows bears an instant of its own. */
  // ---- relay (issue 25) ----

  private static final Series OUTGO = new Series("OUTGO");

  private static final Series INCOME = new Series("INCOME");

  /**
   * Channel LINK: its end HERE at this station, its end THERE at peer SAIGON; exchange LK with the
   * series OUTGO (sent from here) and INCOME (sent from Saigon).
   */
  private void linkToSaigon() {
    store.createChannel("LINK", "HERE", "THERE", "admin");
    store.createExchange(
        new NewExchange(
            "LINK",
            "LK",
            new NewExchange.SeriesEnd(OUTGO, "HERE"),
            new NewExchange.SeriesEnd(INCOME, "THERE")),
        "admin");
    store.addPeer(
        "SAIGON",
        "http://127.0.0.1:1",
        "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=",
        "admin");
    store.placeEnd("LINK", "THERE", Optional.of("SAIGON"), "admin");
  }

  private StoredCable releaseOut(Precedence precedence, String text) {
    return store.release(
        new ReleaseRequest(
            "LK",
            OUTGO,
            draft(precedence, Classification.SECRET, "KISSINGER", "HAIG", text),
            "operator"));
  }

  /** INCOME n as Saigon released it, with Saigon's station serial. */
  private static RelayRepository.Incoming incoming(int serial, String text) {
    Cable c =
        draft(Precedence.PRIORITY, Classification.SECRET, "HAIG", "KISSINGER", text).toBuilder()
            .dtg(Dtg.of(Instant.parse("2026-11-25T08:00:00Z")))
            .designator(
                new Designator.Numbered(
                    INCOME,
                    serial,
                    Optional.of(
                        new dev.backchannel.cable.StationSerial(
                            Optional.of("SAIGON"), 100 + serial))))
            .build();
    return new RelayRepository.Incoming("LK", c, 0, Instant.parse("2026-11-25T08:00:00Z"), "haig");
  }

  /** One of each relay event: a peer, an end placed, a link down, a cable each way, a receipt. */
  private void relayedBothWays() {
    linkToSaigon();
    store.setLinkDown("SAIGON", true, "admin");
    StoredCable out = releaseOut(Precedence.ROUTINE, "OUT.");
    store.acknowledge("SAIGON", List.of(new RelayRepository.Ack(out.id(), 41)));
    store.receive("SAIGON", List.of(incoming(1, "IN.")));
    store.receiveReports(
        "SAIGON",
        List.of(
            new RelayRepository.Report(
                7,
                "LK",
                OUTGO,
                1,
                "haig",
                ReceiptKind.OPENED,
                Instant.parse("2026-11-25T09:00:00Z"),
                "web",
                Optional.empty())),
        List.of());
  }

  @Test
  void theOutboxHoldsCablesForAPeerByPrecedenceThenReleaseTimeUntilAcknowledged() {
    linkToSaigon();
    StoredCable one = releaseOut(Precedence.ROUTINE, "ONE.");
    nextInstant();
    StoredCable two = releaseOut(Precedence.ROUTINE, "TWO.");
    nextInstant();
    StoredCable flash = releaseOut(Precedence.FLASH, "THREE.");
    assertThat(store.outbox("SAIGON", 10))
        .extracting(RelayRepository.Outgoing::cableId)
        .containsExactly(flash.id(), one.id(), two.id());
    RelayRepository.Outgoing first = store.outbox("SAIGON", 1).get(0);
    assertThat(first.designator()).isEqualTo(flash.designatorText());
    assertThat(first.sha256()).isEqualTo(flash.sha256());
    assertThat(first.canonical()).isEqualTo(flash.canonical());
    RelayRepository.Queue q = store.queue("SAIGON");
    assertThat(q.total()).isEqualTo(3);
    assertThat(q.depth().get(Precedence.FLASH)).isEqualTo(1);
    assertThat(q.depth().get(Precedence.ROUTINE)).isEqualTo(2);
    assertThat(q.oldest()).isEqualTo(one.releasedAt());
    assertThat(q.oldestCable()).contains(one.designatorText());
    assertThat(store.deliveredTo(one.id())).isEmpty();
    store.acknowledge("SAIGON", List.of(new RelayRepository.Ack(flash.id(), 7)));
    store.acknowledge("SAIGON", List.of(new RelayRepository.Ack(flash.id(), 7)));
    assertThat(store.outbox("SAIGON", 10))
        .extracting(RelayRepository.Outgoing::cableId)
        .containsExactly(one.id(), two.id());
    assertThat(store.loggedForCable(flash.id()))
        .extracting(l -> l.event().kind())
        .containsOnlyOnce("CABLE_RELAYED");
    assertThat(store.peer("SAIGON").orElseThrow().lastAck()).isPresent();
  }

  @Test
  void aSeriesSentFromAnEndAtAPeerIsNotNumberedHere() {
    linkToSaigon();
    assertThatThrownBy(
            () ->
                store.release(
                    new ReleaseRequest(
                        "LK",
                        INCOME,
                        draft(Precedence.ROUTINE, Classification.SECRET, "A", "B", "X."),
                        "operator")))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the series INCOME is sent from the THERE end, which lives at station SAIGON; that"
                + " station numbers it");
  }

  @Test
  void aCableReceivedTwiceIsStoredOnceWithThisStationsSerial() {
    linkToSaigon();
    long before = store.station().orElseThrow().stationSerial();
    List<RelayRepository.Received> first = store.receive("SAIGON", List.of(incoming(1, "IN.")));
    List<RelayRepository.Received> again = store.receive("SAIGON", List.of(incoming(1, "IN.")));
    assertThat(first)
        .containsExactly(
            new RelayRepository.Received("Income 1/SAIGON 101", (int) before + 1, false));
    assertThat(again)
        .containsExactly(
            new RelayRepository.Received("Income 1/SAIGON 101", (int) before + 1, true));
    StoredCable held = store.cable("LK", INCOME, 1).orElseThrow();
    assertThat(held.seen()).hasValue(0);
    assertThat(store.loggedForCable(held.id()))
        .extracting(l -> l.event().kind())
        .containsOnlyOnce("CABLE_RECEIVED");
    assertThatThrownBy(() -> store.receive("SAIGON", List.of(incoming(1, "OTHER."))))
        .isInstanceOf(StoreException.class)
        .hasMessage("Income 1/SAIGON 101 is held here already with another text");
  }

  @Test
  void aBatchWithOneCableThatCannotBeStoredStoresNone() {
    linkToSaigon();
    RelayRepository.Incoming foreign =
        new RelayRepository.Incoming(
            "LK",
            incoming(2, "TWO.").cable().toBuilder()
                .designator(
                    new Designator.Numbered(
                        INCOME,
                        2,
                        Optional.of(
                            new dev.backchannel.cable.StationSerial(Optional.of("WHS"), 3))))
                .build(),
            0,
            Instant.parse("2026-11-25T08:00:00Z"),
            "haig");
    assertThatThrownBy(() -> store.receive("SAIGON", List.of(incoming(1, "ONE."), foreign)))
        .isInstanceOf(StoreException.class)
        .hasMessage("Income 2/WHS 3 does not carry the station serial of SAIGON, which sent it");
    assertThat(store.cable("LK", INCOME, 1)).isEmpty();
  }

  @Test
  void receiptsGivenHereToACableReceivedAreReportedOnceInLogOrder() {
    linkToSaigon();
    UserInfo haig = store.createUser(StoreFixtures.user("HAIG"), "admin");
    store.putMember("LINK", "HERE", "HAIG", false, "admin");
    store.receive("SAIGON", List.of(incoming(1, "IN.")));
    StoredCable in = store.cable("LK", INCOME, 1).orElseThrow();
    store.receipt(in.id(), haig.id(), ReceiptKind.OPENED, "web", Optional.empty(), "HAIG");
    RelayRepository.Reports found = store.reports("SAIGON", store.reportsSent("SAIGON"), 10_000);
    assertThat(found.reports())
        .extracting(RelayRepository.Report::reader, RelayRepository.Report::kind)
        .containsExactly(tuple("HAIG", ReceiptKind.DELIVERED), tuple("HAIG", ReceiptKind.OPENED));
    assertThat(found.reports()).extracting(RelayRepository.Report::serial).containsOnly(1);
    store.reportsAcknowledged("SAIGON", found.upTo());
    assertThat(store.reports("SAIGON", store.reportsSent("SAIGON"), 10_000).reports()).isEmpty();
  }

  @Test
  void anEscalationHereOfACableReceivedIsReportedAndOneToTheOriginatorTellsHimAtHisStation() {
    linkToSaigon();
    // Kissinger, whom Saigon's cable is to, is at this end; he does not open it
    UserInfo kissinger = store.createUser(StoreFixtures.user("KISSINGER"), "admin");
    store.putMember("LINK", "HERE", "KISSINGER", false, "admin");
    store.receive("SAIGON", List.of(incoming(1, "IN.")));
    StoredCable held = store.cable("LK", INCOME, 1).orElseThrow();
    Instant delivered = store.firstDelivered(List.of(held.id())).get(held.id());
    assertThat(store.escalate(delivered.plus(java.time.Duration.ofHours(4)))).isNotEmpty();
    RelayRepository.Reports found = store.reports("SAIGON", store.reportsSent("SAIGON"), 10_000);
    assertThat(found.escalations())
        .extracting(RelayRepository.EscalationReport::stage)
        .contains(Escalation.Stage.DUTY_OFFICER);
    assertThat(found.escalations().get(0).late()).containsExactly("KISSINGER");

    // at the originating station: an escalation to the originator tells the users FROM names
    StoredCable out = releaseOut(Precedence.ROUTINE, "OUT.");
    RelayRepository.EscalationReport toOriginator =
        new RelayRepository.EscalationReport(
            12,
            "LK",
            OUTGO,
            1,
            Escalation.Stage.ORIGINATOR,
            List.of("haig"),
            Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(store.receiveReports("SAIGON", List.of(), List.of(toOriginator))).isEqualTo(1);
    assertThat(store.receiveReports("SAIGON", List.of(), List.of(toOriginator))).isZero();
    StoredEvent escalated =
        store.loggedForCable(out.id()).stream()
            .map(LoggedEvent::event)
            .filter(e -> e.kind().equals("ESCALATED"))
            .findFirst()
            .orElseThrow();
    assertThat(escalated.data())
        .isEqualTo(
            EventCodec.encode(
                new Event.Escalated(
                    "ORIGINATOR", List.of("haig@SAIGON"), List.of(kissinger.name()))));
    assertThat(store.rebuild(escalated.id()).map(EventCodec::encode)).contains(escalated.data());
  }

  @Test
  void receiptsReportedByThePeerShowAmongTheCablesReceiptsOnce() {
    linkToSaigon();
    StoredCable out = releaseOut(Precedence.ROUTINE, "OUT.");
    RelayRepository.Report opened =
        new RelayRepository.Report(
            9,
            "LK",
            OUTGO,
            1,
            "kissinger",
            ReceiptKind.OPENED,
            Instant.parse("2026-11-25T09:00:00Z"),
            "web",
            Optional.empty());
    assertThat(store.receiveReports("SAIGON", List.of(opened), List.of())).isEqualTo(1);
    assertThat(store.receiveReports("SAIGON", List.of(opened), List.of())).isZero();
    assertThat(store.receipts(out.id()))
        .extracting(Receipt::reader, Receipt::kind, Receipt::client)
        .containsExactly(tuple("kissinger@SAIGON", ReceiptKind.OPENED, "web"));
    assertThat(store.receipts(List.of(out.id())).get(out.id())).hasSize(1);
    RelayRepository.Report stranger =
        new RelayRepository.Report(
            10,
            "LK",
            INCOME,
            5,
            "kissinger",
            ReceiptKind.OPENED,
            Instant.EPOCH,
            "web",
            Optional.empty());
    assertThatThrownBy(() -> store.receiveReports("SAIGON", List.of(stranger), List.of()))
        .isInstanceOf(StoreException.class)
        .hasMessage("LK Income 5 was not sent from here to SAIGON");
  }

  private static void nextInstant() {
    try {
      Thread.sleep(3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void everyEventIsRebuiltFromTheRowsItCoversUntilALaterChangeReplacesThem() {
    UserInfo haig = store.createUser(StoreFixtures.user("HAIG"), "admin");
    UserInfo kissinger = store.createUser(StoreFixtures.user("KISSINGER"), "admin");
    store.createUser(
        NewUser.of(
            "SCOWCROFT",
            new Clearance(Classification.TOP_SECRET, Set.of()),
            ZoneId.of("UTC"),
            Set.of(Role.DUTY_OFFICER),
            Optional.empty(),
            Optional.of("$setup$token")),
        "admin");
    UserInfo eagleburger = store.createUser(StoreFixtures.user("EAGLEBURGER"), "admin");
    store.updateUser(
        "HAIG",
        new UserChange(
            Optional.empty(),
            Optional.empty(),
            Optional.of(ZoneId.of("America/New_York")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        "admin");
    store.setPassword("HAIG", "$argon2id$new", "admin");
    nextInstant();
    store.createSession(
        new NewSession(hash('s'), haig.id(), SessionKind.TOKEN, "csrf", FAR_FUTURE), "192.0.2.1");
    nextInstant();
    store.revokeSession(hash('s'), "HAIG");
    store.putMember("BACKCHANNEL", "HAK", "KISSINGER", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "SCOWCROFT", false, "admin");
    store.putMember("BACKCHANNEL", "WH", "EAGLEBURGER", false, "admin");
    nextInstant();
    store.removeMember("BACKCHANNEL", "WH", "EAGLEBURGER", "admin");
    store.setSecondApproval("BACKCHANNEL", "WH", true, "admin");
    store.addCaveat(new Caveat("MARIGOLD"), "admin");
    StoredCable first =
        release(
            HAKTO, draft(Precedence.IMMEDIATE, Classification.SECRET, "KISSINGER", "HAIG", "A."));
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    release(HAKTO, draft(Precedence.ROUTINE, Classification.SECRET, "KISSINGER", "HAIG", "B."));
    nextInstant();
    store.resumeEnd("BACKCHANNEL", "WH", "admin");
    nextInstant();
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    store.receipt(first.id(), haig.id(), ReceiptKind.OPENED, "cli", Optional.empty(), "HAIG");
    store.pass(first.id(), haig.id(), eagleburger.id(), "HAIG");
    assertThat(
            store.escalate(first.releasedAt().orElseThrow().plus(java.time.Duration.ofMinutes(30))))
        .hasSize(1);
    store.importCables(
        EXCHANGE,
        List.of(
            ImportRequest.of(
                draft("Printed.").toBuilder().designator(Designator.of(TOHAK, 80)).build(),
                OptionalInt.of(7),
                "7. Printed.",
                "frus-1972.txt")),
        "operator");
    Draft saved = store.createDraft(EXCHANGE, HAKTO, "HAK", kissinger.id(), "text");
    nextInstant();
    store.updateDraft(saved.id(), "text again", "KISSINGER");
    store.approveDraft(saved.id(), haig.id(), "HAIG");
    Draft discarded = store.createDraft(EXCHANGE, HAKTO, "HAK", kissinger.id(), "gone");
    store.discardDraft(discarded.id(), "KISSINGER");
    relayedBothWays();

    List<StoredEvent> events = store.events(0, 1_000);
    List<String> replaced = new ArrayList<>();
    Set<String> kinds = new java.util.TreeSet<>();
    for (StoredEvent e : events) {
      kinds.add(e.kind());
      Optional<Event> rebuilt = store.rebuild(e.id());
      if (rebuilt.isEmpty()) {
        replaced.add(e.kind() + " " + e.data());
      } else {
        assertThat(rebuilt.get().kind()).as(e.data()).isEqualTo(e.kind());
        assertThat(EventCodec.encode(rebuilt.get())).as(e.kind()).isEqualTo(e.data());
      }
    }
    assertThat(kinds).as("one of every kind").hasSize(Event.class.getPermittedSubclasses().length);
    assertThat(replaced)
        .containsExactly(
            "MEMBER_PUT {\"channel\":\"BACKCHANNEL\",\"end\":\"WH\",\"releaseAuthority\":false,"
                + "\"user\":\"EAGLEBURGER\",\"v\":1}",
            "END_HELD {\"channel\":\"BACKCHANNEL\",\"end\":\"WH\",\"v\":1}",
            "DRAFT_SAVED {\"draft\":" + saved.id() + ",\"series\":\"HAKTO\",\"v\":1}",
            "DRAFT_SAVED {\"draft\":" + discarded.id() + ",\"series\":\"HAKTO\",\"v\":1}");
    assertThat(store.rebuild(events.getLast().id() + 1)).isEmpty();
  }

  // ---- traffic: delivery, receipts, passing, the clockwork, drafts ----

  /** Kissinger at HAK; Haig and Scowcroft (the duty officer) at WH; the President reads passes. */
  private record Staff(UserInfo kissinger, UserInfo haig, UserInfo scowcroft, UserInfo president) {}

  private Staff staff(OfficeHours haigsHours) {
    UserInfo kissinger = store.createUser(StoreFixtures.user("KISSINGER"), "admin");
    NewUser h = StoreFixtures.user("HAIG");
    UserInfo haig =
        store.createUser(
            new NewUser(
                h.name(),
                h.addressedAs(),
                h.clearance(),
                h.timeZone(),
                haigsHours,
                h.roles(),
                h.passwordHash(),
                Optional.empty()),
            "admin");
    NewUser s = StoreFixtures.user("SCOWCROFT");
    UserInfo scowcroft =
        store.createUser(
            NewUser.of(
                s.name(),
                s.clearance(),
                s.timeZone(),
                Set.of(Role.DUTY_OFFICER),
                s.passwordHash(),
                Optional.empty()),
            "admin");
    NewUser p = StoreFixtures.user("PRESIDENT");
    UserInfo president =
        store.createUser(
            new NewUser(
                p.name(),
                "THE PRESIDENT",
                p.clearance(),
                p.timeZone(),
                p.officeHours(),
                p.roles(),
                p.passwordHash(),
                Optional.empty()),
            "admin");
    store.putMember("BACKCHANNEL", "HAK", "KISSINGER", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
    store.putMember("BACKCHANNEL", "WH", "SCOWCROFT", false, "admin");
    return new Staff(kissinger, haig, scowcroft, president);
  }

  private StoredCable releaseToHaig(Precedence precedence, String... handling) {
    Cable.Builder b =
        draft(precedence, Classification.SECRET, "KISSINGER", "HAIG", "Text.").toBuilder();
    for (String words : handling) {
      b.handling(new dev.backchannel.cable.Handling(words));
    }
    return release(HAKTO, b.build());
  }

  @Test
  void receiptsOfManyCablesAreEachCablesOwnInOrder() {
    Staff who = staff(OfficeHours.DEFAULT);
    StoredCable a = releaseToHaig(Precedence.PRIORITY);
    StoredCable b = releaseToHaig(Precedence.ROUTINE);
    store.receipt(a.id(), who.haig().id(), ReceiptKind.OPENED, "cli", Optional.empty(), "HAIG");

    Map<Long, List<Receipt>> both = store.receipts(List.of(a.id(), b.id()));

    assertThat(both).containsOnlyKeys(a.id(), b.id());
    assertThat(both.get(a.id())).isEqualTo(store.receipts(a.id()));
    assertThat(both.get(b.id())).isEqualTo(store.receipts(b.id()));
    assertThat(both.get(a.id())).extracting(Receipt::kind).contains(ReceiptKind.OPENED);
    assertThat(store.receipts(List.of())).isEmpty();
  }

  @Test
  void firstDeliveredIsWhenEachCableFirstReachedAReaderAndNothingForOneHeld() {
    staff(OfficeHours.DEFAULT);
    StoredCable delivered = releaseToHaig(Precedence.PRIORITY);
    store.holdEnd("BACKCHANNEL", "WH", "admin");
    StoredCable held = releaseToHaig(Precedence.ROUTINE);

    assertThat(store.firstDelivered(List.of(delivered.id(), held.id())))
        .isEqualTo(Map.of(delivered.id(), delivered.releasedAt().orElseThrow()));
    assertThat(store.firstDelivered(List.of())).isEmpty();
  }

  @Test
  void aReleasedCableIsDeliveredToTheReceivingEndsMembersAndListedInTheirInboxes() {
    Staff who = staff(OfficeHours.DEFAULT);

    StoredCable c = releaseToHaig(Precedence.PRIORITY);

    assertThat(store.deliveredTo(c.id()))
        .extracting(UserInfo::name)
        .containsExactly("HAIG", "SCOWCROFT");
    assertThat(store.deliveredAt(c.id(), who.haig().id())).contains(c.releasedAt().orElseThrow());
    assertThat(store.deliveredAt(c.id(), who.kissinger().id())).isEmpty();
    assertThat(store.inbox(who.haig().id(), 10))
        .extracting(StoredCable::id)
        .containsExactly(c.id());
    assertThat(store.inbox(who.kissinger().id(), 10)).isEmpty();
    assertThat(store.receipts(c.id()))
        .extracting(Receipt::reader, Receipt::kind)
        .containsExactlyInAnyOrder(
            tuple("HAIG", ReceiptKind.DELIVERED), tuple("SCOWCROFT", ReceiptKind.DELIVERED));
  }

  @Test
  void aReceiptIsRecordedOnceAndItsFirstRecordIsKept() {
    Staff who = staff(OfficeHours.DEFAULT);
    StoredCable c = releaseToHaig(Precedence.FLASH);

    Receipt first =
        store.receipt(c.id(), who.haig().id(), ReceiptKind.OPENED, "cli", Optional.empty(), "HAIG");
    Receipt again =
        store.receipt(c.id(), who.haig().id(), ReceiptKind.OPENED, "web", Optional.empty(), "HAIG");

    assertThat(again).isEqualTo(first);
    assertThat(first.client()).isEqualTo("cli");
    assertThat(store.receipts(c.id()))
        .filteredOn(r -> r.kind() == ReceiptKind.OPENED)
        .containsExactly(first);
  }

  @Test
  void aCablePassedToAPassToReaderReachesHimOnceWithAPassedReceipt() {
    Staff who = staff(OfficeHours.DEFAULT);
    StoredCable c = releaseToHaig(Precedence.IMMEDIATE, "PASS TO THE PRESIDENT");

    boolean passed = store.pass(c.id(), who.haig().id(), who.president().id(), "HAIG");
    boolean again = store.pass(c.id(), who.haig().id(), who.president().id(), "HAIG");

    assertThat(passed).isTrue();
    assertThat(again).isFalse();
    assertThat(store.deliveredTo(c.id())).extracting(UserInfo::name).contains("PRESIDENT");
    assertThat(store.receipts(c.id()))
        .filteredOn(r -> r.reader().equals("PRESIDENT"))
        .extracting(Receipt::kind, Receipt::by)
        .containsExactlyInAnyOrder(
            tuple(ReceiptKind.PASSED, Optional.of("HAIG")),
            tuple(ReceiptKind.DELIVERED, Optional.empty()));
  }

  @Test
  void aCableForOpeningOfBusinessWaitsForTheReadersOfficeHoursAndIsThenDelivered() {
    // Haig's office is open one day a week, and not today
    java.time.DayOfWeek notToday =
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().plus(2);
    Staff who = staff(OfficeHours.parse("08:00-18:00 " + notToday.name().substring(0, 3)));
    StoredCable c = releaseToHaig(Precedence.ROUTINE, "DELIVER OPENING OF BUSINESS");

    assertThat(store.deliveredAt(c.id(), who.haig().id())).isEmpty();
    assertThat(store.deliverDue(Instant.now())).isEmpty();

    List<StoredCable> due = store.deliverDue(Instant.now().plus(java.time.Duration.ofDays(8)));

    assertThat(due).extracting(StoredCable::id).containsExactly(c.id());
    assertThat(store.deliveredAt(c.id(), who.haig().id())).isPresent();
    assertThat(store.deliverDue(Instant.now().plus(java.time.Duration.ofDays(9)))).isEmpty();
  }

  @Test
  void anUnacknowledgedImmediateEscalatesToTheDutyOfficerThenTheOriginatorEachOnce() {
    staff(OfficeHours.DEFAULT);
    StoredCable c = releaseToHaig(Precedence.IMMEDIATE);
    Instant delivered = c.releasedAt().orElseThrow();

    assertThat(store.escalate(delivered.plus(java.time.Duration.ofMinutes(29)))).isEmpty();
    List<Escalation> first = store.escalate(delivered.plus(java.time.Duration.ofMinutes(30)));
    List<Escalation> second = store.escalate(delivered.plus(java.time.Duration.ofMinutes(60)));
    List<Escalation> third = store.escalate(delivered.plus(java.time.Duration.ofHours(5)));

    assertThat(first)
        .extracting(e -> e.stage() + " " + e.late() + " " + names(e.told()))
        .containsExactly("DUTY_OFFICER [HAIG] [SCOWCROFT]");
    assertThat(second)
        .extracting(e -> e.stage() + " " + e.late() + " " + names(e.told()))
        .containsExactly("ORIGINATOR [HAIG] [KISSINGER]");
    assertThat(third).isEmpty();
  }

  private static List<String> names(List<UserInfo> users) {
    return users.stream().map(UserInfo::name).toList();
  }

  @Test
  void anAcknowledgedCableNeverEscalates() {
    Staff who = staff(OfficeHours.DEFAULT);
    StoredCable c = releaseToHaig(Precedence.FLASH);
    store.receipt(c.id(), who.haig().id(), ReceiptKind.OPENED, "cli", Optional.empty(), "HAIG");
    store.receipt(
        c.id(), who.haig().id(), ReceiptKind.ACKNOWLEDGED, "cli", Optional.empty(), "HAIG");

    assertThat(store.escalate(Instant.now().plus(java.time.Duration.ofHours(1)))).isEmpty();
  }

  @Test
  void aReleaseRecordsWhatItsReleaserHadNotOpened() {
    Staff who = staff(OfficeHours.DEFAULT);
    StoredCable tohak =
        release(TOHAK, draft(Precedence.ROUTINE, Classification.SECRET, "HAIG", "KISSINGER", "Q."));
    StoredCable reply =
        store.release(
            new ReleaseRequest(
                EXCHANGE,
                HAKTO,
                draft(Precedence.ROUTINE, Classification.SECRET, "KISSINGER", "HAIG", "A."),
                "KISSINGER",
                Optional.of(who.kissinger().id()),
                Optional.empty(),
                true));

    assertThat(store.releasedUnread(reply.id()))
        .containsExactly(tohak.designatorText().split("/")[0]);
    assertThat(store.releasedUnread(tohak.id())).isEmpty();
    assertThat(store.releasedUnread(List.of(reply.id(), tohak.id())))
        .containsExactly(
            java.util.Map.entry(reply.id(), List.of(tohak.designatorText().split("/")[0])));
    assertThat(store.releasedUnread(List.of())).isEmpty();
  }

  @Test
  void aDraftIsSavedListedApprovedAndSavedAgainWithoutItsApproval() {
    Staff who = staff(OfficeHours.DEFAULT);
    Draft d = store.createDraft(EXCHANGE, HAKTO, "HAK", who.kissinger().id(), "First.");

    Draft approved = store.approveDraft(d.id(), who.haig().id(), "HAIG");
    Draft changed = store.updateDraft(d.id(), "Second.", "KISSINGER");

    assertThat(approved.approvedBy()).contains("HAIG");
    assertThat(changed.text()).isEqualTo("Second.");
    assertThat(changed.approvedBy()).isEmpty();
    assertThat(store.drafts(who.kissinger().id())).extracting(Draft::id).containsExactly(d.id());
    assertThat(store.drafts(who.haig().id())).isEmpty();
  }

  @Test
  void theChannelAndTheExchangesAreListed() {
    assertThat(store.channel("BACKCHANNEL")).isPresent();
    assertThat(store.channel("NONE")).isEmpty();
    assertThat(store.exchanges()).extracting(ExchangeInfo::name).containsExactly(EXCHANGE);
  }
}
