package dev.backchannel.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.edition.Edition;
import dev.backchannel.cable.edition.EditionCable;

/**
 * The JSON of a cable read from edition text: the cable's JSON (DESIGN 4.3) with its {@code
 * edition} object. Absent values are left out, never null.
 */
public final class EditionJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EditionJson() {}

  /** The cable's JSON with the edition facts under {@code edition}. */
  public static ObjectNode of(EditionCable ec) {
    ObjectNode o = CableJson.of(ec.cable());
    o.set("edition", edition(ec.edition()));
    return o;
  }

  private static ObjectNode edition(Edition e) {
    ObjectNode o = NODES.objectNode();
    o.put("document", e.document());
    o.put("title", e.title());
    e.dateline().ifPresent(d -> o.put("dateline", d));
    ArrayNode footnotes = o.putArray("footnotes");
    for (Edition.Footnote f : e.footnotes()) {
      ObjectNode n = footnotes.addObject();
      n.put("number", f.number());
      n.put("text", f.text());
      n.put("line", f.line());
      f.anchor().ifPresent(a -> n.set("anchor", anchor(a)));
    }
    e.source()
        .ifPresent(
            s -> {
              ObjectNode source = o.putObject("source");
              source.put("location", s.location());
              ArrayNode markings = source.putArray("markings");
              s.markings().forEach(markings::add);
            });
    ArrayNode notes = o.putArray("notes");
    e.notes().forEach(notes::add);
    ArrayNode mappings = o.putArray("documentMappings");
    for (Edition.DocumentMapping m : e.documentMappings()) {
      ObjectNode n = mappings.addObject();
      n.put("designator", m.designator().text());
      ArrayNode documents = n.putArray("documents");
      m.documents().forEach(documents::add);
    }
    ArrayNode unplaced = o.putArray("unplacedLines");
    for (Edition.UnplacedLine u : e.unplacedLines()) {
      unplaced.addObject().put("line", u.line()).put("reason", u.reason());
    }
    ArrayNode assumptions = o.putArray("assumptions");
    e.assumptions().forEach(assumptions::add);
    return o;
  }

  private static ObjectNode anchor(Edition.Anchor a) {
    ObjectNode o = NODES.objectNode();
    o.put("line", a.line());
    o.put("column", a.column());
    o.put("place", a.place().name());
    a.paragraph().ifPresent(p -> o.put("paragraph", p));
    a.designator().ifPresent(d -> o.put("designator", d.text()));
    return o;
  }
}
