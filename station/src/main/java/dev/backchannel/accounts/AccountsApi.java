package dev.backchannel.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.server.StationServer;
import dev.backchannel.store.Membership;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.UserChange;
import dev.backchannel.store.UserInfo;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
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
 * Logins, sessions and tokens, and the administration of users, over HTTP. A login answers the same
 * for an unknown user and a wrong password, and is rate-limited per account and per address.
 */
public final class AccountsApi implements Feature {
  private static final Set<String> LOGIN_FIELDS = Set.of("name", "password", "kind");
  private static final Set<String> SETUP_FIELDS = Set.of("name", "setupToken", "password", "kind");
  private static final Set<String> USER_FIELDS =
      Set.of(
          "name",
          "addressedAs",
          "clearance",
          "caveats",
          "timeZone",
          "officeHours",
          "roles",
          "password",
          "disabled");

  private final Logins logins;
  private final Store store;
  private final PasswordHasher hasher;
  private final boolean secureCookies;

  public AccountsApi(Logins logins, Store store, PasswordHasher hasher, boolean secureCookies) {
    this.logins = Objects.requireNonNull(logins, "logins");
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.secureCookies = secureCookies;
  }

  @Override
  public void routes(Router r) {
    r.post(
        "/api/login",
        Guard.PUBLIC,
        "Log in with name and password; a browser session cookie or a bearer token",
        this::login);
    r.post(
        "/api/setup",
        Guard.PUBLIC,
        "Set a first password with a one-time set-up token, and log in",
        this::setup);
    r.post(
        "/api/logout", Guard.USER, "End the session or token this request came with", this::logout);
    r.get("/api/me", Guard.USER, "The caller's account and the ends he belongs to", this::me);
    r.get("/api/users", Guard.ADMINISTRATOR, "Every user", this::users);
    r.post(
        "/api/users",
        Guard.ADMINISTRATOR,
        "Create a user; without a password a one-time set-up token is returned once",
        this::createUser);
    r.get("/api/users/{name}", Guard.ADMINISTRATOR, "One user", this::user);
    r.patch("/api/users/{name}", Guard.ADMINISTRATOR, "Change a user's settings", this::changeUser);
  }

  private void login(Call call) {
    JsonBody body = call.body().only(LOGIN_FIELDS);
    SessionKind kind = kind(body);
    String name = body.text("name");
    char[] password = body.text("password").toCharArray();
    answer(call, attempt(() -> logins.login(name, password, kind, call.address())));
  }

  private void setup(Call call) {
    JsonBody body = call.body().only(SETUP_FIELDS);
    SessionKind kind = kind(body);
    String name = body.text("name");
    String token = body.text("setupToken");
    char[] password = body.text("password").toCharArray();
    answer(
        call,
        attempt(
            () -> {
              try {
                return logins.setUp(name, token, password, kind, call.address());
              } catch (IllegalArgumentException e) {
                throw ApiException.invalid("password", e.getMessage());
              }
            }));
  }

  private static Logins.Login attempt(java.util.function.Supplier<Logins.Login> login) {
    try {
      return login.get();
    } catch (LoginRefused e) {
      if (e.retryAfter().isPresent()) {
        throw new ApiException(429, "RATE_LIMITED", "", e.getMessage());
      }
      throw new ApiException(401, "LOGIN_FAILED", "", e.getMessage());
    }
  }

  private static SessionKind kind(JsonBody body) {
    String kind = body.optionalText("kind").orElse("session");
    return switch (kind) {
      case "session" -> SessionKind.SESSION;
      case "token" -> SessionKind.TOKEN;
      default ->
          throw ApiException.invalid("kind", "kind must be session or token, not \"" + kind + "\"");
    };
  }

  private void answer(Call call, Logins.Login login) {
    ObjectNode o = call.json().createObjectNode();
    o.set("user", userJson(call, login.session().user()));
    o.put("kind", login.session().kind().name().toLowerCase(Locale.ROOT));
    o.put("expiresAt", login.session().expiresAt().toString());
    if (login.session().kind() == SessionKind.SESSION) {
      Cookie cookie =
          new Cookie(
              StationServer.SESSION_COOKIE,
              login.secret(),
              "/",
              (int) Math.min(Integer.MAX_VALUE, login.lifetime().toSeconds()),
              secureCookies,
              true,
              null,
              SameSite.STRICT);
      call.context().cookie(cookie);
      o.put("csrfToken", login.session().csrfToken());
    } else {
      o.put("token", login.secret());
    }
    call.reply(o);
  }

  private void logout(Call call) {
    logins.logout(call.caller().session());
    if (call.caller().session().kind() == SessionKind.SESSION) {
      call.context().removeCookie(StationServer.SESSION_COOKIE, "/");
    }
    call.context().status(204);
  }

