package dev.backchannel.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import java.util.List;

/**
 * The JSON of a cable (DESIGN 4.3), field by field as the README documents it. Absent values are
 * left out, never null; field order is stable.
 */
public final class CableJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CableJson() {}

  /** The cable's JSON object, with its SHA-256 over the canonical rendering. */
  public static ObjectNode of(Cable c) {
    ObjectNode o = envelope(c);
    o.set("passTo", persons(c.passTo()));
    c.subject().ifPresent(s -> o.put("subject", s));
    ArrayNode handling = o.putArray("handling");
    c.handling().forEach(h -> handling.add(handling(h)));
    ArrayNode references = o.putArray("references");
    c.references().forEach(r -> references.add(reference(r)));
    ArrayNode paragraphs = o.putArray("paragraphs");
    c.paragraphs().forEach(p -> paragraphs.add(paragraph(p)));
    o.put("sha256", CanonicalText.sha256(c));
    return o;
  }

  /**
   * The envelope of a cable (G3): what members of either end cleared for the classification may
   * see, without subject, handling, pass-to, references, paragraphs or hash.
   */
  public static ObjectNode envelope(Cable c) {
    ObjectNode o = NODES.objectNode();
    c.designator().ifPresent(d -> o.set("designator", designator(d)));
    o.put("precedence", c.precedence().words());
    o.put("classification", c.label().classification().words());
    ArrayNode caveats = o.putArray("caveats");
    c.label().caveats().stream().map(Caveat::name).forEach(caveats::add);
    c.label().eyesOnly().ifPresent(e -> o.put("eyesOnly", e.words()));
    o.set("from", person(c.from()));
    o.set("to", persons(c.to()));
    o.set("info", persons(c.info()));
    c.dtg().ifPresent(d -> o.put("dtg", d.text()));
    return o;
  }

  private static ObjectNode designator(Designator d) {
    ObjectNode o = NODES.objectNode();
    d.numbered()
        .ifPresent(
            n -> {
              o.put("series", n.series().name());
              o.put("serial", n.serial());
            });
    d.stationSerial().ifPresent(s -> o.set("stationSerial", stationSerial(s)));
    o.put("text", d.displayText());
    return o;
  }

  private static ObjectNode stationSerial(StationSerial s) {
    ObjectNode o = NODES.objectNode();
    s.prefix().ifPresent(p -> o.put("prefix", p));
    o.put("number", s.number());
    o.put("text", s.text());
    return o;
  }

  private static ObjectNode person(Person p) {
    ObjectNode o = NODES.objectNode();
    o.put("name", p.name());
    p.place().ifPresent(place -> o.put("place", place));
    return o;
  }

  private static ArrayNode persons(List<Person> persons) {
    ArrayNode a = NODES.arrayNode();
    persons.forEach(p -> a.add(person(p)));
    return a;
  }

  private static ObjectNode handling(Handling h) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", h.kind().name());
    o.put("words", h.words());
    h.person().ifPresent(p -> o.put("person", p));
    h.deadline().ifPresent(d -> o.put("deadline", d));
    return o;
  }

  private static ObjectNode reference(Reference r) {
    ObjectNode o = NODES.objectNode();
    o.put("series", r.series().name());
    o.put("serial", r.serial());
    r.paragraph().ifPresent(p -> o.put("paragraph", p));
    r.exchange().ifPresent(e -> o.put("exchange", e));
    return o;
  }

  private static ObjectNode paragraph(Paragraph p) {
    ObjectNode o = NODES.objectNode();
    p.number().ifPresent(n -> o.put("number", n));
    o.put("text", p.text());
    ArrayNode blocks = o.putArray("blocks");
    p.blocks().forEach(b -> blocks.add(b.text()));
    ArrayNode subparagraphs = o.putArray("subparagraphs");
    p.subparagraphs().forEach(s -> subparagraphs.add(subparagraph(s)));
    ArrayNode parts = o.putArray("parts");
    for (Part part : p.parts()) {
      switch (part) {
        case Part.Block b -> parts.add(NODES.objectNode().put("block", b.text()));
        case Part.SubParagraph s -> parts.add(subparagraph(s));
      }
    }
    return o;
  }

  private static ObjectNode subparagraph(Part.SubParagraph s) {
    return NODES.objectNode().put("label", s.label()).put("text", s.text());
  }
}
