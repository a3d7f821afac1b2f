package dev.backchannel.bench.imports;

import dev.backchannel.bench.BareSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the import rate (DESIGN 7): a bare JDBC loop writing the rows an import wrote
 * (cables, their readers and references, one event each) again, into an empty station file made by
 * the same set-up commands, with the store's durability (WAL, {@code synchronous=FULL}, foreign
 * keys, the same page cache; {@link BareSqlite}) and one transaction for each chunk of {@code
 * ImportCommand.CHUNK} cables, as the import commits them. No reading, no parsing: the rows are in
 * memory before the clock starts. What it reaches is what the store's file and disk allow on this
 * machine, the ceiling of an import that also reads and parses.
 */
final class BareImportLoop {
  /** The cables committed together, as {@code ImportCommand.CHUNK}. */
  private static final int CHUNK = 2_000;

  private BareImportLoop() {}

  /** One table's rows to write again, and the column that names their cable. */
  private record Rows(String insert, List<Object[]> rows, int cableColumn) {}

  /**
   * Writes the imported cables of {@code imported} again into {@code empty} (set up alike, with no
   * cable).
   *
   * @return the cables written a second
   */
  static double run(Path imported, Path empty) throws SQLException {
    Rows cables;
    List<Rows> named = new ArrayList<>();
    try (Connection source = DriverManager.getConnection("jdbc:sqlite:" + imported)) {
      cables = rows(source, "cable", "", "id");
      named.add(rows(source, "cable_reference", "", "cable_id"));
      named.add(rows(source, "cable_reader", "", "cable_id"));
      named.add(rows(source, "event", "WHERE kind = 'CABLE_IMPORTED'", "cable_id"));
    }
    try (Connection target = BareSqlite.open(empty)) {
      List<PreparedStatement> statements = new ArrayList<>();
      try {
        PreparedStatement cableInsert = target.prepareStatement(cables.insert());
        statements.add(cableInsert);
        for (Rows r : named) {
          statements.add(target.prepareStatement(r.insert()));
        }
        int[] next = new int[named.size()];
        long started = System.nanoTime();
        for (int from = 0; from < cables.rows().size(); from += CHUNK) {
          int to = Math.min(cables.rows().size(), from + CHUNK);
          for (Object[] row : cables.rows().subList(from, to)) {
            bind(cableInsert, row);
          }
          cableInsert.executeBatch();
          long lastCable = ((Number) cables.rows().get(to - 1)[0]).longValue();
          for (int t = 0; t < named.size(); t++) {
            Rows r = named.get(t);
            PreparedStatement insert = statements.get(t + 1);
            while (next[t] < r.rows().size()
                && ((Number) r.rows().get(next[t])[r.cableColumn()]).longValue() <= lastCable) {
              bind(insert, r.rows().get(next[t]++));
            }
            insert.executeBatch();
          }
          target.commit();
        }
        BareSqlite.checkpoint(target);
        return cables.rows().size() / ((System.nanoTime() - started) / 1e9);
      } finally {
        for (PreparedStatement s : statements) {
          s.close();
        }
      }
    }
  }

  /**
   * The rows of {@code table} ordered by the cable they name, and the insert that writes them
   * again: every column but an event's own id (the event table numbers its rows, as in the store),
   * text columns read and bound as UTF-8 bytes as the store binds its long texts.
   */
  private static Rows rows(Connection source, String table, String where, String cableColumn)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Boolean> text = new ArrayList<>();
    try (Statement s = source.createStatement();
        ResultSet info = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (info.next()) {
        String name = info.getString("name");
        if (!(table.equals("event") && name.equals("id"))) {
          columns.add(name);
          text.add(info.getString("type").equalsIgnoreCase("TEXT"));
        }
      }
    }
    List<String> selected = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      selected.add(text.get(i) ? "CAST(" + columns.get(i) + " AS BLOB)" : columns.get(i));
      values.add(text.get(i) ? "CAST(? AS TEXT)" : "?");
    }
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = source.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + String.join(", ", selected)
                    + " FROM "
                    + table
                    + " "
                    + where
                    + " ORDER BY "
                    + cableColumn)) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", values)
            + ")";
    return new Rows(insert, rows, columns.indexOf(cableColumn));
  }

  private static void bind(PreparedStatement insert, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      insert.setObject(i + 1, row[i]);
    }
    insert.addBatch();
  }
}
