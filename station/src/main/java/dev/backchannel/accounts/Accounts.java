package dev.backchannel.accounts;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Actor;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.names.Names;
import dev.backchannel.names.Names.Kind;
import dev.backchannel.service.Refused;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.UserChange;
import dev.backchannel.store.UserInfo;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The administration of users, whoever asks: listing them, creating one with a first password or a
 * one-time set-up token, and changing his settings. Only those the access policy lets administer
 * the station may ({@link AccessPolicy#administers}). Logging in, set-up tokens and sessions are
 * {@link Logins}'. Knows nothing of HTTP: it refuses with {@link Refused}.
 */
public final class Accounts {
  private final Store store;
  private final AccessPolicy policy;
  private final PasswordHasher hasher;

  public Accounts(Store store, AccessPolicy policy, PasswordHasher hasher) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * A user's settings as a request gives them, each as written; what is absent was not given.
   * Creating a user needs a name and a clearance; changing one takes neither name nor password.
   *
   * @param clearance a classification, {@code TOP SECRET} or {@code TOP_SECRET} alike
   * @param caveats caveats of the station's registry
   * @param timeZone a zone such as {@code America/New_York}
   * @param officeHours as {@code 08:00-18:00 MON-FRI}
   * @param roles role names, {@code duty officer}, {@code duty-officer} and {@code DUTY_OFFICER}
   *     alike
   */
  public record UserForm(
      Optional<String> name,
      Optional<String> addressedAs,
      Optional<String> clearance,
      Optional<List<String>> caveats,
      Optional<String> timeZone,
      Optional<String> officeHours,
      Optional<List<String>> roles,
      Optional<String> password,
      Optional<Boolean> disabled) {
    public UserForm {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(addressedAs, "addressedAs");
      Objects.requireNonNull(clearance, "clearance");
      caveats = caveats.map(List::copyOf);
      Objects.requireNonNull(timeZone, "timeZone");
      Objects.requireNonNull(officeHours, "officeHours");
      roles = roles.map(List::copyOf);
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(disabled, "disabled");
    }
  }

  /**
   * A user just created, and the one-time set-up token he sets his first password with, when he was
   * created without one. The token is not kept (only its hash): this is the one time it is shown.
   */
  public record Created(UserInfo user, Optional<String> setupToken) {
    public Created {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(setupToken, "setupToken");
    }
  }

  /**
   * Every user.
   *
   * @throws Refused FORBIDDEN for an actor who may not administer the station
   */
  public List<UserInfo> users(Actor by) {
    requireAdministrator(by);
    return store.users();
  }

  /**
   * One user.
   *
   * @throws Refused FORBIDDEN as {@link #users}; NOT_FOUND naming the name when there is none
   */
  public UserInfo user(Actor by, String name) {
    requireAdministrator(by);
    return requireUser(name);
  }

  /**
   * Creates a user; without a password he gets a one-time set-up token instead. Addressed as his
   * name, in UTC, in the default office hours and with no roles unless the form says otherwise.
   *
   * @throws Refused FORBIDDEN as {@link #users}; INVALID naming the field: disabled given (a new
   *     user cannot be created disabled), name or clearance missing, a name or addressed-as name
   *     the {@link Names name policy} refuses, a clearance, caveat, time zone or role that is not
   *     one, a password too short or too long
   */
  public Created create(Actor by, UserForm form) {
    requireAdministrator(by);
    if (form.disabled().isPresent()) {
      throw Refused.invalid("disabled", "a new user cannot be created disabled");
    }
    String name = Names.require(Kind.USER, "name", required(form.name(), "name"));
    String addressedAs =
        Names.require(Kind.ADDRESSED_AS, "addressedAs", form.addressedAs().orElse(name));
    Clearance clearance =
        new Clearance(
            classification(required(form.clearance(), "clearance")),
            caveats(form.caveats().orElse(List.of())));
    Optional<String> hash = form.password().map(this::hashStrong);
    // a token only for a user without a password: he needs one way, and only one, to his first
    Optional<String> token = hash.isEmpty() ? Optional.of(Secrets.newToken()) : Optional.empty();
    UserInfo u =
        store.createUser(
            new NewUser(
                name,
                addressedAs,
                clearance,
                form.timeZone().map(Accounts::zone).orElse(ZoneId.of("UTC")),
                form.officeHours().map(OfficeHours::parse).orElse(OfficeHours.DEFAULT),
                roles(form.roles().orElse(List.of())),
                hash,
                token.map(Secrets::hash)),
            by.name());
    return new Created(u, token);
  }

  /**
   * Changes a user's settings; what the form leaves out stays. A clearance's level and caveats may
   * be changed one without the other.
   *
   * @throws Refused FORBIDDEN as {@link #users}; INVALID naming name or password when either is
   *     given (neither is changed here); NOT_FOUND as {@link #user}; INVALID naming the field as
   *     {@link #create}
   */
  public UserInfo change(Actor by, String name, UserForm form) {
    requireAdministrator(by);
    if (form.name().isPresent() || form.password().isPresent()) {
      throw Refused.invalid(
          form.name().isPresent() ? "name" : "password",
          "a user's name and password cannot be changed here");
    }
    UserInfo before = requireUser(name);
    Optional<Classification> level = form.clearance().map(Accounts::classification);
    Optional<Set<Caveat>> caveats = form.caveats().map(this::caveats);
    Optional<Clearance> clearance =
        level.isEmpty() && caveats.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Clearance(
                    level.orElse(before.clearance().level()),
                    caveats.orElse(before.clearance().caveats())));
    return store.updateUser(
        before.name(),
        new UserChange(
            form.addressedAs().map(a -> Names.require(Kind.ADDRESSED_AS, "addressedAs", a)),
            clearance,
            form.timeZone().map(Accounts::zone),
            form.officeHours().map(OfficeHours::parse),
            form.roles().map(Accounts::roles),
            form.disabled()),
        by.name());
  }

  /**
   * The refusal is the same whatever the request names, so it tells nothing of what exists; its
   * words are those of the HTTP guard in front of the same routes.
   */
  private void requireAdministrator(Actor by) {
    if (!policy.administers(by)) {
      throw Refused.forbidden("this needs the role " + Role.ADMINISTRATOR.name());
    }
  }

  private UserInfo requireUser(String name) {
    return store.user(name).orElseThrow(() -> Refused.notFound("name", "there is no user " + name));
  }

  private static String required(Optional<String> value, String field) {
    return value.orElseThrow(() -> Refused.invalid(field, field + " is required"));
  }

  private String hashStrong(String password) {
    char[] chars = password.toCharArray();
    try {
      Logins.requireStrength(chars);
    } catch (IllegalArgumentException e) {
      throw Refused.invalid("password", e.getMessage());
    }
    return hasher.hash(chars);
  }

  private static Classification classification(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    return Classification.fromWords(t.replace('_', ' '))
        .orElseThrow(
            () ->
                Refused.invalid(
                    "clearance",
                    "\""
                        + text
                        + "\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
                        + " SECRET"));
  }

  /** The caveats named, each of the station's registry: a label may carry no other. */
  private Set<Caveat> caveats(List<String> names) {
    CaveatRegistry registry = store.caveats();
    Set<Caveat> out = new TreeSet<>();
    for (String n : names) {
      Caveat c;
      try {
        c = new Caveat(n.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refused.invalid("caveats", "\"" + n + "\" is not a caveat: " + e.getMessage());
      }
      if (!registry.contains(c)) {
        throw Refused.invalid(
            "caveats",
            "\""
                + n
                + "\" is not a caveat of this station; it knows "
                + String.join(", ", registry.caveats().stream().map(Caveat::name).toList()));
      }
      out.add(c);
    }
    return out;
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw Refused.invalid(
          "timeZone", "\"" + text + "\" is not a time zone such as UTC or America/New_York");
    }
  }

  private static Set<Role> roles(List<String> names) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (String n : names) {
      String t = n.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      try {
        out.add(Role.valueOf(t));
      } catch (IllegalArgumentException e) {
        throw Refused.invalid(
            "roles", "\"" + n + "\" is not a role; the roles are " + List.of(Role.values()));
      }
    }
    return out;
  }
}
