package dev.backchannel.web;

import dev.backchannel.access.Reader;
import dev.backchannel.accounts.Accounts;
import dev.backchannel.channels.Channels;
import dev.backchannel.relay.Relay;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.service.Refused;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Role;
import dev.backchannel.store.UserInfo;
import dev.backchannel.traffic.Holds;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Administration in the browser, for administrators and duty officers: users, ends and their
 * members, holds and resumes, the caveat registry. Each form calls the feature service the JSON API
 * calls, so the service's own rule decides who may (an administrator for users, members and
 * caveats; an end's duty officer or an administrator for its hold).
 */
public final class AdminPages implements Feature {
  private final Accounts accounts;
  private final Channels channels;
  private final Holds holds;
  private final Relay relay;
  private final Pages pages = new Pages();

  public AdminPages(Accounts accounts, Channels channels, Holds holds, Relay relay) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  @Override
  public void routes(Router r) {
    r.page("GET", "/admin", Guard.USER, "Administration", this::page);
    r.page("POST", "/admin/users", Guard.USER, "Create a user", this::createUser);
    r.page("POST", "/admin/members", Guard.USER, "Put a user in an end", this::putMember);
    r.page(
        "POST",
        "/admin/members/remove",
        Guard.USER,
        "Take a user out of an end",
        this::removeMember);
    r.page(
        "POST",
        "/admin/ends",
        Guard.USER,
        "Require a second approval of an end's releases, or not",
        this::secondApproval);
    r.page("POST", "/admin/users/state", Guard.USER, "Disable or enable a user", this::userState);
    r.page("POST", "/admin/caveats", Guard.USER, "Add a caveat to the registry", this::addCaveat);
    r.page("POST", "/admin/holds", Guard.USER, "Hold or resume an end", this::hold);
    r.page(
        "POST",
        "/admin/links",
        Guard.USER,
        "Take the link to a peer station down, or bring it up",
        this::link);
  }

  /** The administration page; what the caller may not administer is not shown. */
  public record AdminView(
      Chrome chrome,
      Optional<String> notice,
      boolean administrator,
      List<UserInfo> users,
      List<EndInfo> ends,
      List<String> caveats,
      List<EndInfo> holdable,
      List<Relay.Link> links) {
    public AdminView {
      links = List.copyOf(links);
      users = List.copyOf(users);
      ends = List.copyOf(ends);
      caveats = List.copyOf(caveats);
      holdable = List.copyOf(holdable);
    }
  }

  private void page(Call call) {
    show(call, 200, Optional.empty());
  }

  private void show(Call call, int status, Optional<String> notice) {
    Reader reader = call.caller().reader();
    boolean admin = reader.has(Role.ADMINISTRATOR);
    if (!admin && !reader.has(Role.DUTY_OFFICER)) {
      pages.html(
          call,
          403,
          "notfound.jte",
          new WebUi.NotFoundView(
              Pages.chrome(call.caller(), "Administration"),
              "Administration is for administrators and duty officers."));
      return;
    }
    pages.html(
        call,
        status,
        "admin.jte",
        new AdminView(
            Pages.chrome(call.caller(), "Administration"),
            notice,
            admin,
            admin ? accounts.users(reader) : List.of(),
            admin
                ? channels.channels(reader).stream().flatMap(c -> c.ends().stream()).toList()
                : List.of(),
            admin ? channels.caveats().caveats().stream().map(c -> c.name()).toList() : List.of(),
            holds.holdable(reader),
            admin ? relay.links(reader) : List.of()));
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  /** Runs a change; a refusal is shown on the page, above what it concerns. */
  private void change(Call call, Runnable change) {
    try {
      change.run();
    } catch (Refused e) {
      show(
          call,
          switch (e.kind()) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            default -> 400;
          },
          Optional.of(e.getMessage()));
      return;
    }
    call.context().redirect("/admin", HttpStatus.SEE_OTHER);
  }

  private void createUser(Call call) {
    Context ctx = call.context();
    Accounts.Created[] created = new Accounts.Created[1];
    try {
      created[0] =
          accounts.create(
              call.caller().reader(),
              new Accounts.UserForm(
                  Optional.of(field(ctx, "name")),
                  Optional.of(field(ctx, "addressedAs")).filter(s -> !s.isEmpty()),
                  Optional.of(field(ctx, "clearance")),
                  Optional.of(ctx.formParams("caveats")),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(ctx.formParams("roles")),
                  Optional.empty(),
                  Optional.empty()));
    } catch (Refused e) {
      show(call, e.kind() == Refused.Kind.FORBIDDEN ? 403 : 400, Optional.of(e.getMessage()));
      return;
    }
    // the set-up token is shown once, here, and never again: no redirect that would lose it
    show(
        call,
        201,
        Optional.of(
            "Created "
                + created[0].user().name()
                + created[0]
                    .setupToken()
                    .map(t -> "; the set-up token for the first password, shown once: " + t)
                    .orElse("")));
  }

  private void putMember(Call call) {
    Context ctx = call.context();
    change(
        call,
        () ->
            channels.putMember(
                call.caller().reader(),
                field(ctx, "channel"),
                field(ctx, "end"),
                field(ctx, "user"),
                "true".equals(field(ctx, "releaseAuthority"))));
  }

  private void removeMember(Call call) {
    Context ctx = call.context();
    change(
        call,
        () ->
            channels.removeMember(
                call.caller().reader(),
                field(ctx, "channel"),
                field(ctx, "end"),
                field(ctx, "user")));
  }

  private void secondApproval(Call call) {
    Context ctx = call.context();
    change(
        call,
        () ->
            channels.setSecondApproval(
                call.caller().reader(),
                field(ctx, "channel"),
                field(ctx, "end"),
                "true".equals(field(ctx, "secondApproval"))));
  }

  private void userState(Call call) {
    Context ctx = call.context();
    change(
        call,
        () ->
            accounts.change(
                call.caller().reader(),
                field(ctx, "name"),
                new Accounts.UserForm(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("true".equals(field(ctx, "disabled"))))));
  }

  private void addCaveat(Call call) {
    change(call, () -> channels.addCaveat(call.caller().reader(), field(call.context(), "name")));
  }

  private void hold(Call call) {
    Context ctx = call.context();
    Reader reader = call.caller().reader();
    String channel = field(ctx, "channel");
    String end = field(ctx, "end");
    change(
        call,
        () -> {
          if ("resume".equals(field(ctx, "action"))) {
            holds.resume(reader, channel, end);
          } else {
            holds.hold(reader, channel, end);
          }
        });
  }

  private void link(Call call) {
    Context ctx = call.context();
    change(
        call,
        () ->
            relay.setLinkDown(
                call.caller().reader(), field(ctx, "peer"), "down".equals(field(ctx, "action"))));
  }
}
