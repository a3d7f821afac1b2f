package dev.backchannel.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Actor;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Proofs;
import dev.backchannel.tlog.SignedNote;
import dev.backchannel.tlog.Tiles;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The station's audit log as its users and monitors see it (G8): signed checkpoints in the C2SP
 * tlog-checkpoint form, the tree as tlog-tiles, inclusion and consistency proofs, entries through
 * the access policy (G3), and receipts' proofs for third parties. Knows nothing of HTTP: it refuses
 * with {@link Refused}.
 *
 * <p>The log's origin, and the name of its key, is {@code backchannel/PREFIX/ID}, ID being the
 * first four bytes of the SHA-256 of the station's public key in hex: one station, one log.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FULL_TILES_KEPT = 4096;

  private final Store store;
  private final AccessPolicy policy;
  private final Optional<PrivateKey> key;
  private final Clock clock;
  private final Map<Long, List<Hash>> fullTiles =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Hash>> eldest) {
          return size() > FULL_TILES_KEPT;
        }
      };
  private volatile SignedNote.Verifier verifier;

  /**
   * @param key the station's signing key; without it, the log is served and proved but no
   *     checkpoint is signed here
   */
  public AuditLog(Store store, AccessPolicy policy, Optional<PrivateKey> key, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The station's verifier key, named by the log's origin. */
  public SignedNote.Verifier verifier() {
    SignedNote.Verifier v = verifier;
    if (v == null) {
      StationInfo station =
          store.station().orElseThrow(() -> new IllegalStateException("the station is not set up"));
      v = verifier(station);
      verifier = v;
    }
    return v;
  }

  /** The verifier key of a station, from its prefix and public key. */
  public static SignedNote.Verifier verifier(StationInfo station) {
    try {
      byte[] raw =
          SignedNote.rawPublicKey(
              KeyFactory.getInstance("Ed25519")
                  .generatePublic(
                      new X509EncodedKeySpec(Base64.getDecoder().decode(station.publicKey()))));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      String origin =
          "backchannel/" + station.prefix() + "/" + HexFormat.of().formatHex(digest, 0, 4);
      return SignedNote.Verifier.of(origin, raw);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the station's public key is not an Ed25519 key: " + station.publicKey(), e);
    }
  }

  /** Checks the whole log against the rows and the checkpoints ({@link Verify}). */
  public Verify.Report verify(Verify.Progress progress) {
    return new Verify(store).run(progress);
  }

  /** The log's origin line. */
  public String origin() {
    return verifier().name();
  }

  /** Whether checkpoints can be signed here. */
  public boolean signs() {
    return key.isPresent();
  }

  /** The latest signed checkpoint. */
  public Optional<StoredCheckpoint> latest() {
    return store.latestCheckpoint();
  }

  /** Every signed checkpoint, smallest first. */
  public List<StoredCheckpoint> checkpoints() {
    return store.checkpoints();
  }

  /**
   * Signs a checkpoint of the log as committed now, unless the latest already has its size.
   *
   * @throws Refused CONFLICT NO_SIGNING_KEY where this process holds no signing key
   */
  public StoredCheckpoint checkpoint() {
    CompactTree tree = store.logTree();
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    if (latest.isPresent() && latest.get().size() >= tree.size()) {
      return latest.get();
    }
    PrivateKey k =
        key.orElseThrow(
            () ->
                Refused.conflict(
                    "NO_SIGNING_KEY",
                    "",
                    "this station process holds no signing key, so it signs no checkpoint"));
    String note =
        SignedNote.sign(new Checkpoint(origin(), tree.size(), tree.root()).text(), verifier(), k);
    return store.keepCheckpoint(tree.size(), clock.instant(), note);
  }

  /**
   * Signs a checkpoint when the log grew since the latest and either {@code interval} passed since
   * it or {@code entries} entries were appended; what the clockwork's checkpointer calls.
   */
  public Optional<StoredCheckpoint> checkpointIfDue(java.time.Duration interval, int entries) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    long size = store.logTree().size();
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    long last = latest.map(StoredCheckpoint::size).orElse(0L);
    if (size <= last && latest.isPresent()) {
      return Optional.empty();
    }
    boolean due =
        latest.isEmpty()
            || size - last >= entries
            || !latest.get().at().plus(interval).isAfter(clock.instant());
    return due ? Optional.of(checkpoint()) : Optional.empty();
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of {@code size} leaves.
   *
   * @throws Refused INVALID when the leaf is not in that tree or the tree is larger than the log
   */
  public List<Hash> inclusion(long index, long size) {
    requireSize("size", size);
    if (index < 0 || index >= size) {
      throw Refused.invalid("index", "leaf " + index + " is not in a tree of " + size + " leaves");
    }
    return Proofs.inclusion(index, size, subtrees());
  }

  /**
   * The consistency proof of the tree of {@code first} leaves within that of {@code second}.
   *
   * @throws Refused INVALID unless {@code 0 <= first <= second <= } the log's size
   */
  public List<Hash> consistency(long first, long second) {
    requireSize("second", second);
    if (first < 0 || first > second) {
      throw Refused.invalid(
          "first", "a tree of " + first + " leaves is no prefix of one of " + second);
    }
    return Proofs.consistency(first, second, subtrees());
  }

  private void requireSize(String field, long size) {
    long logged = store.logTree().size();
    if (size < 0 || size > logged) {
      throw Refused.invalid(
          field, "the log holds " + logged + " leaves, so it has no tree of " + size);
    }
  }

  /** The tree's subtrees for one proof: each tile read once, full ones kept beyond it. */
  private Proofs.Subtrees subtrees() {
    Map<Long, List<Hash>> read = new HashMap<>();
    return Tiles.subtrees(
        (level, index) ->
            read.computeIfAbsent(((long) level << 56) | index, k -> tileHashes(level, index)));
  }

  /** A tile's hashes; full tiles never change, so they are kept once read. */
  private List<Hash> tileHashes(int level, long index) {
    long k = ((long) level << 56) | index;
    synchronized (fullTiles) {
      List<Hash> kept = fullTiles.get(k);
      if (kept != null) {
        return kept;
      }
    }
    List<Hash> hashes = store.logTile(level, index);
    if (hashes.size() == Tiles.WIDTH) {
      synchronized (fullTiles) {
        fullTiles.put(k, hashes);
      }
    }
    return hashes;
  }

  /**
   * A tile as tlog-tiles serves it: the hashes of a tile the latest checkpoint needs, to anyone
   * (they are hashes of salted entries, README "What a monitor may fetch").
   *
   * @throws Refused NOT_FOUND for a tile no checkpoint needs
   */
  public byte[] tile(Tiles.Tile tile) {
    if (tile.entries()) {
      throw new IllegalArgumentException("an entry bundle is asked of entryBundle");
    }
    long published = latest().map(StoredCheckpoint::size).orElse(0L);
    long nodes = Tiles.nodes(tile.level(), published);
    if (!within(tile, nodes)) {
      throw Refused.notFound("tile", "no tile " + tile.path() + " in the published log");
    }
    List<Hash> hashes = tileHashes(tile.level(), tile.index());
    ByteArrayOutputStream out = new ByteArrayOutputStream(tile.width() * Hash.LENGTH);
    for (Hash h : hashes.subList(0, tile.width())) {
      out.writeBytes(h.bytes());
    }
    return out.toByteArray();
  }

  /** Whether a tile lies within {@code nodes} hashes of its level (no overflow on a huge index). */
  private static boolean within(Tiles.Tile tile, long nodes) {
    return tile.index() <= nodes / Tiles.WIDTH
        && tile.index() * Tiles.WIDTH + tile.width() <= nodes;
  }

  /**
   * An entry bundle as tlog-tiles serves it, to a caller the access policy lets see every entry in
   * it; to anyone else, it answers as if the bundle did not exist (G3).
   *
   * @throws Refused NOT_FOUND for a bundle no checkpoint needs or one the caller may not see whole
   */
  public byte[] entryBundle(Actor actor, Tiles.Tile tile) {
    long published = latest().map(StoredCheckpoint::size).orElse(0L);
    if (!within(tile, published)) {
      throw Refused.notFound("tile", "no entry bundle " + tile.path() + " in the published log");
    }
    long start = tile.index() * Tiles.WIDTH;
    List<LoggedEvent> entries = store.logged(start, start + tile.width());
    if (!entries.stream().allMatch(e -> sees(actor, e))) {
      throw Refused.notFound("tile", "no entry bundle " + tile.path() + " in the published log");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (LoggedEvent e : entries) {
      byte[] b = e.entry().bytes();
      out.write(b.length >>> 8);
      out.write(b.length & 0xff);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /**
   * Entry {@code index}, to a caller the access policy lets see it.
   *
   * @throws Refused NOT_FOUND alike for an entry that does not exist and one the caller may not see
   */
  public LoggedEvent entry(Actor actor, long index) {
    return store.logged(index, index + 1).stream()
        .filter(e -> sees(actor, e))
        .findFirst()
        .orElseThrow(() -> Refused.notFound("index", "no entry " + index + " in the log"));
  }

  /** Whether the access policy lets {@code actor} see a logged event (G3). */
  boolean sees(Actor actor, LoggedEvent e) {
    Optional<StoredCable> cable = e.event().cable().flatMap(store::cable);
    return policy.seesLogEntry(
        actor,
        e.event().kind(),
        subjects(e),
        cable,
        cable.flatMap(c -> CableLookup.sendingEnd(store, c)));
  }

  /** The users an entry names: who acted, and its user, reader(s), passed-to or passer. */
  private static Set<String> subjects(LoggedEvent e) {
    Set<String> names = new HashSet<>();
    names.add(e.event().actor());
    try {
      JsonNode data = JSON.readTree(e.event().data());
      for (String field : List.of("user", "reader", "to", "by")) {
        if (data.has(field) && data.get(field).isTextual()) {
          names.add(data.get(field).asText());
        }
      }
      data.path("readers").forEach(r -> names.add(r.asText()));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("the event data " + e.event().data() + " is not JSON", x);
    }
    return names;
  }

  /**
   * The proof of a cable's receipt for a third party: the cable's release (or import) entry and the
   * receipt's entry, with their inclusion proofs in a checkpoint that holds both (signed now when
   * the latest does not and this process can sign).
   *
   * @param reader whose receipt; the caller's own when empty
   * @param kind the receipt's kind (OPENED, READ_IN_FULL, ...); the reader's latest when empty
   * @throws Refused NOT_FOUND for a cable or receipt the caller may not see, alike with one that
   *     does not exist (G3); CONFLICT NOT_CHECKPOINTED when no checkpoint holds the receipt yet
   */
  public ReceiptProof proveReceipt(
      Actor actor,
      String exchange,
      String designator,
      Optional<String> reader,
      Optional<String> kind) {
    Optional<StoredCable> found =
        store.exchange(exchange).flatMap(x -> CableLookup.find(store, x, designator));
    if (found.isEmpty()) {
      throw Refused.notFound("designator", "no cable " + designator + " in exchange " + exchange);
    }
    List<LoggedEvent> events = store.loggedForCable(found.get().id());
    LoggedEvent release =
        events.stream()
            .filter(e -> e.event().kind().startsWith("CABLE_"))
            .filter(e -> sees(actor, e))
            .findFirst()
            .orElseThrow(
                () ->
                    Refused.notFound(
                        "designator", "no cable " + designator + " in exchange " + exchange));
    String who = reader.orElse(actor.name());
    LoggedEvent receipt =
        events.stream()
            .filter(e -> receiptOf(e, who).isPresent())
            .filter(e -> kind.isEmpty() || receiptOf(e, who).get().equalsIgnoreCase(kind.get()))
            .filter(e -> sees(actor, e))
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    Refused.notFound(
                        "reader",
                        "no receipt"
                            + kind.map(k -> " " + k).orElse("")
                            + " of "
                            + who
                            + " for "
                            + designator
                            + " that you may see"));
    StoredCheckpoint checkpoint =
        latest().filter(c -> c.size() > receipt.index()).orElseGet(() -> signedFor(receipt));
    long size = checkpoint.size();
    return new ReceiptProof(
        verifier().text(),
        checkpoint.note(),
        List.of(
            new ReceiptProof.Entry(
                release.index(), release.entry().text(), inclusion(release.index(), size)),
            new ReceiptProof.Entry(
                receipt.index(), receipt.entry().text(), inclusion(receipt.index(), size))));
  }

  private StoredCheckpoint signedFor(LoggedEvent receipt) {
    if (!signs()) {
      throw Refused.conflict(
          "NOT_CHECKPOINTED",
          "designator",
          "no checkpoint holds entry " + receipt.index() + " yet; ask again after the next one");
    }
    return checkpoint();
  }

  /**
   * The kind of receipt (G4) an event records for {@code reader}: a RECEIPT's kind, DELIVERED for a
   * delivery that reached him, PASSED for a pass to him; empty for any other event.
   */
  private static Optional<String> receiptOf(LoggedEvent e, String reader) {
    JsonNode data = data(e);
    return switch (e.event().kind()) {
      case "RECEIPT" ->
          Optional.of(data.path("kind").asText())
              .filter(k -> data.path("reader").asText().equals(reader));
      case "DELIVERED" -> {
        boolean reached = false;
        for (JsonNode r : data.path("readers")) {
          reached |= r.asText().equals(reader);
        }
        yield reached ? Optional.of("DELIVERED") : Optional.empty();
      }
      case "PASSED" -> Optional.of("PASSED").filter(k -> data.path("to").asText().equals(reader));
      default -> Optional.empty();
    };
  }

  private static JsonNode data(LoggedEvent e) {
    try {
      return JSON.readTree(e.event().data());
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("the event data " + e.event().data() + " is not JSON", x);
    }
  }
}
