package dev.backchannel.cables;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Crossings;
import dev.backchannel.cable.rules.Gaps;
import dev.backchannel.cable.rules.SerialRange;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the station knows of an exchange's traffic as one reader may know it (G3, G5, G6): its gaps
 * by series, its crossings, and what each cable was released without its releaser having opened.
 * Only cables the reader may know of count, and only designators of those are named; an exchange he
 * may know nothing of is refused as one that does not exist. Knows nothing of HTTP.
 */
public final class Facts {
  private final Store store;
  private final AccessPolicy policy;

  public Facts(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** One series as held here: how many of its cables, and the serials missing (G6). */
  public record SeriesFacts(Series series, String sendingEnd, int held, List<SerialRange> gaps) {
    public SeriesFacts {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(sendingEnd, "sendingEnd");
      gaps = List.copyOf(gaps);
    }
  }

  /** A cable released while its releaser had not opened these (G5), by designator. */
  public record Unread(String cable, List<String> unread) {
    public Unread {
      Objects.requireNonNull(cable, "cable");
      unread = List.copyOf(unread);
    }
  }

  /**
   * The facts of an exchange.
   *
   * @param complete false when the reader may know of more cables than one read returns ({@link
   *     CableQuery#MAX_LIMIT}): the facts are then of the most recent
   */
  public record ExchangeFacts(
      String exchange,
      boolean complete,
      List<SeriesFacts> series,
      List<Crossings.Crossing> crossings,
      List<Unread> releasedUnread) {
    public ExchangeFacts {
      Objects.requireNonNull(exchange, "exchange");
      series = List.copyOf(series);
      crossings = List.copyOf(crossings);
      releasedUnread = List.copyOf(releasedUnread);
    }
  }

  /**
   * The facts of an exchange as the reader may know them.
   *
   * @throws Refused NOT_FOUND alike for an exchange that does not exist and one he may know nothing
   *     of
   */
  public ExchangeFacts of(Reader reader, String exchangeName) {
    ExchangeInfo x = knownExchange(reader, exchangeName);
    return of(reader, x, known(reader, x));
  }

  /**
   * The exchange, when the reader may know of it.
   *
   * @throws Refused NOT_FOUND alike for an exchange that does not exist and one he may not know of
   */
  private ExchangeInfo knownExchange(Reader reader, String exchangeName) {
    Optional<ExchangeInfo> exchange = store.exchange(exchangeName);
    // the same rule as the exchange lists (an administrator knows every exchange), so an exchange
    // listed to him has facts for him too: those of the cables he may know of, maybe none (G3)
    if (exchange.isEmpty()
        || !policy.knowsExchange(reader, exchange.get(), () -> known(reader, exchange.get()))) {
      throw Refused.notFound("exchange", "there is no exchange " + exchangeName);
    }
    return exchange.get();
  }

  private ExchangeFacts of(Reader reader, ExchangeInfo x, List<StoredCable> known) {
    List<SeriesFacts> series = new ArrayList<>();
    for (ExchangeInfo.SeriesInfo s : x.series()) {
      List<Integer> held = new ArrayList<>();
      for (StoredCable c : known) {
        c.cable()
            .designator()
            .flatMap(Designator::numbered)
            .filter(n -> n.series().equals(s.series()))
            .ifPresent(n -> held.add(n.serial()));
      }
      series.add(new SeriesFacts(s.series(), s.sendingEnd(), held.size(), Gaps.of(held)));
    }
    // G3: only designators of cables the caller may know of, as "Hakto 45"
    Set<String> knownNames = names(known);
    List<StoredCable> readable =
        known.stream().filter(c -> policy.decide(reader, c) == Access.CONTENT).toList();
    Map<Long, List<String>> unreadById =
        store.releasedUnread(readable.stream().map(StoredCable::id).toList());
    List<Unread> unread = new ArrayList<>();
    for (StoredCable c : readable) {
      List<String> list =
          unreadById.getOrDefault(c.id(), List.of()).stream().filter(knownNames::contains).toList();
      if (!list.isEmpty()) {
        unread.add(new Unread(c.designatorText(), list));
      }
    }
    return new ExchangeFacts(
        x.name(), known.size() < CableQuery.MAX_LIMIT, series, crossings(x, known), unread);
  }

  /**
   * What the reader may know of one cable he may know of: the cables it crossed, and, when he may
   * read it, what it was released without its releaser having opened.
   */
  public record CableFacts(List<String> crossed, Optional<List<String>> releasedUnread) {
    public CableFacts {
      crossed = List.copyOf(crossed);
      releasedUnread = releasedUnread.map(List::copyOf);
    }
  }

  /** The facts of one cable, as {@link CableFacts}; {@code access} is the reader's to it. */
  public CableFacts of(Reader reader, StoredCable c, Access access) {
    Optional<ExchangeInfo> x = store.exchange(c.exchange());
    List<StoredCable> knownHere = x.map(e -> known(reader, e)).orElse(List.of());
    Optional<List<String>> unread = Optional.empty();
    if (access == Access.CONTENT) {
      // G5's released-unread of this cable, among the cables the caller may know of (G3)
      Set<String> names = names(knownHere);
      unread = Optional.of(store.releasedUnread(c.id()).stream().filter(names::contains).toList());
    }
    List<String> crossed = new ArrayList<>();
    Optional<Crossings.Released> self = released(c);
    if (x.isPresent() && self.isPresent()) {
      for (Crossings.Crossing k : crossings(x.get(), knownHere)) {
        if (k.a().equals(self.get())) {
          crossed.add(text(k.b()));
        } else if (k.b().equals(self.get())) {
          crossed.add(text(k.a()));
        }
      }
    }
    return new CableFacts(crossed, unread);
  }

  /**
   * One cable on an exchange's ladder: from its sending end when it was released to the other end
   * when it first reached a reader there (empty while it has not), with the cables it crossed.
   *
   * @param name as the answers name it: {@code Hakto 45}
   */
  public record Rung(
      StoredCable cable,
      String name,
      String from,
      String to,
      Instant released,
      Optional<Instant> delivered,
      List<String> crossed) {
    public Rung {
      Objects.requireNonNull(cable, "cable");
      Objects.requireNonNull(delivered, "delivered");
      crossed = List.copyOf(crossed);
    }
  }

  /**
   * An exchange as a sequence diagram: its two ends, each released cable the reader may know of as
   * a rung in order of release, and the exchange's facts; nothing the reader may not know of (G3).
   */
  public record Ladder(List<String> ends, List<Rung> rungs, ExchangeFacts facts) {
    public Ladder {
      ends = List.copyOf(ends);
      rungs = List.copyOf(rungs);
      Objects.requireNonNull(facts, "facts");
    }
  }

  /**
   * The exchange's ladder for {@code reader}.
   *
   * @throws Refused NOT_FOUND as {@link #of(Reader, String)}
   */
  public Ladder ladder(Reader reader, String exchangeName) {
    ExchangeInfo x = knownExchange(reader, exchangeName);
    List<StoredCable> known = known(reader, x);
    ExchangeFacts facts = of(reader, x, known);
    Map<String, List<String>> crossed = new HashMap<>();
    for (Crossings.Crossing k : crossings(x, known)) {
      crossed.computeIfAbsent(text(k.a()), n -> new ArrayList<>()).add(text(k.b()));
      crossed.computeIfAbsent(text(k.b()), n -> new ArrayList<>()).add(text(k.a()));
    }
    Map<Long, Instant> delivered =
        store.firstDelivered(known.stream().map(StoredCable::id).toList());
    List<String> ends = x.series().stream().map(ExchangeInfo.SeriesInfo::sendingEnd).toList();
    List<Rung> rungs = new ArrayList<>();
    for (StoredCable c : known) {
      Optional<Designator.Numbered> n = c.cable().designator().flatMap(Designator::numbered);
      if (n.isEmpty() || c.releasedAt().isEmpty()) {
        continue;
      }
      String from =
          x.series().stream()
              .filter(s -> s.series().equals(n.get().series()))
              .map(ExchangeInfo.SeriesInfo::sendingEnd)
              .findFirst()
              .orElseThrow();
      String to = ends.stream().filter(e -> !e.equals(from)).findFirst().orElse(from);
      String name = n.get().series().displayName() + " " + n.get().serial();
      rungs.add(
          new Rung(
              c,
              name,
              from,
              to,
              c.releasedAt().get(),
              Optional.ofNullable(delivered.get(c.id())),
              crossed.getOrDefault(name, List.of())));
    }
    rungs.sort(Comparator.comparing(Rung::released).thenComparing(Rung::name));
    return new Ladder(ends, rungs, facts);
  }

  /** A crossing's cable as the answers name it: {@code Hakto 45}. */
  public static String text(Crossings.Released r) {
    return r.series().displayName() + " " + r.serial();
  }

  /** The cables' designators as released-unread lists name them: {@code Hakto 45}. */
  private static Set<String> names(List<StoredCable> cables) {
    Set<String> names = new HashSet<>();
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
      if (!held.contains(c.id())) {
        released(c).ifPresent(released::add);
      }
    }
    return Crossings.among(released, x.series().get(0).series(), x.series().get(1).series());
  }

  /** A released cable as the crossing rule sees it; empty for one without serial or seen. */
  private static Optional<Crossings.Released> released(StoredCable c) {
    Optional<Designator.Numbered> n = c.cable().designator().flatMap(Designator::numbered);
    if (n.isEmpty() || c.seen().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Crossings.Released(n.get().series(), n.get().serial(), c.seen().getAsInt()));
  }
}
