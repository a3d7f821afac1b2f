package dev.backchannel.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's results: the machine's facts, each scenario's figures (every sample, with min, median,
 * max and p99) or why it failed, and the targets of DESIGN 7 read off the figures. Written as JSON
 * and as a markdown table.
 */
final class Results {
  /** One scenario's outcome: its figures, or the failure that stopped it. */
  record Outcome(
      String scenario, String description, List<Figure> figures, Optional<String> failure) {
    Outcome {
      figures = List.copyOf(figures);
    }
  }

  private final Map<String, String> machine;
  private final String command;
  private final List<Outcome> outcomes = new ArrayList<>();

  Results(Map<String, String> machine, String command) {
    this.machine = Map.copyOf(machine);
    this.command = command;
  }

  void add(Outcome o) {
    outcomes.add(o);
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  Optional<Figure> figure(String name) {
    return outcomes.stream()
        .flatMap(o -> o.figures().stream())
        .filter(f -> f.name().equals(name))
        .findFirst();
  }

  /** Writes {@code NAME.json} and {@code NAME.md} into {@code dir}. */
  void write(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("command", command);
    ObjectNode m = root.putObject("machine");
    machine.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> m.put(e.getKey(), e.getValue()));
    ArrayNode scenarios = root.putArray("scenarios");
    for (Outcome o : outcomes) {
      ObjectNode s = scenarios.addObject();
      s.put("name", o.scenario());
      s.put("description", o.description());
      o.failure().ifPresent(f -> s.put("failure", f));
      ArrayNode figures = s.putArray("figures");
      for (Figure f : o.figures()) {
        ObjectNode n = figures.addObject();
        n.put("name", f.name());
        n.put("unit", f.unit());
        n.put("min", f.min());
        n.put("median", f.median());
        n.put("max", f.max());
        n.put("p99", f.percentile(99));
        n.put("note", f.note());
        ArrayNode samples = n.putArray("samples");
        f.samples().forEach(samples::add);
      }
    }
    ArrayNode targets = root.putArray("targets");
    for (Target.Reading r : Target.read(this)) {
      ObjectNode t = targets.addObject();
      t.put("target", r.target());
      t.put("figure", r.figure());
      t.put("met", r.met());
    }
    json.writeValue(dir.resolve(name + ".json").toFile(), root);
    Files.writeString(dir.resolve(name + ".md"), markdown());
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Benchmark results\n\n");
    b.append("Command: `").append(command).append("`\n\n");
    b.append("| machine | |\n|---|---|\n");
    machine.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n"));
    b.append("\n## Targets (DESIGN 7, issue 19)\n\n| target | measured | met |\n|---|---|---|\n");
    for (Target.Reading r : Target.read(this)) {
      b.append("| ")
          .append(r.target())
          .append(" | ")
          .append(r.figure())
          .append(" | ")
          .append(r.met() ? "yes" : "**no**")
          .append(" |\n");
    }
    b.append(
        "\n## Figures\n\n| scenario | figure | unit | min | median | max | p99 | n | note |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      if (o.failure().isPresent()) {
        b.append("| ")
            .append(o.scenario())
            .append(" | **failed** | | | | | | | ")
            .append(o.failure().get().replace("|", "\\|").replace("\n", " "))
            .append(" |\n");
      }
      for (Figure f : o.figures()) {
        b.append("| ")
            .append(o.scenario())
            .append(" | ")
            .append(f.name())
            .append(" | ")
            .append(f.unit())
            .append(" | ")
            .append(number(f.min()))
            .append(" | ")
            .append(number(f.median()))
            .append(" | ")
            .append(number(f.max()))
            .append(" | ")
            .append(number(f.percentile(99)))
            .append(" | ")
            .append(f.samples().size())
            .append(" | ")
            .append(f.note().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  /** Three significant figures at most, no exponent: what a reader of a table wants. */
  static String number(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return String.valueOf(v);
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
