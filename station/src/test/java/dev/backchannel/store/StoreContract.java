package dev.backchannel.store;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static dev.backchannel.store.StoreFixtures.TOHAK;
import static dev.backchannel.store.StoreFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CanonicalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store backend keeps, written once: each backend's test extends it and says
 * how to open a fresh store.
 */
public abstract class StoreContract {
  protected Store store;

  /** A fresh, empty store of the backend under test. */
  protected abstract Store openFresh();

  @BeforeEach
  void openAndSetUp() {
    store = openFresh();
    StoreFixtures.setUp(store);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private StoredCable release(Series series, Cable draft) {
    return store.release(new ReleaseRequest(EXCHANGE, series, draft, "operator"));
  }

  @Test
  void releaseAssignsNextSerialInSeriesAndTheNextStationSerial() {
    StoredCable first = release(HAKTO, draft("One."));
    StoredCable second = release(HAKTO, draft("Two."));
    StoredCable other = release(TOHAK, draft("Three."));

    assertThat(first.designatorText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(second.designatorText()).isEqualTo("Hakto 2/WHS 2");
    assertThat(other.designatorText()).isEqualTo("Tohak 1/WHS 3");
    assertThat(store.station().orElseThrow().stationSerial()).isEqualTo(3);
  }

  @Test
  void releaseFreezesDtgAndHashAndRecordsSeen() {
    release(TOHAK, draft("One."));
    release(TOHAK, draft("Two."));

    StoredCable released = release(HAKTO, draft("Reply."));

    assertThat(released.seen()).isEqualTo(OptionalInt.of(2));
    assertThat(released.releasedAt()).isPresent();
    assertThat(released.cable().dtg()).contains(Dtg.of(released.releasedAt().get()));
    assertThat(released.sha256()).isEqualTo(CanonicalText.sha256(released.cable()));
    assertThat(released.canonical()).isEqualTo(CanonicalText.render(released.cable()));
    StoredCable read = store.cable(EXCHANGE, HAKTO, 1).orElseThrow();
    assertThat(read).isEqualTo(released);
  }

  @Test
  void concurrentReleasesAreGaplessAndShareCommits() throws Exception {
    int threads = 8;
    int each = 1_000;
    long commitsBefore = store.stats().commits();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Integer>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                List<Integer> serials = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  Designator d =
                      release(HAKTO, draft("Cable " + i + ".")).cable().designator().get();
                  serials.add(d.numbered().orElseThrow().serial());
                }
                return serials;
              }));
    }
    List<Integer> all = new ArrayList<>();
    for (Future<List<Integer>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();

    assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
    assertThat(store.serials(EXCHANGE, HAKTO))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
    long commits = store.stats().commits() - commitsBefore;
    assertThat(store.stats().releases()).isEqualTo(threads * each);
    assertThat(commits)
        .as("commits for %d releases", threads * each)
        .isLessThan(threads * each / 2);
  }

  @Test
  void releaseReferringToNoCableStoresNothingAndWritesNoEvent() {
    release(TOHAK, draft("One."));
    long events = store.events(0, 10_000).size();

    assertThatThrownBy(() -> release(HAKTO, StoreFixtures.draftReferring(Reference.to(TOHAK, 99))))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.NOT_FOUND);
              assertThat(e.field()).isEqualTo("references");
              assertThat(e.getMessage()).isEqualTo("REF TOHAK 99 names no cable of exchange OCT72");
            });

    assertThat(store.events(0, 10_000)).hasSize((int) events);
    assertThat(store.cables(Optional.of(EXCHANGE), 100)).hasSize(1);
    assertThat(
            release(HAKTO, StoreFixtures.draftReferring(Reference.to(TOHAK, 1))).designatorText())
        .isEqualTo("Hakto 1/WHS 2");
  }

  @Test
  void releaseOfACableThatIsNoDraftIsRefused() {
    Cable numbered = draft("One.").toBuilder().designator(Designator.of(HAKTO, 7)).build();

    assertThatThrownBy(() -> release(HAKTO, numbered))
        .isInstanceOf(StoreException.class)
        .hasMessage("only a draft can be released; this cable already has the designator Hakto 7");
    assertThat(store.cables(Optional.empty(), 10)).isEmpty();
  }

  @Test
  void releaseIntoASeriesOfAnotherExchangeIsRefusedNamingTheSeries() {
    assertThatThrownBy(() -> release(new Series("SECTO"), draft("One.")))
        .isInstanceOf(StoreException.class)
        .hasMessage("SECTO is not a series of exchange OCT72; its series are HAKTO and TOHAK");
  }

  @Test
  void everyChangeAppendsAnEvent() {
    release(HAKTO, draft("One."));

    assertThat(store.events(0, 100))
        .extracting(StoredEvent::kind)
        .containsExactly(
            "STATION_INITIALISED",
            "USER_CREATED",
            "CHANNEL_CREATED",
            "EXCHANGE_CREATED",
            "CABLE_RELEASED");
    assertThat(store.events(0, 100).get(4).data()).contains("\"designator\":\"Hakto 1/WHS 1\"");
  }

  @Test
  void initialisingTwiceIsRefused() {
    assertThatThrownBy(() -> StoreFixtures.setUp(store))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.problem()).isEqualTo(StoreException.Problem.ALREADY_INITIALISED));
  }

  @Test
  void exchangeNamesAndChannelsAreChecked() {
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "NOPE",
                        "X",
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "WH")),
                    "admin"))
        .hasMessage("no channel named NOPE");
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "BACKCHANNEL",
                        EXCHANGE,
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "WH")),
                    "admin"))
        .hasMessage("an exchange named OCT72 exists already");
    assertThatThrownBy(
            () ->
                store.createExchange(
                    new NewExchange(
                        "BACKCHANNEL",
                        "NOV72",
                        new NewExchange.SeriesEnd(HAKTO, "HAK"),
                        new NewExchange.SeriesEnd(TOHAK, "PARIS")),
                    "admin"))
        .hasMessage("channel BACKCHANNEL has no end named PARIS; its ends are HAK and WH");
    assertThat(store.exchange("NOV72")).isEmpty();
  }

  @Test
  void importSkipsDuplicatesAndReportsConflictsStoringNothingOfThem() {
    Cable hakto45 = draft("Printed text.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    Cable other = draft("Other text.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    Cable secto =
        draft("Text.").toBuilder().designator(Designator.of(new Series("SECTO"), 1)).build();

    List<ImportResult> results =
        store.importCables(
            EXCHANGE,
            List.of(
                ImportRequest.of(hakto45, OptionalInt.of(54), "edition", "a.txt"),
                ImportRequest.of(hakto45, OptionalInt.of(54), "edition", "b.txt"),
                ImportRequest.of(other, OptionalInt.of(55), "edition", "c.txt"),
                ImportRequest.of(secto, OptionalInt.empty(), "edition", "d.txt")),
            "operator");

    assertThat(results)
        .extracting(ImportResult::outcome)
        .containsExactly(
            ImportResult.Outcome.IMPORTED,
            ImportResult.Outcome.DUPLICATE,
            ImportResult.Outcome.CONFLICT,
            ImportResult.Outcome.REFUSED);
    assertThat(results.get(3).reason())
        .isEqualTo("SECTO is not a series of exchange OCT72; its series are HAKTO and TOHAK");
    StoredCable stored = store.cable(EXCHANGE, HAKTO, 45).orElseThrow();
    assertThat(stored.cable()).isEqualTo(hakto45);
    assertThat(stored.origin()).isEqualTo(StoredCable.Origin.IMPORTED);
    assertThat(stored.seen()).isEmpty();
    assertThat(stored.document()).hasValue(54);
    assertThat(store.cables(Optional.of(EXCHANGE), 10)).hasSize(1);
    assertThat(store.events(0, 100)).filteredOn(e -> e.kind().equals("CABLE_IMPORTED")).hasSize(1);
  }

  @Test
  void importedSerialsDoNotUseTheCounters() {
    Cable hakto45 = draft("Printed.").toBuilder().designator(Designator.of(HAKTO, 45)).build();
    store.importCables(
        EXCHANGE, List.of(ImportRequest.of(hakto45, OptionalInt.empty(), "", "a.txt")), "operator");

    assertThat(release(HAKTO, draft("Live.")).designatorText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(store.serials(EXCHANGE, HAKTO)).containsExactly(1, 45);
  }
}
