package dev.backchannel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.tlog.Hash;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A {@link ReceiptProof} as JSON (README, "Checking a proof"):
 *
 * <pre>{"format":"backchannel-proof/1","publicKey":VKEY,"checkpoint":NOTE,
 *  "entries":[{"index":N,"entry":TEXT,"inclusion":[BASE64,...]},...]}</pre>
 */
public final class ProofJson {
  private ProofJson() {}

  public static ObjectNode write(ObjectMapper json, ReceiptProof p) {
    ObjectNode o = json.createObjectNode();
    o.put("format", ReceiptProof.FORMAT);
    o.put("publicKey", p.publicKey());
    o.put("checkpoint", p.checkpoint());
    ArrayNode entries = o.putArray("entries");
    for (ReceiptProof.Entry e : p.entries()) {
      ObjectNode n = entries.addObject();
      n.put("index", e.index());
      n.put("entry", e.entry());
      ArrayNode path = n.putArray("inclusion");
      e.inclusion().forEach(h -> path.add(Base64.getEncoder().encodeToString(h.bytes())));
    }
    return o;
  }

  /**
   * The proof a JSON document holds.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static ReceiptProof read(JsonNode o) {
    if (!o.isObject()) {
      throw new IllegalArgumentException("proof: not a JSON object");
    }
    if (!ReceiptProof.FORMAT.equals(text(o, "format"))) {
      throw new IllegalArgumentException(
          "format: not a proof of format " + ReceiptProof.FORMAT + ": " + o.get("format"));
    }
    JsonNode entries = o.get("entries");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw new IllegalArgumentException("entries: a proof holds one entry or more");
    }
    List<ReceiptProof.Entry> list = new ArrayList<>();
    for (JsonNode e : entries) {
      JsonNode index = e.get("index");
      if (index == null || !index.canConvertToLong() || index.asLong() < 0) {
        throw new IllegalArgumentException("entries.index: not a leaf index: " + index);
      }
      JsonNode path = e.get("inclusion");
      if (path == null || !path.isArray()) {
        throw new IllegalArgumentException("entries.inclusion: not a list of hashes");
      }
      List<Hash> hashes = new ArrayList<>();
      for (JsonNode h : path) {
        try {
          hashes.add(Hash.of(Base64.getDecoder().decode(h.asText())));
        } catch (IllegalArgumentException x) {
          throw new IllegalArgumentException(
              "entries.inclusion: not a base64 SHA-256 hash: " + h.asText(), x);
        }
      }
      list.add(new ReceiptProof.Entry(index.asLong(), text(e, "entry"), hashes));
    }
    return new ReceiptProof(text(o, "publicKey"), text(o, "checkpoint"), list);
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(field + ": missing, or not text");
    }
    return n.asText();
  }
}
