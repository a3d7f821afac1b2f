package dev.backchannel.cables;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Reference;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cable as a reader opens it, whatever the client (API, web page, CLI): the access policy
 * decides what he gets (G3), and the full text going to a reader it was delivered to, for display,
 * is his OPENED (G4, DESIGN 5.3).
 */
public final class Reading {
  /** The longest client name a receipt records. */
  public static final int MAX_CLIENT = 100;

  private final Store store;
  private final AccessPolicy policy;
  private final Facts facts;

  public Reading(Store store, AccessPolicy policy, Facts facts) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.facts = Objects.requireNonNull(facts, "facts");
  }

  /**
   * A cable as its reader got it.
   *
   * @param access {@link Access#CONTENT} or {@link Access#ENVELOPE}, never NONE
   * @param receipts the reader's own receipts of it, OPENED included when this opening recorded it
   * @param facts its crossings and released-unread, as far as the reader may know of them
   */
  public record Opened(
      StoredCable cable, Access access, List<ReceiptKind> receipts, Facts.CableFacts facts) {
    public Opened {
      Objects.requireNonNull(cable, "cable");
      Objects.requireNonNull(access, "access");
      receipts = List.copyOf(receipts);
      Objects.requireNonNull(facts, "facts");
      if (access == Access.NONE) {
        throw new IllegalArgumentException("access: a cable opened is shown, not NONE");
      }
    }
  }

  /**
   * Opens a cable for display to {@code reader}: its content when he may read it, else its
   * envelope; OPENED is recorded when the content goes to a reader it was delivered to.
   *
   * @param client the client he uses, as receipts name it; a blank or longer name reads as {@code
   *     fallback}
   * @throws Refused NOT_FOUND alike for a cable that does not exist and one he may not know of (G3)
   */
  public Opened open(
      Reader reader, String exchange, String designator, String client, String fallback) {
    Optional<StoredCable> found =
        store.exchange(exchange).flatMap(x -> CableLookup.find(store, x, designator));
    Access access = found.map(c -> policy.decide(reader, c)).orElse(Access.NONE);
    if (access == Access.NONE) {
      throw Refused.notFound("designator", "no cable " + designator + " in exchange " + exchange);
    }
    StoredCable c = found.get();
    if (access == Access.CONTENT && store.deliveredAt(c.id(), reader.user().id()).isPresent()) {
      String name = client.strip();
      store.receipt(
          c.id(),
          reader.user().id(),
          ReceiptKind.OPENED,
          name.isEmpty() || name.length() > MAX_CLIENT ? fallback : name,
          Optional.empty(),
          reader.user().name());
    }
    List<ReceiptKind> mine =
        store.receipts(c.id()).stream()
            .filter(r -> r.reader().equals(reader.user().name()))
            .map(r -> r.kind())
            .toList();
    return new Opened(c, access, mine, facts.of(reader, c, access));
  }

  /**
   * A reference of a cable as a reader may follow it: the cable it names, when he may know of it;
   * empty when it does not exist or he may not know of it, which he cannot tell apart (G3).
   */
  public record Followed(Reference reference, Optional<StoredCable> cable) {
    public Followed {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(cable, "cable");
    }
  }

  /** The references of {@code c}, in order, each as {@code reader} may follow it. */
  public List<Followed> references(Reader reader, StoredCable c) {
    return c.cable().references().stream()
        .map(
            r -> {
              String exchange = r.exchange().orElse(c.exchange());
              Optional<StoredCable> named =
                  store
                      .cable(exchange, r.series(), r.serial())
                      .filter(x -> policy.decide(reader, x) != Access.NONE);
              return new Followed(r, named);
            })
        .toList();
  }
}
