package dev.backchannel.audit;

import dev.backchannel.tlog.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained proof that entries are in the station's audit log (G8), checkable offline by
 * anyone (README, "Checking a proof"): the station's verifier key, a checkpoint it signed, and each
 * entry's text with its leaf index and its inclusion proof in that checkpoint. A receipt's proof
 * holds two entries: the cable's release (its designator and the SHA-256 of its text) and the
 * receipt, which names the same SHA-256.
 *
 * @param publicKey the station's verifier key, C2SP signed-note form
 * @param checkpoint the checkpoint, a signed note
 */
public record ReceiptProof(String publicKey, String checkpoint, List<Entry> entries) {
  /** The format's name, written first in its JSON. */
  public static final String FORMAT = "backchannel-proof/1";

  public ReceiptProof {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(checkpoint, "checkpoint");
    entries = List.copyOf(entries);
  }

  /** One entry: its leaf index, its exact text, and the hashes that prove it in the checkpoint. */
  public record Entry(long index, String entry, List<Hash> inclusion) {
    public Entry {
      Objects.requireNonNull(entry, "entry");
      inclusion = List.copyOf(inclusion);
    }
  }
}
