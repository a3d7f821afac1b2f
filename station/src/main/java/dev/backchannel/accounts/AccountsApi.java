package dev.backchannel.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.server.SessionCookie;
import dev.backchannel.store.Membership;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.UserInfo;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Logins, sessions and tokens, and the administration of users, over HTTP. A login answers the same
 * for an unknown user and a wrong password, and is rate-limited per account and per address ({@link
 * Logins}); the rules of users are {@link Accounts}'.
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
  private final Accounts accounts;
  private final boolean secureCookies;

  public AccountsApi(Logins logins, Accounts accounts, boolean secureCookies) {
    this.logins = Objects.requireNonNull(logins, "logins");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
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
      if (e.retryAfterSeconds().isPresent()) {
        throw ApiException.rateLimited(e.getMessage(), e.retryAfterSeconds().getAsLong());
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
      SessionCookie.set(call.context(), login.secret(), login.lifetime(), secureCookies);
      o.put("csrfToken", login.session().csrfToken());
    } else {
      o.put("token", login.secret());
    }
    call.reply(o);
  }

  private void logout(Call call) {
    logins.logout(call.caller().session());
    if (call.caller().session().kind() == SessionKind.SESSION) {
      SessionCookie.remove(call.context());
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
    accounts.users(call.caller().reader()).forEach(u -> a.add(userJson(call, u)));
    call.reply(a);
  }

  private void user(Call call) {
    call.reply(userJson(call, accounts.user(call.caller().reader(), call.path("name"))));
  }

  private void createUser(Call call) {
    Accounts.Created created = accounts.create(call.caller().reader(), form(call));
    ObjectNode o = userJson(call, created.user());
    created.setupToken().ifPresent(t -> o.put("setupToken", t));
    call.reply(201, o);
  }

  private void changeUser(Call call) {
    String name = call.path("name");
    call.reply(userJson(call, accounts.change(call.caller().reader(), name, form(call))));
  }

  /** The request's user settings, each of the type the API takes; the service judges the values. */
  private static Accounts.UserForm form(Call call) {
    JsonBody body = call.body().only(USER_FIELDS);
    return new Accounts.UserForm(
        body.optionalText("name"),
        body.optionalText("addressedAs"),
        body.optionalText("clearance"),
        body.optionalTexts("caveats"),
        body.optionalText("timeZone"),
        body.optionalText("officeHours"),
        body.optionalTexts("roles"),
        body.optionalText("password"),
        body.optionalBool("disabled"));
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
}
