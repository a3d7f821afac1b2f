package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Person;
import dev.backchannel.store.StoredCable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code list}: a cable's envelope as the command prints it, made from the station file
 * or from a running station's answer, so that both modes print the same table and the same JSON.
 *
 * @param dtg {@code -} when the cable has none
 * @param label the banner: classification, caveats, eyes-only marking
 * @param from and {@code to}: names with their place, as {@code HAIG (WASHINGTON)}
 */
record Envelope(
    String exchange,
    String designator,
    String dtg,
    String precedence,
    String label,
    String from,
    List<String> to,
    String origin) {

  Envelope {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(designator, "designator");
    Objects.requireNonNull(dtg, "dtg");
    Objects.requireNonNull(precedence, "precedence");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    Objects.requireNonNull(origin, "origin");
  }

  static Envelope of(StoredCable c) {
    Cable cable = c.cable();
    return new Envelope(
        c.exchange(),
        c.designatorText(),
        cable.dtg().map(Dtg::text).orElse("-"),
        cable.precedence().words(),
        cable.label().banner(),
        cable.from().text(),
        cable.to().stream().map(Person::text).toList(),
        c.origin().name());
  }

  /** From an envelope of {@code GET /api/cables}. */
  static Envelope of(JsonNode c) {
    List<String> to = new ArrayList<>();
    c.path("to").forEach(p -> to.add(person(p)));
    return new Envelope(
        c.path("exchange").asText(),
        c.path("designator").path("text").asText(),
        c.path("dtg").asText("-"),
        c.path("precedence").asText(),
        TrafficCommands.label(c),
        person(c.path("from")),
        to,
        c.path("origin").asText());
  }

  private static String person(JsonNode p) {
    String name = p.path("name").asText();
    return p.has("place") ? name + " (" + p.path("place").asText() + ")" : name;
  }

  /** One JSON object per cable (JSON Lines), or a table with {@code (no cables)} when empty. */
  static void print(List<Envelope> envelopes, boolean json, ObjectMapper mapper, PrintStream out) {
    if (json) {
      for (Envelope e : envelopes) {
        ObjectNode o = mapper.createObjectNode();
        o.put("exchange", e.exchange());
        o.put("designator", e.designator());
        if (!e.dtg().equals("-")) {
          o.put("dtg", e.dtg());
        }
        o.put("precedence", e.precedence());
        o.put("label", e.label());
        o.put("from", e.from());
        ArrayNode to = o.putArray("to");
        e.to().forEach(to::add);
        o.put("origin", e.origin());
        out.println(o);
      }
      return;
    }
    String format = "%-10s %-20s %-15s %-15s %-45s %-20s %s%n";
    out.printf(format, "EXCHANGE", "DESIGNATOR", "DTG", "PRECEDENCE", "LABEL", "FROM", "TO");
    for (Envelope e : envelopes) {
      out.printf(
          format,
          e.exchange(),
          e.designator(),
          e.dtg(),
          e.precedence(),
          e.label(),
          e.from(),
          String.join("; ", e.to()));
    }
    if (envelopes.isEmpty()) {
      out.println("(no cables)");
    }
  }
}
