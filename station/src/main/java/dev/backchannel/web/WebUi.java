package dev.backchannel.web;

import dev.backchannel.access.Access;
import dev.backchannel.access.Reader;
import dev.backchannel.accounts.LoginRefused;
import dev.backchannel.accounts.Logins;
import dev.backchannel.app.Services;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.cables.Facts;
import dev.backchannel.cables.Reading;
import dev.backchannel.server.Call;
import dev.backchannel.server.Caller;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.server.SessionCookie;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.StoredCable;
import dev.backchannel.traffic.Traffic;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The web UI (issue 24): pages the station renders itself from JTE templates, with htmx and
 * server-sent events, calling the same feature services as the JSON API, so that every rule and
 * every decision of the access policy (G3) is the one already tested there. Forms post and redirect
 * (Post/Redirect/Get) and carry the session's CSRF token; nothing about cables shows before login.
 */
public final class WebUi implements Feature {
  /** The client name the web UI's receipts carry. */
  public static final String CLIENT = "web";

  /** Pages may load the station's own scripts and styles, and nothing from elsewhere. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final int INBOX_LIMIT = 500;

  /** Times as receipts show them: UTC, to the second. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The assets a page may load, by name: the classpath resource and its content type. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "app.css",
          new Asset("web/app.css", "text/css; charset=utf-8"),
          "app.js",
          new Asset("web/app.js", "text/javascript; charset=utf-8"),
          "htmx.min.js",
          new Asset(
              "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js",
              "text/javascript; charset=utf-8"));

  private record Asset(String resource, String contentType) {}

  private final Services services;
  private final Logins logins;
  private final boolean secureCookies;
  private final Pages pages = new Pages();

  public WebUi(Services services, Logins logins, boolean secureCookies) {
    this.services = Objects.requireNonNull(services, "services");
    this.logins = Objects.requireNonNull(logins, "logins");
    this.secureCookies = secureCookies;
  }

  @Override
  public void routes(Router r) {
    r.page("GET", "/", Guard.PUBLIC, "The inbox, or the login page", this::home);
    r.page("GET", "/login", Guard.PUBLIC, "The login page", this::loginPage);
    r.page("POST", "/login", Guard.PUBLIC, "Log in and go on to the page asked for", this::login);
    r.page("POST", "/logout", Guard.USER, "Log out", this::logout);
    r.page(
        "GET", "/setup", Guard.PUBLIC, "Set a first password with a set-up token", this::setupPage);
    r.page("POST", "/setup", Guard.PUBLIC, "Set a first password and log in", this::setup);
    r.page("GET", "/inbox", Guard.USER, "The caller's envelopes", this::inbox);
    r.page(
        "GET", "/inbox/list", Guard.USER, "The inbox's list alone, for live updates", this::list);
    r.page(
        "GET",
        "/exchanges/{exchange}",
        Guard.USER,
        "An exchange: who has read what, gaps, crossings and the ladder",
        this::exchange);
    r.page(
        "GET",
        "/exchanges/{exchange}/cables/{designator}",
        Guard.USER,
        "One cable; opening its text records OPENED",
        this::cable);
    r.page(
        "GET",
        "/exchanges/{exchange}/cables/{designator}/print",
        Guard.USER,
        "A cable's canonical text, ready to print; opening its text records OPENED",
        this::print);
    r.page(
        "GET",
        "/exchanges/{exchange}/cables/{designator}/timeline",
        Guard.USER,
        "Who has read a cable, for its originator and sending end",
        this::timeline);
    r.page(
        "POST",
        "/exchanges/{exchange}/cables/{designator}/pass",
        Guard.USER,
        "Pass a cable to one of the readers it names in PASS TO",
        this::pass);
    r.page(
        "POST",
        "/exchanges/{exchange}/cables/{designator}/acknowledge",
        Guard.USER,
        "Acknowledge a cable",
        this::acknowledge);
    r.page("GET", "/assets/{name}", Guard.PUBLIC, "The pages' scripts and styles", this::asset);
  }

  private void home(Call call) {
    call.context()
        .redirect(call.optionalCaller().isPresent() ? "/inbox" : "/login", HttpStatus.SEE_OTHER);
  }

  private void loginPage(Call call) {
    if (call.optionalCaller().isPresent()) {
      call.context().redirect(next(call.query("next")), HttpStatus.SEE_OTHER);
      return;
    }
    pages.html(
        call,
        200,
        "login.jte",
        new LoginView(Chrome.anonymous("Log in"), "", next(call.query("next")), Optional.empty()));
  }

  /**
   * Whether a form posted before login came from this station's own page: a browser that says the
   * request is cross-site ({@code Sec-Fetch-Site}), or names another origin, is refused (login
   * CSRF: logging the victim in as someone else). The pages' {@code no-referrer} policy makes a
   * browser send {@code Origin: null}, which names nothing; a client that sends neither header is
   * not a browser's cross-site form.
   */
  private static boolean sameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      return true;
    }
    String host = ctx.header("Host");
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static void crossSite(Call call) {
    call.context()
        .status(403)
        .contentType("text/plain; charset=utf-8")
        .result("a form from another site may not log in here");
  }

  private void login(Call call) {
    Context ctx = call.context();
    if (!sameOrigin(ctx)) {
      crossSite(call);
      return;
    }
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String next = next(Optional.ofNullable(ctx.formParam("next")));
    try {
      Logins.Login login =
          logins.login(name, password.toCharArray(), SessionKind.SESSION, call.address());
      SessionCookie.set(ctx, login.secret(), login.lifetime(), secureCookies);
      ctx.redirect(next, HttpStatus.SEE_OTHER);
    } catch (LoginRefused e) {
      int status = e.retryAfterSeconds().isPresent() ? 429 : 401;
      pages.html(
          call,
          status,
          "login.jte",
          new LoginView(Chrome.anonymous("Log in"), name, next, Optional.of(e.getMessage())));
    }
  }

  private void setupPage(Call call) {
    pages.html(
        call,
        200,
        "setup.jte",
        new SetupView(
            Chrome.anonymous("First password"), call.query("name").orElse(""), Optional.empty()));
  }

  private void setup(Call call) {
    Context ctx = call.context();
    if (!sameOrigin(ctx)) {
      crossSite(call);
      return;
    }
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String again = Optional.ofNullable(ctx.formParam("again")).orElse("");
    Optional<String> refused = Optional.empty();
    int status = 400;
    if (!password.equals(again)) {
      refused = Optional.of("The two passwords differ.");
    } else {
      try {
        Logins.Login login =
            logins.setUp(name, token, password.toCharArray(), SessionKind.SESSION, call.address());
        SessionCookie.set(ctx, login.secret(), login.lifetime(), secureCookies);
        ctx.redirect("/inbox", HttpStatus.SEE_OTHER);
        return;
      } catch (IllegalArgumentException e) {
        refused = Optional.of(e.getMessage());
      } catch (LoginRefused e) {
        refused = Optional.of(e.getMessage());
        status = e.retryAfterSeconds().isPresent() ? 429 : 401;
      }
    }
    pages.html(
        call,
        status,
        "setup.jte",
        new SetupView(Chrome.anonymous("First password"), name, refused));
  }

  private void logout(Call call) {
    logins.logout(call.caller().session());
    SessionCookie.remove(call.context());
    call.context().redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void inbox(Call call) {
    pages.html(call, 200, "inbox.jte", inboxView(call.caller(), "Inbox"));
  }

  private void list(Call call) {
    pages.html(call, 200, "inbox_list.jte", inboxView(call.caller(), "Inbox"));
  }

  private InboxView inboxView(Caller caller, String title) {
    List<InboxView.Envelope> envelopes = new ArrayList<>();
    List<Traffic.InboxEntry> entries =
        new ArrayList<>(services.traffic().inbox(caller.reader(), INBOX_LIMIT));
    entries.sort(
        Comparator.comparing((Traffic.InboxEntry e) -> e.cable().cable().precedence())
            .thenComparing(
                e -> e.cable().releasedAt().orElse(java.time.Instant.EPOCH),
                Comparator.reverseOrder()));
    for (Traffic.InboxEntry e : entries) {
      Cable c = e.cable().cable();
      envelopes.add(
          new InboxView.Envelope(
              Pages.href(e.cable()),
              e.cable().designatorText(),
              e.cable().exchange(),
              Pages.exchangeHref(e.cable().exchange()),
              c.precedence().words(),
              Marking.precedenceClass(c.precedence()),
              c.dtg().map(d -> d.text()).orElse(""),
              c.from().text(),
              c.label().banner(),
              Marking.bannerClass(c.label().classification()),
              state(e.receipts()),
              awaiting(c.precedence(), e.receipts())));
    }
    return new InboxView(Pages.chrome(caller, title), envelopes);
  }

  private void cable(Call call) {
    open(call).ifPresent(o -> pages.html(call, 200, "cable.jte", cableView(call.caller(), o)));
  }

  /**
   * Opens the cable the path names for the caller (OPENED when its text goes to its reader); empty,
   * the page of a missing cable answered, when he may not know of it (G3).
   */
  private Optional<Reading.Opened> open(Call call) {
    try {
      return Optional.of(
          services
              .reading()
              .open(
                  call.caller().reader(),
                  call.path("exchange"),
                  call.designator("designator"),
                  CLIENT,
                  CLIENT));
    } catch (Refused e) {
      pages.notFound(call, e);
      return Optional.empty();
    }
  }

  private CableView cableView(Caller caller, Reading.Opened o) {
    StoredCable sc = o.cable();
    Cable c = sc.cable();
    boolean content = o.access() == Access.CONTENT;
    List<CableView.Link> refs = new ArrayList<>();
    List<CableView.Para> paras = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (content) {
      for (Reading.Followed f : services.reading().references(caller.reader(), sc)) {
        refs.add(
            new CableView.Link(
                f.reference().text(),
                f.cable()
                    .map(
                        x ->
                            Pages.href(x)
                                + f.reference().paragraph().stream()
                                    .mapToObj(p -> "#p" + p)
                                    .collect(Collectors.joining()))));
      }
      int i = 0;
      for (Paragraph p : c.paragraphs()) {
        i++;
        List<String> blocks = new ArrayList<>();
        blocks.add(p.text());
        for (Part part : p.parts()) {
          blocks.add(
              switch (part) {
                case Part.Block b -> b.text();
                case Part.SubParagraph s -> s.label() + " " + s.text();
              });
        }
        paras.add(
            new CableView.Para(
                "p" + (p.number().isPresent() ? p.number().getAsInt() : "u" + i),
                p.number().isPresent() ? p.number().getAsInt() + "." : "",
                blocks));
      }
      for (String crossed : o.facts().crossed()) {
        warnings.add(
            "Crossed "
                + crossed
                + ": each was written before the other reached its end, so neither answers the"
                + " other.");
      }
      Optional<dev.backchannel.cable.Series> series =
          c.designator().flatMap(Designator::numbered).map(n -> n.series());
      if (series.isPresent()) {
        for (Facts.SeriesFacts sf : services.facts().of(caller.reader(), sc.exchange()).series()) {
          if (sf.series().equals(series.get()) && !sf.gaps().isEmpty()) {
            warnings.add(
                "The numbering of "
                    + sf.series().displayName()
                    + " has a gap: "
                    + String.join(", ", sf.gaps().stream().map(g -> g.text()).toList())
                    + " has not arrived here.");
          }
        }
      }
      o.facts()
          .releasedUnread()
          .ifPresent(
              unread -> {
                if (!unread.isEmpty()) {
                  warnings.add(
                      "Released while "
                          + String.join(", ", unread)
                          + " had reached its sender's end unread.");
                }
              });
    }
    boolean delivered = o.receipts().contains(ReceiptKind.DELIVERED);
    boolean mayAcknowledge = content && delivered && awaiting(c.precedence(), o.receipts());
    Optional<String> receiptsUrl =
        content && delivered && !o.receipts().contains(ReceiptKind.READ_IN_FULL)
            ? Optional.of(
                "/api/exchanges/"
                    + Pages.segment(sc.exchange())
                    + "/cables/"
                    + Pages.segment(Pages.linkDesignator(sc))
                    + "/receipts")
            : Optional.empty();
    return new CableView(
        Pages.chrome(caller, sc.designatorText()),
        sc.exchange(),
        Pages.exchangeHref(sc.exchange()),
        sc.designatorText(),
        Pages.href(sc),
        content,
        c.label().banner(),
        Marking.bannerClass(c.label().classification()),
        c.precedence().words(),
        Marking.precedenceClass(c.precedence()),
        c.dtg().map(d -> d.text()).orElse(""),
        c.from().text(),
        names(c.to()),
        names(c.info()),
        content ? names(c.passTo()) : "",
        content ? c.handling().stream().map(Object::toString).toList() : List.of(),
        content ? c.subject() : Optional.empty(),
        refs,
        paras,
        warnings,
        content ? sc.sha256() : "",
        state(o.receipts()),
        mayAcknowledge,
        content && delivered && !c.passTo().isEmpty()
            ? c.passTo().stream().map(Person::name).toList()
            : List.of(),
        receiptsUrl,
        timelineView(caller.reader(), sc));
  }

  private void print(Call call) {
    Optional<Reading.Opened> opened = open(call);
    if (opened.isEmpty()) {
      return;
    }
    Reading.Opened o = opened.get();
    StoredCable c = o.cable();
    boolean content = o.access() == Access.CONTENT;
    pages.html(
        call,
        200,
        "print.jte",
        new PrintView(
            Pages.chrome(call.caller(), c.designatorText() + ", to print"),
            c.designatorText(),
            c.cable().label().banner(),
            Marking.bannerClass(c.cable().label().classification()),
            content ? Optional.of(c.canonical()) : Optional.empty(),
            content ? c.sha256() : ""));
  }

  private void timeline(Call call) {
    StoredCable c;
    try {
      c =
          services
              .receipts()
              .known(call.caller().reader(), call.path("exchange"), call.designator("designator"));
    } catch (Refused e) {
      pages.notFound(call, e);
      return;
    }
    pages.html(call, 200, "timeline.jte", timelineView(call.caller().reader(), c));
  }

  private TimelineView timelineView(Reader reader, StoredCable c) {
    String cable = Pages.href(c);
    String api =
        "/api/exchanges/"
            + Pages.segment(c.exchange())
            + "/cables/"
            + Pages.segment(Pages.linkDesignator(c));
    Optional<Map<String, List<Receipt>>> all =
        services.receipts().byReader(reader, c.exchange(), Pages.linkDesignator(c));
    List<TimelineView.Row> rows = new ArrayList<>();
    all.ifPresent(
        m ->
            m.forEach(
                (name, receipts) ->
                    rows.add(
                        new TimelineView.Row(
                            name,
                            receipts.stream()
                                .map(
                                    r ->
                                        new TimelineView.Step(
                                            r.kind().name().replace('_', ' '),
                                            r.kind().name(),
                                            TIME.format(r.at()),
                                            r.by().orElse(""),
                                            api
                                                + "/proof?reader="
                                                + Pages.segment(name)
                                                + "&kind="
                                                + r.kind().name()))
                                .toList()))));
    return new TimelineView(cable + "/timeline", all.isPresent(), rows);
  }

  private void exchange(Call call) {
    Reader reader = call.caller().reader();
    Facts.Ladder ladder;
    try {
      ladder = services.facts().ladder(reader, call.path("exchange"));
    } catch (Refused e) {
      pages.notFound(call, e);
      return;
    }
    Map<StoredCable, String> sendingEnds = new java.util.HashMap<>();
    ladder.rungs().forEach(r -> sendingEnds.put(r.cable(), r.from()));
    List<String> panel = new ArrayList<>();
    services
        .receipts()
        .standing(
            reader,
            ladder.rungs().stream().map(Facts.Rung::cable).toList(),
            c -> Optional.ofNullable(sendingEnds.get(c)))
        .forEach((name, standing) -> panel.add(Standing.sentence(name, standing)));
    List<String> gaps = new ArrayList<>();
    for (Facts.SeriesFacts sf : ladder.facts().series()) {
      sf.gaps()
          .forEach(g -> gaps.add(sf.series().displayName() + " " + g.text() + " has not arrived"));
    }
    List<String> crossings = new ArrayList<>();
    for (Facts.Rung r : ladder.rungs()) {
      for (String other : r.crossed()) {
        if (r.name().compareTo(other) < 0) {
          crossings.add(
              r.name() + " and " + other + " crossed: each was written before the other arrived.");
        }
      }
    }
    pages.html(
        call,
        200,
        "exchange.jte",
        new ExchangeView(
            Pages.chrome(call.caller(), "Exchange " + call.path("exchange")),
            call.path("exchange"),
            panel,
            gaps,
            crossings,
            LadderView.of(ladder, r -> Pages.href(r.cable()))));
  }

  private void pass(Call call) {
    String to = Optional.ofNullable(call.context().formParam("to")).orElse("").strip();
    onCable(
        call,
        (exchange, designator) ->
            services.receipts().pass(call.caller().reader(), exchange, designator, to));
  }

  private void acknowledge(Call call) {
    onCable(
        call,
        (exchange, designator) ->
            services
                .receipts()
                .report(call.caller().reader(), exchange, designator, "ACKNOWLEDGED", CLIENT));
  }

  /**
   * Does something to the cable the path names, then shows it again (Post/Redirect/Get); a cable
   * the caller may not know of answers as the page of a missing one (G3).
   */
  private void onCable(Call call, java.util.function.BiConsumer<String, String> action) {
    String exchange = call.path("exchange");
    String designator = call.designator("designator");
    try {
      action.accept(exchange, designator);
    } catch (Refused e) {
      if (e.kind() == Refused.Kind.NOT_FOUND) {
        pages.notFound(call, e);
        return;
      }
      throw e;
    }
    call.context()
        .redirect(
            "/exchanges/" + Pages.segment(exchange) + "/cables/" + Pages.segment(designator),
            HttpStatus.SEE_OTHER);
  }

  private void asset(Call call) {
    Asset a = ASSETS.get(call.path("name"));
    if (a == null) {
      call.context().status(404).contentType("text/plain; charset=utf-8").result("no such asset");
      return;
    }
    try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream(a.resource())) {
      if (in == null) {
        throw new IllegalStateException("the asset " + a.resource() + " is not in the jar");
      }
      call.reply(a.contentType(), in.readAllBytes(), "no-cache");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the asset " + a.resource(), e);
    }
  }

  /** Where to go after logging in: a path of this station, never another site. */
  private static String next(Optional<String> asked) {
    return asked
        .filter(n -> n.startsWith("/") && !n.startsWith("//") && !n.startsWith("/\\"))
        .filter(n -> n.chars().noneMatch(ch -> ch < 0x20))
        .orElse("/inbox");
  }

  private static String names(List<Person> people) {
    return people.stream().map(Person::text).collect(Collectors.joining(", "));
  }

  /** The reader's furthest receipt, in words. */
  static String state(List<ReceiptKind> receipts) {
    if (receipts.contains(ReceiptKind.ACKNOWLEDGED)) {
      return "acknowledged";
    }
    if (receipts.contains(ReceiptKind.READ_IN_FULL)) {
      return "read in full";
    }
    if (receipts.contains(ReceiptKind.OPENED)) {
      return "opened";
    }
    return "unread";
  }

  /** A cable whose precedence asks its reader to acknowledge it (G7), not yet acknowledged. */
  private static boolean awaiting(Precedence p, List<ReceiptKind> receipts) {
    return Objectives.answer(p) == Objectives.Answer.ACKNOWLEDGED
        && !receipts.contains(ReceiptKind.ACKNOWLEDGED);
  }

  /** The login page: the name typed, where to go next, and why the last try failed. */
  public record LoginView(Chrome chrome, String name, String next, Optional<String> error) {}

  /** The set-up page: the name typed, and why the last try failed. */
  public record SetupView(Chrome chrome, String name, Optional<String> error) {}

  /** A page that does not exist, or that the caller may not know of (G3): the same words. */
  public record NotFoundView(Chrome chrome, String message) {}
}
