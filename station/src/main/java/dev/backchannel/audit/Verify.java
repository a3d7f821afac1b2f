package dev.backchannel.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.store.RebuiltEntry;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.SignedNote;
import dev.backchannel.tlog.Tiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code audit verify} (G8): rebuilds every entry of the log from the domain rows it covers and
 * compares it with the entry as logged; hashes every logged entry and compares it with the leaf the
 * log holds; rebuilds the tree and compares its root at each checkpoint's size with the root the
 * checkpoint signed; and checks every checkpoint's signature with the station's key. Matching roots
 * at every checkpoint is the consistency of each checkpoint with the one before it.
 *
 * <p>Rows that a later change of the same subject replaced (a member removed after being put, a
 * draft saved again) no longer show the earlier event: only the latest event of such a subject must
 * match its rows. Every other event (releases, deliveries, receipts, passes, escalations, logins)
 * must match its rows for ever.
 */
public final class Verify {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The divergences a report lists at most; it counts the others. */
  static final int LISTED = 1_000;

  /** Entries read and checked at a time. */
  static final int CHUNK = 4096;

  /** The kinds whose rows a later change of the same subject replaces. */
  private static final Set<String> REPLACEABLE =
      Set.of(
          "USER_CREATED",
          "USER_CHANGED",
          "PASSWORD_SET",
          "MEMBER_PUT",
          "MEMBER_REMOVED",
          "END_CHANGED",
          "END_HELD",
          "END_RESUMED",
          "END_PLACED",
          "LINK_CHANGED",
          "DRAFT_SAVED",
          "DRAFT_APPROVED",
          "DRAFT_DISCARDED");

  /** Told how far the check is, after each chunk. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void checked(long done, long total);
  }

  /**
   * Something the log or the rows no longer say as they did.
   *
   * @param entry the entry it concerns, or the size of the checkpoint it concerns
   * @param checkpoint whether {@code entry} is a checkpoint's size
   */
  public record Divergence(long entry, boolean checkpoint, String what) {
    public Divergence {
      Objects.requireNonNull(what, "what");
    }

    /** One line: {@code entry 17: ...} or {@code checkpoint of 40 entries: ...}. */
    public String line() {
      return (checkpoint ? "checkpoint of " + entry + " entries" : "entry " + entry) + ": " + what;
    }
  }

  /**
   * What the check found, and where its time went.
   *
   * @param divergences the first {@link #LISTED} divergences by entry, the first first
   * @param divergenceCount how many divergences there are in all
   * @param readingRows the time spent reading and rebuilding rows (on a thread of its own, beside
   *     the hashing)
   * @param hashing the time spent checking and hashing entries and the tree
   */
  public record Report(
      long entries,
      int checkpoints,
      List<Divergence> divergences,
      long divergenceCount,
      Duration readingRows,
      Duration hashing) {
    public Report {
      divergences = List.copyOf(divergences);
    }

    public boolean holds() {
      return divergenceCount == 0;
    }

    public Optional<Divergence> first() {
      return divergences.stream().findFirst();
    }
  }

  private final Store store;

