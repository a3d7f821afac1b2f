package dev.backchannel.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Designator;
import dev.backchannel.live.LiveFeed;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Proof of reading over HTTP (G4, DESIGN 5.3): a reader reports READ_IN_FULL (only after OPENED)
 * and ACKNOWLEDGED (only himself, never automatic); each is recorded once. A reader sees his own
 * receipts; the originator and members of the sending end who may read the cable see every
 * reader's.
 */
public final class ReceiptsApi implements Feature {
  private final Store store;
  private final AccessPolicy policy;
  private final LiveFeed live;

  public ReceiptsApi(Store store, AccessPolicy policy, LiveFeed live) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.live = Objects.requireNonNull(live, "live");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/exchanges/{exchange}/cables/{designator}/receipts",
        Guard.USER,
        "The receipts of a cable the caller may see: his own, or every reader's for its sender",
        this::list);
    r.post(
        "/api/exchanges/{exchange}/cables/{designator}/pass",
        Guard.USER,
        "Pass a cable verbatim to one of its PASS TO readers (an addressee it was delivered to)",
        this::pass);
    r.post(
        "/api/exchanges/{exchange}/cables/{designator}/receipts",
        Guard.USER,
        "Report READ_IN_FULL or ACKNOWLEDGED for a cable delivered to the caller",
        this::report);
  }

  /** A cable the caller may know of, else the answer of one that does not exist (G3). */
  private StoredCable known(Call call, Reader reader) {
    String exchange = call.path("exchange");
    String designator = call.path("designator");
    Optional<StoredCable> found =
        store.exchange(exchange).flatMap(x -> CableLookup.find(store, x, designator));
    if (found.isEmpty() || policy.decide(reader, found.get()) == Access.NONE) {
      throw ApiException.notFound(
          "designator", "no cable " + designator + " in exchange " + exchange);
    }
    return found.get();
  }

  /** Whether the caller sees every reader's receipts of the cable (G3's last row). */
  private boolean seesAll(Reader reader, StoredCable c) {
    if (policy.decide(reader, c) != Access.CONTENT) {
      return false;
    }
    if (c.cable().from().name().equals(reader.user().addressedAs())) {
      return true;
    }
    Optional<String> sendingEnd =
        c.cable()
            .designator()
            .flatMap(Designator::numbered)
            .flatMap(n -> store.exchange(c.exchange()).flatMap(x -> x.series(n.series())))
            .map(ExchangeInfo.SeriesInfo::sendingEnd);
    return sendingEnd.isPresent()
        && reader.memberships().stream()
            .anyMatch(m -> m.channel().equals(c.channel()) && m.end().equals(sendingEnd.get()));
  }

  private void list(Call call) {
    Reader reader = call.caller().reader();
    StoredCable c = known(call, reader);
    boolean all = seesAll(reader, c);
    ArrayNode a = call.json().createArrayNode();
    for (Receipt r : store.receipts(c.id())) {
      if (all || r.reader().equals(reader.user().name())) {
        a.add(json(call, r));
      }
    }
    call.reply(a);
  }

  private void report(Call call) {
    Reader reader = call.caller().reader();
    StoredCable c = known(call, reader);
    JsonBody body = call.body().only(Set.of("kind", "client"));
    String kindText = body.text("kind");
    ReceiptKind kind;
    try {
      kind = ReceiptKind.valueOf(kindText.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      kind = null;
    }
    if (kind != ReceiptKind.READ_IN_FULL && kind != ReceiptKind.ACKNOWLEDGED) {
      throw ApiException.invalid(
          "kind",
          "a reader reports READ_IN_FULL or ACKNOWLEDGED; DELIVERED, OPENED and PASSED are the"
              + " station's to record, not \""
              + kindText
              + "\"");
    }
    String client = body.optionalText("client").orElse("api");
    if (client.length() > 100) {
      throw ApiException.invalid("client", "client must be at most 100 characters");
    }
    long user = reader.user().id();
    if (store.deliveredAt(c.id(), user).isEmpty()) {
      throw new ApiException(
          409,
          "NOT_DELIVERED",
          "designator",
          c.designatorText() + " was not delivered to " + reader.user().name());
    }
    boolean opened =
        store.receipts(c.id()).stream()
            .anyMatch(
                r -> r.reader().equals(reader.user().name()) && r.kind() == ReceiptKind.OPENED);
    if (!opened) {
      throw new ApiException(
          409,
          "NOT_OPENED",
          "kind",
          kind + " comes only after " + reader.user().name() + " opened " + c.designatorText());
    }
    Receipt r = store.receipt(c.id(), user, kind, client, Optional.empty(), reader.user().name());
    // the reader, and among the originator and the members of the channel those who see all
    java.util.Set<String> members = new java.util.HashSet<>();
    store.ends(c.channel()).forEach(e -> e.members().forEach(m -> members.add(m.user())));
    List<UserInfo> told = new ArrayList<>();
    for (UserInfo u : store.users()) {
      boolean candidate =
          members.contains(u.name()) || u.addressedAs().equals(c.cable().from().name());
      if (u.id() == user || candidate && seesAll(new Reader(u, store.memberships(u.id())), c)) {
        told.add(u);
      }
    }
    live.receipt(c, r, told);
    call.reply(json(call, r));
  }

  /**
   * An addressee (TO or INFO) the cable was delivered to passes it to a reader its originator named
   * in PASS TO; a sealed cable is passed without being opened, since passing needs only its
   * envelope.
   */
  private void pass(Call call) {
    Reader reader = call.caller().reader();
    StoredCable c = known(call, reader);
    String to = call.body().only(Set.of("to")).text("to").strip().toUpperCase(Locale.ROOT);
    String me = reader.user().addressedAs();
    boolean addressee =
        c.cable().to().stream().anyMatch(p -> p.name().equals(me))
            || c.cable().info().stream().anyMatch(p -> p.name().equals(me));
    if (!addressee || store.deliveredAt(c.id(), reader.user().id()).isEmpty()) {
      throw ApiException.forbiddenHere("only an addressee the cable was delivered to passes it on");
    }
    // the PASS TO line is content, yet an addressee who sees only the envelope (a sealed cable)
    // must still pass it to the reader it is for: he learns only whether the name he gives is one
    boolean allowed = c.cable().passTo().stream().anyMatch(p -> p.name().equals(to));
    Optional<UserInfo> target =
        store.users().stream().filter(u -> u.addressedAs().equals(to)).findFirst();
    if (!allowed || target.isEmpty()) {
      throw ApiException.invalid(
          "to", to + " is not a reader the originator allows this cable to be passed to");
    }
    boolean now = store.pass(c.id(), reader.user().id(), target.get().id(), reader.user().name());
    if (now) {
      StoredCable after =
          store
              .exchange(c.exchange())
              .flatMap(x -> CableLookup.find(store, x, call.path("designator")))
              .orElse(c);
      live.passed(after, target.get());
    }
    ObjectNode o = call.json().createObjectNode();
    o.put("designator", c.designatorText());
    o.put("passedTo", target.get().name());
    o.put("passedNow", now);
    call.reply(o);
  }

  private static ObjectNode json(Call call, Receipt r) {
    ObjectNode o = call.json().createObjectNode();
    o.put("reader", r.reader());
    o.put("kind", r.kind().name());
    o.put("at", r.at().toString());
    o.put("client", r.client());
    r.by().ifPresent(b -> o.put("by", b));
    return o;
  }
}
