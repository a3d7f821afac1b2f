package dev.backchannel.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Operator;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.TestStation;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
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
 * The rules of users as {@link Accounts} holds them, on a real SQLite station file: who may list,
 * create and change users, and what a user's settings may be. The words are the HTTP API's.
 */
class AccountsTest {
  @TempDir Path dir;

  private Store store;
  private Accounts accounts;
  private Reader admin;
  private Reader staff;

  @BeforeEach
  void setUp() {
    store = SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC(), StoreObserver.NONE);
    StoreFixtures.setUp(store);
    store.createUser(StoreFixtures.user("staff"), "admin");
    accounts = new Accounts(store, new AccessPolicy(), TestStation.HASHER);
    admin = reader("admin");
    staff = reader("staff");
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Reader reader(String name) {
    UserInfo u = store.user(name).orElseThrow();
    return new Reader(u, store.memberships(u.id()));
  }

  /** A form with only a name and a clearance. */
  private static Accounts.UserForm form(String name, String clearance) {
    return new Accounts.UserForm(
        Optional.of(name),
        Optional.empty(),
        Optional.of(clearance),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Accounts.UserForm none() {
    return new Accounts.UserForm(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
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

  private static void assertInvalid(ThrowingCallable call, String field, String message) {
    assertRefused(call, Refused.Kind.INVALID, "INVALID", field, message);
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertRefused(
        call, Refused.Kind.FORBIDDEN, "FORBIDDEN", "", "this needs the role ADMINISTRATOR");
  }

  @Test
  void everyAdministrationOfUsersIsRefusedToAUserWhoIsNoAdministrator() {
    assertForbidden(() -> accounts.users(staff));
    assertForbidden(() -> accounts.user(staff, "admin"));
    assertForbidden(() -> accounts.create(staff, form("haig", "SECRET")));
    assertForbidden(() -> accounts.change(staff, "staff", none()));
    assertThat(store.user("haig")).isEmpty();
  }

  @Test
  void userRefusesAUserThatDoesNotExist() {
    assertRefused(
        () -> accounts.user(admin, "nobody"),
        Refused.Kind.NOT_FOUND,
        "NOT_FOUND",
        "name",
        "there is no user nobody");
  }

  @Test
  void usersListsEveryUserToAnAdministrator() {
    assertThat(accounts.users(admin)).extracting(UserInfo::name).contains("admin", "staff");
  }

  @Test
  void theOperatorCreatesAUserWithASetupTokenShownOnce() {
    Accounts.Created c = accounts.create(new Operator(), form("haig", "top_secret"));

    assertThat(c.user().name()).isEqualTo("haig");
    assertThat(c.user().addressedAs()).isEqualTo("HAIG");
    assertThat(c.user().clearance().level()).isEqualTo(Classification.TOP_SECRET);
    assertThat(c.user().timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.user().roles()).isEmpty();
    assertThat(c.setupToken()).isPresent();
  }

  @Test
  void createUserWithAPasswordGivesNoSetupToken() {
    Accounts.UserForm f = form("haig", "SECRET");
    Accounts.UserForm withPassword =
        new Accounts.UserForm(
            f.name(),
            f.addressedAs(),
            f.clearance(),
            f.caveats(),
            f.timeZone(),
            f.officeHours(),
            Optional.of(List.of("duty officer")),
            Optional.of("correct horse battery"),
            f.disabled());

    Accounts.Created c = accounts.create(admin, withPassword);

    assertThat(c.setupToken()).isEmpty();
    assertThat(c.user().roles()).containsExactly(Role.DUTY_OFFICER);
  }

  @Test
  void createUserRefusesANewUserCreatedDisabled() {
    Accounts.UserForm f = form("haig", "SECRET");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    f.clearance(),
                    f.caveats(),
                    f.timeZone(),
                    f.officeHours(),
                    f.roles(),
                    f.password(),
                    Optional.of(false))),
        "disabled",
        "a new user cannot be created disabled");
  }

  @Test
  void createUserRefusesAUserWithoutNameOrClearance() {
    Accounts.UserForm f = form("haig", "SECRET");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    Optional.empty(),
                    f.addressedAs(),
                    f.clearance(),
                    f.caveats(),
                    f.timeZone(),
                    f.officeHours(),
                    f.roles(),
                    f.password(),
                    f.disabled())),
        "name",
        "name is required");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    Optional.empty(),
                    f.caveats(),
                    f.timeZone(),
                    f.officeHours(),
                    f.roles(),
                    f.password(),
                    f.disabled())),
        "clearance",
        "clearance is required");
  }

  @Test
  void createUserRefusesAClearanceThatIsNoClassification() {
    assertInvalid(
        () -> accounts.create(admin, form("haig", "COSMIC")),
        "clearance",
        "\"COSMIC\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
  }

  @Test
  void createUserRefusesACaveatTheStationDoesNotKnow() {
    Accounts.UserForm f = form("haig", "SECRET");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    f.clearance(),
                    Optional.of(List.of("nodis", "cosmic")),
                    f.timeZone(),
                    f.officeHours(),
                    f.roles(),
                    f.password(),
                    f.disabled())),
        "caveats",
        "\"cosmic\" is not a caveat of this station; it knows "
            + String.join(", ", store.caveats().caveats().stream().map(Caveat::name).toList()));
  }

  @Test
  void createUserRefusesAPasswordTooShortWithoutEchoingIt() {
    Accounts.UserForm f = form("haig", "SECRET");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    f.clearance(),
                    f.caveats(),
                    f.timeZone(),
                    f.officeHours(),
                    f.roles(),
                    Optional.of("short"),
                    f.disabled())),
        "password",
        "a password must be 12 to 1024 characters; this one has 5");
    assertThat(store.user("haig")).isEmpty();
  }

  @Test
  void createUserRefusesAnUnknownTimeZoneAndRole() {
    Accounts.UserForm f = form("haig", "SECRET");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    f.clearance(),
                    f.caveats(),
                    Optional.of("Nowhere/Else"),
                    f.officeHours(),
                    f.roles(),
                    f.password(),
                    f.disabled())),
        "timeZone",
        "\"Nowhere/Else\" is not a time zone such as UTC or America/New_York");
    assertInvalid(
        () ->
            accounts.create(
                admin,
                new Accounts.UserForm(
                    f.name(),
                    f.addressedAs(),
                    f.clearance(),
                    f.caveats(),
                    f.timeZone(),
                    f.officeHours(),
                    Optional.of(List.of("EMPEROR")),
                    f.password(),
                    f.disabled())),
        "roles",
        "\"EMPEROR\" is not a role; the roles are " + List.of(Role.values()));
  }

  @Test
  void createUserRefusesAnAddressedAsTakenByAnother() {
    Accounts.UserForm f = form("alexander", "SECRET");
    assertThatThrownBy(
            () ->
                accounts.create(
                    admin,
                    new Accounts.UserForm(
                        f.name(),
                        Optional.of("staff"),
                        f.clearance(),
                        f.caveats(),
                        f.timeZone(),
                        f.officeHours(),
                        f.roles(),
                        f.password(),
                        f.disabled())))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.CONFLICT);
              assertThat(e.field()).isEqualTo("addressedAs");
            });
  }

  @Test
  void changeUserRefusesANameOrAPassword() {
    Accounts.UserForm n = none();
    assertInvalid(
        () -> accounts.change(admin, "staff", form("alexander", "SECRET")),
        "name",
        "a user's name and password cannot be changed here");
    assertInvalid(
        () ->
            accounts.change(
                admin,
                "staff",
                new Accounts.UserForm(
                    n.name(),
                    n.addressedAs(),
                    n.clearance(),
                    n.caveats(),
                    n.timeZone(),
                    n.officeHours(),
                    n.roles(),
                    Optional.of("a long new password"),
                    n.disabled())),
        "password",
        "a user's name and password cannot be changed here");
  }

  @Test
  void changeUserRefusesAUserThatDoesNotExist() {
    assertRefused(
        () -> accounts.change(admin, "nobody", none()),
        Refused.Kind.NOT_FOUND,
        "NOT_FOUND",
        "name",
        "there is no user nobody");
  }

  @Test
  void changeUserKeepsTheCaveatsWhenOnlyTheLevelChanges() {
    Accounts.UserForm n = none();
    accounts.change(
        admin,
        "staff",
        new Accounts.UserForm(
            n.name(),
            n.addressedAs(),
            n.clearance(),
            Optional.of(List.of("nodis")),
            n.timeZone(),
            n.officeHours(),
            n.roles(),
            n.password(),
            n.disabled()));

    UserInfo after =
        accounts.change(
            admin,
            "staff",
            new Accounts.UserForm(
                n.name(),
                n.addressedAs(),
                Optional.of("CONFIDENTIAL"),
                n.caveats(),
                n.timeZone(),
                n.officeHours(),
                n.roles(),
                n.password(),
                Optional.of(true)));

    assertThat(after.clearance().level()).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(after.clearance().caveats()).isEqualTo(Set.of(new Caveat("NODIS")));
    assertThat(after.disabled()).isTrue();
  }
}
