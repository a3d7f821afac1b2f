package dev.backchannel.cables;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Crossings;
import dev.backchannel.cable.rules.Gaps;
import dev.backchannel.json.CableJson;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of traffic over HTTP: lists of envelopes, one cable, and the facts of an exchange
 * (crossings, gaps, released-unread). Every answer asks the {@link AccessPolicy} about each cable,
 * and a cable the caller may not know of answers exactly like one that does not exist (G3).
 */
public final class CablesApi implements Feature {
  private final Store store;
  private final AccessPolicy policy;

  public CablesApi(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/cables",
        Guard.USER,
        "Envelopes of the cables the caller may know of, most recent first; filters exchange,"
            + " series, precedence, limit",
        this::list);
    r.get(
        "/api/exchanges/{exchange}/cables/{designator}",
        Guard.USER,
        "One cable: its content when the caller may read it, else its envelope",
        this::one);
    r.get(
        "/api/exchanges/{exchange}/facts",
        Guard.USER,
        "Crossings, gaps and released-unread among the exchange's cables the caller may know of",
        this::facts);
  }

  private void list(Call call) {
    Reader reader = call.caller().reader();
    CableQuery query =
        new CableQuery(
            call.query("exchange"),
            call.query("series").map(s -> new Series(s.strip().toUpperCase(Locale.ROOT))),
            call.query("precedence").map(CablesApi::precedence),
            call.query("limit").map(CablesApi::limit).orElse(100));
    ArrayNode a = call.json().createArrayNode();
    for (StoredCable c : store.cables(reader.visibility(), query)) {
      if (policy.decide(reader, c).includes(Access.ENVELOPE)) {
        a.add(envelope(c));
      }
    }
    call.reply(a);
  }

  private void one(Call call) {
    Reader reader = call.caller().reader();
    String exchange = call.path("exchange");
    String designator = call.path("designator");
    Optional<StoredCable> found =
        store.exchange(exchange).flatMap(x -> CableLookup.find(store, x, designator));
    Access access = found.map(c -> policy.decide(reader, c)).orElse(Access.NONE);
    if (access == Access.NONE) {
      // the same answer whether it does not exist or may not be known (G3)
      throw ApiException.notFound(
          "designator", "no cable " + designator + " in exchange " + exchange);
    }
    StoredCable c = found.get();
    ObjectNode o = access == Access.CONTENT ? content(c) : envelope(c);
    o.put("access", access.name());
    if (access == Access.CONTENT && store.deliveredAt(c.id(), reader.user().id()).isPresent()) {
      // the full text goes to its reader for display: OPENED (G4, DESIGN 5.3)
      store.receipt(
          c.id(),
          reader.user().id(),
          ReceiptKind.OPENED,
          call.context().header("X-Backchannel-Client") == null
              ? "api"
              : clientName(call.context().header("X-Backchannel-Client")),
          Optional.empty(),
          reader.user().name());
    }
    ArrayNode mine = o.putArray("receipts");
    store.receipts(c.id()).stream()
        .filter(r -> r.reader().equals(reader.user().name()))
        .forEach(r -> mine.add(r.kind().name()));
    ArrayNode crossed = o.putArray("crossings");
    Optional<ExchangeInfo> x = store.exchange(c.exchange());
    List<StoredCable> knownHere = x.map(e -> known(reader, e)).orElse(List.of());
    if (access == Access.CONTENT) {
      // G5's released-unread of this cable, among the cables the caller may know of (G3)
      Set<String> names = names(knownHere);
      ArrayNode unread = o.putArray("releasedUnread");
      store.releasedUnread(c.id()).stream().filter(names::contains).forEach(unread::add);
    }
    x.ifPresent(
        e ->
            crossings(e, knownHere).stream()
                .filter(k -> k.a().equals(released(c)) || k.b().equals(released(c)))
                .forEach(k -> crossed.add(text(k.a().equals(released(c)) ? k.b() : k.a()))));
    call.reply(o);
  }

  private void facts(Call call) {
    Reader reader = call.caller().reader();
    String name = call.path("exchange");
    Optional<ExchangeInfo> exchange = store.exchange(name);
    List<StoredCable> known = exchange.map(x -> known(reader, x)).orElse(List.of());
    if (exchange.isEmpty() || (known.isEmpty() && !reader.isMemberOf(exchange.get().channel()))) {
      throw ApiException.notFound("exchange", "there is no exchange " + name);
    }
    ExchangeInfo x = exchange.get();
    ObjectNode o = call.json().createObjectNode();
    o.put("exchange", x.name());
    o.put("complete", known.size() < CableQuery.MAX_LIMIT);
    ArrayNode series = o.putArray("series");
    List<Crossings.Released> released = new ArrayList<>();
    for (ExchangeInfo.SeriesInfo s : x.series()) {
      List<Integer> held = new ArrayList<>();
      for (StoredCable c : known) {
        Optional<Designator.Numbered> n = c.cable().designator().flatMap(Designator::numbered);
        if (n.isPresent() && n.get().series().equals(s.series())) {
          held.add(n.get().serial());
          if (c.seen().isPresent()) {
            released.add(new Crossings.Released(s.series(), n.get().serial(), c.seen().getAsInt()));
          }
        }
      }
      held.sort(null);
      ObjectNode so = series.addObject();
      so.put("name", s.series().name());
      so.put("sendingEnd", s.sendingEnd());
      so.put("held", held.size());
      ArrayNode gaps = so.putArray("gaps");
      Gaps.of(held).forEach(g -> gaps.add(g.text()));
    }
    ArrayNode crossings = o.putArray("crossings");
    for (Crossings.Crossing c : crossings(x, known)) {
      crossings.addObject().put("a", text(c.a())).put("b", text(c.b()));
    }
    ArrayNode unread = o.putArray("releasedUnread");
    // G3: only designators of cables the caller may know of, as "Hakto 45"
    Set<String> knownNames = names(known);
    for (StoredCable c : known) {
      if (policy.decide(reader, c) == Access.CONTENT) {
        List<String> list =
            store.releasedUnread(c.id()).stream().filter(knownNames::contains).toList();
        if (!list.isEmpty()) {
          unread
              .addObject()
              .put("cable", c.designatorText())
              .put("unread", String.join(", ", list));
        }
      }
    }
    call.reply(o);
  }

  /** The cables' designators as released-unread lists name them: {@code Hakto 45}. */
  private static Set<String> names(List<StoredCable> cables) {
    Set<String> names = new java.util.HashSet<>();
    for (StoredCable c : cables) {
      c.cable()
          .designator()
          .flatMap(Designator::numbered)
          .ifPresent(n -> names.add(n.series().displayName() + " " + n.serial()));
    }
    return names;
  }

  /**
   * The cables of an exchange the reader may know of (G3), at most {@link CableQuery#MAX_LIMIT}.
   */
  private List<StoredCable> known(Reader reader, ExchangeInfo x) {
    List<StoredCable> known = new ArrayList<>();
    for (StoredCable c :
        store.cables(
            reader.visibility(),
            new CableQuery(
                Optional.of(x.name()), Optional.empty(), Optional.empty(), CableQuery.MAX_LIMIT))) {
      if (policy.decide(reader, c).includes(Access.ENVELOPE)) {
        known.add(c);
      }
    }
    return known;
  }

  /**
   * The crossings among cables released here with their {@code seen}, once both are delivered: both
   * ends see a crossing as soon as the second of the two arrives (G5).
   */
  private List<Crossings.Crossing> crossings(ExchangeInfo x, List<StoredCable> known) {
    Set<Long> held = store.heldCables(x.name());
    List<Crossings.Released> released = new ArrayList<>();
    for (StoredCable c : known) {
      if (c.seen().isPresent() && !held.contains(c.id())) {
        Crossings.Released r = released(c);
        if (r != null) {
          released.add(r);
        }
      }
    }
    return Crossings.among(released, x.series().get(0).series(), x.series().get(1).series());
  }

  /** A released cable as the crossing rule sees it; null for one without serial or seen. */
  private static Crossings.Released released(StoredCable c) {
    Optional<Designator.Numbered> n = c.cable().designator().flatMap(Designator::numbered);
    if (n.isEmpty() || c.seen().isEmpty()) {
      return null;
    }
    return new Crossings.Released(n.get().series(), n.get().serial(), c.seen().getAsInt());
  }

  private static String clientName(String header) {
    String h = header.strip();
    return h.isEmpty() || h.length() > 100 ? "api" : h;
  }

  private static String text(Crossings.Released r) {
    return r.series().displayName() + " " + r.serial();
  }

  /** The envelope of G3 with the station's facts about it. */
  private static ObjectNode envelope(StoredCable c) {
    ObjectNode o = CableJson.envelope(c.cable());
    o.put("exchange", c.exchange());
    o.put("origin", c.origin().name());
    return o;
  }

  private static ObjectNode content(StoredCable c) {
    ObjectNode o = CableJson.of(c.cable());
    o.put("exchange", c.exchange());
    o.put("origin", c.origin().name());
    c.releasedAt().ifPresent(t -> o.put("releasedAt", t.toString()));
    c.seen().ifPresent(s -> o.put("seen", s));
    c.document().ifPresent(d -> o.put("document", d));
    o.put("canonical", c.canonical());
    return o;
  }

  private static Precedence precedence(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('_', ' ');
    for (Precedence p : Precedence.values()) {
      if (p.words().equals(t)) {
        return p;
      }
    }
    throw ApiException.invalid(
        "precedence", "\"" + text + "\" is not a precedence: " + List.of(Precedence.values()));
  }

  private static int limit(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= CableQuery.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(
        "limit",
        "limit must be a number from 1 to " + CableQuery.MAX_LIMIT + ", not \"" + text + "\"");
  }
}
