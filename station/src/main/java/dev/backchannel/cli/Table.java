package dev.backchannel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row and rows, each column as wide as its widest cell. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row needs " + header.size() + " cells, not " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  void print(PrintStream out) {
    int[] width = new int[header.size()];
    for (List<String> r : concat()) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : concat()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(r.get(i));
        if (i < r.size() - 1) {
          line.append(" ".repeat(width[i] - r.get(i).length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private List<List<String>> concat() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}
