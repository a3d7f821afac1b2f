package dev.backchannel.receipts;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.names.Names;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Proof of reading (G4, DESIGN 5.3) and passing (5.2), whoever asks: a reader reports READ_IN_FULL
 * (only after OPENED) and ACKNOWLEDGED (only himself, never automatic), each recorded once; a
 * reader sees his own receipts, and those {@link AccessPolicy#seesEveryReceipt} allows see every
 * reader's; an addressee the cable reached passes it to one of its PASS TO readers. Knows nothing
 * of HTTP: it refuses with {@link Refused}.
 */
public final class Receipts {
  private final Store store;
  private final AccessPolicy policy;

  public Receipts(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A cable passed: to whom, and whether now (false when it had been passed to him before). */
  public record Passed(StoredCable cable, UserInfo to, boolean now) {}

  /**
   * A cable the reader may know of.
   *
   * @throws Refused NOT_FOUND alike for a cable that does not exist and one he may not know of (G3)
   */
  public StoredCable known(Reader reader, String exchange, String designator) {
    Optional<StoredCable> found =
        store.exchange(exchange).flatMap(x -> CableLookup.find(store, x, designator));
    if (found.isEmpty() || policy.decide(reader, found.get()) == Access.NONE) {
      throw Refused.notFound("designator", "no cable " + designator + " in exchange " + exchange);
    }
    return found.get();
  }

  /**
   * The receipts of a cable that the reader may see: his own, or every reader's.
   *
   * @throws Refused NOT_FOUND as {@link #known}
   */
  public List<Receipt> visible(Reader reader, String exchange, String designator) {
    StoredCable c = known(reader, exchange, designator);
    boolean all = seesAll(reader, c);
    return store.receipts(c.id()).stream()
        .filter(r -> all || r.reader().equals(reader.user().name()))
        .toList();
  }

  /**
   * Every reader's receipts of a cable, each reader's oldest first and readers in the order they
   * were first reached: for who sees every reader's (its originator and its sending end); empty for
   * anyone else who may know of it.
   *
   * @throws Refused NOT_FOUND as {@link #known}
   */
  public Optional<Map<String, List<Receipt>>> byReader(
      Reader reader, String exchange, String designator) {
    StoredCable c = known(reader, exchange, designator);
    if (!seesAll(reader, c)) {
      return Optional.empty();
    }
    Map<String, List<Receipt>> m = new LinkedHashMap<>();
    store.receipts(c.id()).stream()
        .sorted(Comparator.comparing(Receipt::at))
        .forEach(r -> m.computeIfAbsent(r.reader(), k -> new ArrayList<>()).add(r));
    return Optional.of(m);
  }

  /** How far a reader has got with a cable: his furthest receipt of it. */
  public record Standing(StoredCable cable, ReceiptKind furthest) {
    public Standing {
      Objects.requireNonNull(cable, "cable");
      Objects.requireNonNull(furthest, "furthest");
    }
  }

  /**
   * For each reader, how far he has got with each of {@code cables} whose every reader's receipts
   * {@code reader} sees (he sent it, or he is of its sending end): what an exchange's panel says.
   * Readers in name order, each one's cables in the order given.
   *
   * @param sendingEnd each cable's sending end, as the caller knows it
   */
  public Map<String, List<Standing>> standing(
      Reader reader, List<StoredCable> cables, Function<StoredCable, Optional<String>> sendingEnd) {
    List<StoredCable> seen =
        cables.stream()
            .filter(c -> policy.seesEveryReceipt(reader, c, sendingEnd.apply(c)))
            .toList();
    Map<Long, List<Receipt>> all = store.receipts(seen.stream().map(StoredCable::id).toList());
    Map<String, List<Standing>> out = new TreeMap<>();
    for (StoredCable c : seen) {
      Map<String, ReceiptKind> furthest = new LinkedHashMap<>();
      for (Receipt r : all.getOrDefault(c.id(), List.of())) {
        furthest.merge(r.reader(), r.kind(), (a, b) -> rank(b) > rank(a) ? b : a);
      }
      furthest.forEach(
          (name, kind) ->
              out.computeIfAbsent(name, k -> new ArrayList<>()).add(new Standing(c, kind)));
    }
    return out;
  }

  /** How far a receipt kind goes: reached him, opened, read in full, acknowledged. */
  private static int rank(ReceiptKind k) {
    return switch (k) {
      case DELIVERED, PASSED -> 0;
      case OPENED -> 1;
      case READ_IN_FULL -> 2;
      case ACKNOWLEDGED -> 3;
    };
  }

  /**
   * Records the reader's READ_IN_FULL or ACKNOWLEDGED of a cable delivered to him and opened by
   * him, and tells him and those who see every reader's receipts.
   *
   * @param kindText the kind as the reader gave it ({@code read in full} reads as READ_IN_FULL)
   * @param client the client he used, at most 100 characters
   * @throws Refused NOT_FOUND as {@link #known}; INVALID for another kind or a longer client;
   *     CONFLICT NOT_DELIVERED or NOT_OPENED when the cable did not reach him or he has not opened
   *     it
   */
  public Receipt report(
      Reader reader, String exchange, String designator, String kindText, String client) {
    StoredCable c = known(reader, exchange, designator);
    ReceiptKind kind;
    try {
      kind = ReceiptKind.valueOf(kindText.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      kind = null;
    }
    if (kind != ReceiptKind.READ_IN_FULL && kind != ReceiptKind.ACKNOWLEDGED) {
      throw Refused.invalid(
          "kind",
          "a reader reports READ_IN_FULL or ACKNOWLEDGED; DELIVERED, OPENED and PASSED are the"
              + " station's to record, not \""
              + kindText
              + "\"");
    }
    if (client.length() > 100) {
      throw Refused.invalid("client", "client must be at most 100 characters");
    }
    long user = reader.user().id();
    if (store.deliveredAt(c.id(), user).isEmpty()) {
      throw Refused.conflict(
          "NOT_DELIVERED",
          "designator",
          c.designatorText() + " was not delivered to " + reader.user().name());
    }
    boolean opened =
        store.receipts(c.id()).stream()
            .anyMatch(
                r -> r.reader().equals(reader.user().name()) && r.kind() == ReceiptKind.OPENED);
    if (!opened) {
      throw Refused.conflict(
          "NOT_OPENED",
          "kind",
          kind + " comes only after " + reader.user().name() + " opened " + c.designatorText());
    }
    return store.receipt(c.id(), user, kind, client, Optional.empty(), reader.user().name());
  }

  /**
   * An addressee (TO or INFO) the cable was delivered to passes it to a reader its originator named
   * in PASS TO; a sealed cable is passed without being opened, since passing needs only its
   * envelope.
   *
   * @param to the reader as the cable addresses him
   * @throws Refused NOT_FOUND as {@link #known}; FORBIDDEN when the caller is no addressee it
   *     reached; INVALID when the cable may not be passed to that name
   */
  public Passed pass(Reader reader, String exchange, String designator, String to) {
    StoredCable c = known(reader, exchange, designator);
    String me = reader.user().addressedAs();
    boolean addressee =
        c.cable().to().stream().anyMatch(p -> p.name().equals(me))
            || c.cable().info().stream().anyMatch(p -> p.name().equals(me));
    if (!addressee || store.deliveredAt(c.id(), reader.user().id()).isEmpty()) {
      throw Refused.forbidden("only an addressee the cable was delivered to passes it on");
    }
    // the PASS TO line is content, yet an addressee who sees only the envelope (a sealed cable)
    // must still pass it to the reader it is for: he learns only whether the name he gives is one.
    // He may name the reader as the cable does (THE PRESIDENT) or by his login (president).
    String name = to.strip();
    Optional<UserInfo> target =
        store.users().stream()
            .filter(
                u -> c.cable().passTo().stream().anyMatch(p -> p.name().equals(u.addressedAs())))
            .filter(u -> u.addressedAs().equalsIgnoreCase(name) || u.name().equalsIgnoreCase(name))
            .findFirst();
    if (target.isEmpty()) {
      throw Refused.invalid(
          "to",
          Names.escaped(name)
              + " is not a reader the originator allows this cable to be passed to; give his login"
              + " name or the name the PASS TO line addresses him by");
    }
    boolean now = store.pass(c.id(), reader.user().id(), target.get().id(), reader.user().name());
    StoredCable after = c;
    if (now) {
      after =
          store
              .exchange(c.exchange())
              .flatMap(x -> CableLookup.find(store, x, designator))
              .orElse(c);
    }
    return new Passed(after, target.get(), now);
  }

  private boolean seesAll(Reader reader, StoredCable c) {
    return policy.seesEveryReceipt(reader, c, CableLookup.sendingEnd(store, c));
  }
}
