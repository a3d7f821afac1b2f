package dev.backchannel.store.jdbc;

import dev.backchannel.names.Names;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The confusable skeletons the store keeps of names (migration V8, {@link Names#skeleton}): two
 * names of one kind with one skeleton are one name to a reader, and the unique indexes on the
 * skeletons refuse the second. The repositories write a skeleton with every name and ask {@link
 * #lookalike} first, to refuse with the name it looks like.
 */
final class Skeletons {
  private Skeletons() {}

  /** A name column, its skeleton's, and the column its uniqueness is scoped by ("" for none). */
  private record Column(String table, String name, String skeleton, String scope) {
    Column(String table, String name, String skeleton) {
      this(table, name, skeleton, "");
    }
  }

  private static final List<Column> COLUMNS =
      List.of(
          new Column("user_account", "name", "name_skeleton"),
          new Column("user_account", "addressed_as", "addressed_as_skeleton"),
          new Column("channel", "name", "name_skeleton"),
          new Column("channel_end", "name", "name_skeleton", "channel_id"),
          new Column("exchange", "name", "name_skeleton"),
          new Column("series", "name", "name_skeleton", "exchange_id"),
          new Column("caveat", "name", "name_skeleton"));

  /**
   * Fills the skeletons of rows written before V8, which SQL cannot compute; a file whose skeletons
   * are all there passes with one query per column. Of two older names that look alike the first
   * keeps its skeleton and the second none: both were stored before the policy, the station cannot
   * rename either, and opening the file must not fail for them; every new name is still refused
   * that looks like either.
   */
  static void fill(Handle h) {
    for (Column c : COLUMNS) {
      List<String> names =
          h.createQuery(
                  "SELECT DISTINCT "
                      + c.name()
                      + " FROM "
                      + c.table()
                      + " WHERE "
                      + c.skeleton()
                      + " IS NULL")
              .mapTo(String.class)
              .list();
      for (String name : names) {
        h.createUpdate(
                "UPDATE "
                    + c.table()
                    + " SET "
                    + c.skeleton()
                    + " = :skeleton WHERE "
                    + c.name()
                    + " = :name AND "
                    + c.skeleton()
                    + " IS NULL AND NOT EXISTS (SELECT 1 FROM "
                    + c.table()
                    + " o WHERE o."
                    + c.skeleton()
                    + " = :skeleton"
                    + (c.scope().isEmpty()
                        ? ""
                        : " AND o." + c.scope() + " = " + c.table() + "." + c.scope())
                    + ")")
            .bind("skeleton", Names.skeleton(name))
            .bind("name", name)
            .execute();
      }
    }
  }

  /**
   * The name of a row that looks like {@code name}: {@code query} selects a name where the skeleton
   * is {@code :skeleton}, with any other binds given in pairs.
   */
  static Optional<String> lookalike(Handle h, String query, String name, Object... binds) {
    var q = h.createQuery(query).bind("skeleton", Names.skeleton(name));
    for (int i = 0; i < binds.length; i += 2) {
      q.bind((String) binds[i], binds[i + 1]);
    }
    return q.mapTo(String.class).findFirst();
  }
}