  private void me(Call call) {
    ObjectNode o = userJson(call, call.caller().reader().user());
    ArrayNode ends = o.putArray("ends");
    for (Membership m : call.caller().reader().memberships()) {
      ends.addObject()
          .put("channel", m.channel())
          .put("end", m.end())
          .put("releaseAuthority", m.releaseAuthority());
    }
    call.reply(o);
  }

  private void users(Call call) {
    ArrayNode a = call.json().createArrayNode();
    store.users().forEach(u -> a.add(userJson(call, u)));
    call.reply(a);
  }

  private void user(Call call) {
    call.reply(userJson(call, requireUser(call.path("name"))));
  }

  private UserInfo requireUser(String name) {
    return store
        .user(name)
        .orElseThrow(() -> ApiException.notFound("name", "there is no user " + name));
  }

  private void createUser(Call call) {
    JsonBody body = call.body().only(USER_FIELDS);
    if (body.optionalBool("disabled").isPresent()) {
      throw ApiException.invalid("disabled", "a new user cannot be created disabled");
    }
    String name = body.text("name");
    Clearance clearance =
        new Clearance(
            classification(body.text("clearance")),
            caveats(body.optionalTexts("caveats").orElse(List.of())));
    Optional<String> password = body.optionalText("password");
    String token = password.isEmpty() ? Secrets.newToken() : null;
    Optional<String> hash =
        password.map(
            p -> {
              char[] chars = p.toCharArray();
              try {
                Logins.requireStrength(chars);
              } catch (IllegalArgumentException e) {
                throw ApiException.invalid("password", e.getMessage());
              }
              return hasher.hash(chars);
            });
    UserInfo u =
        store.createUser(
            new NewUser(
                name,
                body.optionalText("addressedAs").orElse(name),
                clearance,
                body.optionalText("timeZone").map(AccountsApi::zone).orElse(ZoneId.of("UTC")),
                body.optionalText("officeHours")
                    .map(OfficeHours::parse)
                    .orElse(OfficeHours.DEFAULT),
                roles(body.optionalTexts("roles").orElse(List.of())),
                hash,
                Optional.ofNullable(token).map(Secrets::hash)),
            call.caller().name());
    ObjectNode o = userJson(call, u);
    if (token != null) {
      o.put("setupToken", token);
    }
    call.reply(201, o);
  }

  private void changeUser(Call call) {
    String name = call.path("name");
    JsonBody body = call.body().only(USER_FIELDS);
    if (body.optionalText("name").isPresent() || body.optionalText("password").isPresent()) {
      throw ApiException.invalid(
          body.optionalText("name").isPresent() ? "name" : "password",
          "a user's name and password cannot be changed here");
    }
    UserInfo before = requireUser(name);
    Optional<Classification> level =
        body.optionalText("clearance").map(AccountsApi::classification);
    Optional<Set<Caveat>> caveats = body.optionalTexts("caveats").map(this::caveats);
    Optional<Clearance> clearance =
        level.isEmpty() && caveats.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Clearance(
                    level.orElse(before.clearance().level()),
                    caveats.orElse(before.clearance().caveats())));
    UserInfo after =
        store.updateUser(
            before.name(),
            new UserChange(
                body.optionalText("addressedAs"),
                clearance,
                body.optionalText("timeZone").map(AccountsApi::zone),
                body.optionalText("officeHours").map(OfficeHours::parse),
                body.optionalTexts("roles").map(AccountsApi::roles),
                body.optionalBool("disabled")),
            call.caller().name());
    call.reply(userJson(call, after));
  }

  /** A user as the API shows him; never his secrets. */
  public static ObjectNode userJson(Call call, UserInfo u) {
    ObjectNode o = call.json().createObjectNode();
    o.put("name", u.name());
    o.put("addressedAs", u.addressedAs());
    o.put("clearance", u.clearance().level().words());
    ArrayNode caveats = o.putArray("caveats");
    new TreeSet<>(u.clearance().caveats()).forEach(c -> caveats.add(c.name()));
    o.put("timeZone", u.timeZone().getId());
    o.put("officeHours", u.officeHours().text());
    ArrayNode roles = o.putArray("roles");
    u.roles().stream().map(Role::name).sorted().forEach(roles::add);
    o.put("disabled", u.disabled());
    return o;
  }

  private static Classification classification(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    return Classification.fromWords(t.replace('_', ' '))
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "clearance",
                    "\""
                        + text
                        + "\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
                        + " SECRET"));
  }

  private Set<Caveat> caveats(List<String> names) {
    CaveatRegistry registry = store.caveats();
    Set<Caveat> out = new TreeSet<>();
    for (String n : names) {
      Caveat c;
      try {
        c = new Caveat(n.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("caveats", "\"" + n + "\" is not a caveat: " + e.getMessage());
      }
      if (!registry.contains(c)) {
        throw ApiException.invalid(
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
      throw ApiException.invalid(
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
        throw ApiException.invalid(
            "roles", "\"" + n + "\" is not a role; the roles are " + List.of(Role.values()));
      }
    }
    return out;
  }
}
