package dev.backchannel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Person;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backchannel list}: a table of envelopes, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the stored cables' envelopes, newest first.")
final class ListCommand extends DirectCommand {
  @Option(names = "--exchange", paramLabel = "NAME", description = "Only this exchange.")
  String exchange;

  @Option(
      names = "--limit",
      defaultValue = "50",
      paramLabel = "N",
      description = "At most N cables (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object per cable (JSON Lines).")
  boolean json;

  ListCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(Store store) {
    if (limit < 1) {
      throw new StoreException(
          StoreException.Problem.INVALID, "limit", "--limit must be at least 1, not " + limit);
    }
    if (exchange != null) {
      ExchangeOption.require(store, exchange);
    }
    List<StoredCable> cables = store.cables(Optional.ofNullable(exchange), limit);
    var out = context.console().out();
    if (json) {
      for (StoredCable c : cables) {
        var o = context.json().createObjectNode();
        o.put("exchange", c.exchange());
        o.put("designator", c.designatorText());
        c.cable().dtg().ifPresent(d -> o.put("dtg", d.text()));
        o.put("precedence", c.cable().precedence().words());
        o.put("label", c.cable().label().banner());
        o.put("from", c.cable().from().text());
        ArrayNode to = o.putArray("to");
        c.cable().to().forEach(p -> to.add(p.text()));
        o.put("origin", c.origin().name());
        out.println(o);
      }
      return ExitCode.OK;
    }
    String format = "%-10s %-20s %-15s %-15s %-45s %-20s %s%n";
    out.printf(format, "EXCHANGE", "DESIGNATOR", "DTG", "PRECEDENCE", "LABEL", "FROM", "TO");
    for (StoredCable c : cables) {
      Cable cable = c.cable();
      out.printf(
          format,
          c.exchange(),
          c.designatorText(),
          cable.dtg().map(Dtg::text).orElse("-"),
          cable.precedence().words(),
          cable.label().banner(),
          cable.from().text(),
          cable.to().stream().map(Person::text).collect(Collectors.joining("; ")));
    }
    if (cables.isEmpty()) {
      out.println("(no cables)");
    }
    return ExitCode.OK;
  }
}