  public Verify(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Checks the whole log. */
  public Report run(Progress progress) {
    StationInfo station =
        store.station().orElseThrow(() -> new IllegalStateException("the station is not set up"));
    SignedNote.Verifier key = AuditLog.verifier(station);
    Findings found = new Findings();
    TreeMap<Long, Hash> signed = new TreeMap<>();
    List<StoredCheckpoint> checkpoints = store.checkpoints();
    for (StoredCheckpoint c : checkpoints) {
      Optional<Checkpoint> opened = SignedNote.open(c.note(), key).map(Checkpoint::parse);
      if (opened.isEmpty() || opened.get().size() != c.size()) {
        found.add(
            new Divergence(
                c.size(),
                true,
                "its signature does not verify with the station's key " + key.text()));
      } else {
        signed.put(c.size(), opened.get().root());
      }
    }
    long total = store.logTree().size();
    CompactTree tree = CompactTree.empty();
    Map<String, Divergence> pending = new HashMap<>();
    AtomicLong reading = new AtomicLong();
    long hashing = 0;
    long agreed = 0;
    long expected = 0;
    List<Hash> tile = List.of();
    long tileIndex = -1;
    // the next stretch is read while this one is checked: the rows and the hashing share the cores
    ExecutorService ahead =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("verify-reader").daemon(true).unstarted(r));
    try {
      Future<List<RebuiltEntry>> next = ahead.submit(() -> read(0, reading));
      for (long start = 0; ; start += CHUNK) {
        List<RebuiltEntry> chunk = next.get();
        long following = start + CHUNK;
        next = ahead.submit(() -> read(following, reading));
        if (chunk.isEmpty() && start >= total) {
          break;
        }
        long h0 = System.nanoTime();
        List<Checked> checked = chunk.parallelStream().map(Verify::check).toList();
        for (Checked c : checked) {
          RebuiltEntry r = c.entry();
          long index = r.logged().index();
          if (index != expected) {
            found.add(
                new Divergence(
                    expected,
                    false,
                    "missing from the events: the next event holds entry " + index));
            expected = index;
          }
          rowsChecked(r, c.differs(), found, pending);
          if (index / Tiles.WIDTH != tileIndex) {
            tileIndex = index / Tiles.WIDTH;
            tile = store.logTile(0, tileIndex);
          }
          int offset = (int) (index % Tiles.WIDTH);
          if (offset >= tile.size() || !tile.get(offset).equals(c.leaf())) {
            found.add(
                new Divergence(
                    index,
                    false,
                    label(r)
                        + ": its event row no longer hashes to the leaf the log holds for it"));
          }
          while (tree.size() < index) {
            // a missing entry: its leaf, as the log holds it, keeps the tree comparable
            tree = tree.append(leafHeld(tree.size()));
          }
          tree = tree.append(c.leaf());
          Hash root = signed.get(tree.size());
          if (root != null) {
            if (root.equals(tree.root())) {
              agreed = tree.size();
            } else {
              found.add(disagreement(tree.size(), agreed));
            }
          }
          expected = index + 1;
        }
        hashing += System.nanoTime() - h0;
        progress.checked(Math.min(expected, total), total);
        if (chunk.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying the log", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("could not read the log", e.getCause());
    } finally {
      ahead.shutdownNow();
    }
    if (expected != total) {
      found.add(
          new Divergence(
              expected,
              false,
              "the log's tree holds " + total + " entries, the events " + expected));
    }
    for (Map.Entry<Long, Hash> c : signed.tailMap(expected, false).entrySet()) {
      found.add(
          new Divergence(
              c.getKey(),
              true,
              "the events hold only "
                  + expected
                  + " entries: history after entry "
                  + agreed
                  + " was removed"));
    }
    pending.values().forEach(found::add);
    return new Report(
        expected,
        checkpoints.size(),
        found.first(),
        found.count(),
        Duration.ofNanos(reading.get()),
        Duration.ofNanos(hashing));
  }

  private Hash leafHeld(long index) {
    List<Hash> t = store.logTile(0, index / Tiles.WIDTH);
    int offset = (int) (index % Tiles.WIDTH);
    return offset < t.size() ? t.get(offset) : Rfc6962.emptyRoot();
  }

  private static Divergence disagreement(long size, long agreed) {
    return new Divergence(
        size,
        true,
        "the log's first "
            + size
            + " entries no longer give the root it signed"
            + (agreed > 0
                ? "; it agrees with the checkpoint of "
                    + agreed
                    + " entries, so history changed after entry "
                    + (agreed - 1)
                : ""));
  }

  /** The divergences found: the first {@link #LISTED} by entry kept, the others counted. */
  private static final class Findings {
    private static final Comparator<Divergence> ORDER =
        Comparator.comparingLong(Divergence::entry).thenComparing(Divergence::checkpoint);
    private final List<Divergence> kept = new ArrayList<>();
    private long dropped;

    void add(Divergence d) {
      kept.add(d);
      if (kept.size() > 2 * LISTED) {
        trim();
      }
    }

    private void trim() {
      kept.sort(ORDER);
      while (kept.size() > LISTED) {
        kept.removeLast();
        dropped++;
      }
    }

    List<Divergence> first() {
      trim();
      return List.copyOf(kept);
    }

    long count() {
      return kept.size() + dropped;
    }
  }

  /** An entry checked on its own: its leaf, and what its rows say otherwise, if anything. */
  private record Checked(RebuiltEntry entry, Hash leaf, Optional<String> differs) {}

  private List<RebuiltEntry> read(long start, AtomicLong reading) {
    long t0 = System.nanoTime();
    List<RebuiltEntry> chunk = store.rebuilt(start, start + CHUNK);
    reading.addAndGet(System.nanoTime() - t0);
    return chunk;
  }

  /** Hashes a logged entry and compares it with what its rows say: what needs no order. */
  private static Checked check(RebuiltEntry r) {
    String logged = r.logged().entry().text();
    Optional<String> differs =
        r.fromRows().isEmpty()
            ? Optional.of("the rows no longer show it")
            : r.fromRows().get().same(r.logged().entry())
                ? Optional.empty()
                : difference(r.fromRows().get().text(), logged);
    return new Checked(r, Rfc6962.leafHash(logged.getBytes(StandardCharsets.UTF_8)), differs);
  }

  /**
   * Records where an entry's rows differ from it; for a replaceable subject, only until its next
   * event.
   */
  private static void rowsChecked(
      RebuiltEntry r, Optional<String> differs, Findings found, Map<String, Divergence> pending) {
    String kind = r.logged().event().kind();
    Optional<String> subject = REPLACEABLE.contains(kind) ? subject(r) : Optional.empty();
    subject.ifPresent(pending::remove);
    if (differs.isEmpty()) {
      return;
    }
    if (r.fromRows().isEmpty() && kind.startsWith("DRAFT_")) {
      // a released or discarded draft's row is gone by design; its events stand in the log alone
      return;
    }
    Divergence d = new Divergence(r.logged().index(), false, label(r) + ": " + differs.get());
    if (REPLACEABLE.contains(kind) && subject.isPresent()) {
      pending.put(subject.get(), d);
    } else {
      found.add(d);
    }
  }

  /** The subject whose rows a replaceable event's successor replaces. */
  private static Optional<String> subject(RebuiltEntry r) {
    JsonNode data = json(r.logged().event().data());
    String kind = r.logged().event().kind();
    return switch (kind) {
      case "USER_CREATED", "USER_CHANGED" -> Optional.of("user " + data.path("user").asText());
      case "PASSWORD_SET" -> Optional.of("password " + data.path("user").asText());
      case "MEMBER_PUT", "MEMBER_REMOVED" ->
          Optional.of(
              "member "
                  + data.path("channel").asText()
                  + "/"
                  + data.path("end").asText()
                  + "/"
                  + data.path("user").asText());
      case "END_CHANGED" ->
          Optional.of(
              "approval " + data.path("channel").asText() + "/" + data.path("end").asText());
      case "END_HELD", "END_RESUMED" ->
          Optional.of("hold " + data.path("channel").asText() + "/" + data.path("end").asText());
      case "END_PLACED" ->
          Optional.of("place " + data.path("channel").asText() + "/" + data.path("end").asText());
      case "LINK_CHANGED" -> Optional.of("link " + data.path("peer").asText());
      case "DRAFT_SAVED", "DRAFT_APPROVED", "DRAFT_DISCARDED" ->
          Optional.of("draft " + data.path("draft").asText());
      default -> Optional.empty();
    };
  }

  private static String label(RebuiltEntry r) {
    return "(" + r.logged().event().kind() + " by " + r.logged().event().actor() + ")";
  }

  /** What differs between the rows' entry and the logged one, field by field; empty if nothing. */
  static Optional<String> difference(String rows, String logged) {
    if (rows.equals(logged)) {
      return Optional.empty();
    }
    JsonNode a = json(rows);
    JsonNode b = json(logged);
    List<String> fields = new ArrayList<>();
    compare("", a, b, fields);
    return Optional.of(String.join("; ", fields));
  }

  private static void compare(String prefix, JsonNode rows, JsonNode logged, List<String> out) {
    Set<String> names = new java.util.TreeSet<>();
    rows.fieldNames().forEachRemaining(names::add);
    logged.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode x = rows.path(name);
      JsonNode y = logged.path(name);
      if (x.isObject() && y.isObject()) {
        compare(prefix + name + ".", x, y, out);
      } else if (!x.equals(y)) {
        out.add(prefix + name + ": the rows say " + shown(x) + ", the log holds " + shown(y));
      }
    }
  }

  private static String shown(JsonNode n) {
    return n.isMissingNode() ? "nothing" : n.toString();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }
}
