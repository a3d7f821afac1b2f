package dev.backchannel.store.jdbc;

import org.jdbi.v3.core.Handle;

/**
 * What the store's SQL says differently on each database: the repositories are written once, in SQL
 * both SQLite and PostgreSQL read the same way, and ask the dialect for the few constructs they do
 * not share. Everything else SQLite-only (pragmas, the lock file, the file's page size) stays in
 * its store's opening code.
 */
public interface Dialect {

  /**
   * An aggregate joining the text of {@code column} over a group's rows, separated by the unit
   * separator U+001F (no name can hold a control character); NULL for no rows.
   */
  String joinNames(String column);

  /**
   * A hint that the table just named be read through {@code index}, as a clause to follow its
   * alias; empty where the database's planner takes no hints.
   */
  String indexedBy(String index);

  /** A parameter bound as the UTF-8 bytes of a text, read as that text. */
  String utf8Text();

  /** Sets up the writer's connection before its first transaction. */
  void prepareWriter(Handle writer);

  /**
   * Runs first in each of the writer's transactions, before its changes: where several processes
   * write one database, what orders their transactions.
   */
  void beginWrite(Handle writer);

  /**
   * Tells the database that rows of {@code table} were inserted with ids of the writer's choosing
   * ({@code MAX(id) + 1} and on), so that the ids it gives next follow them.
   */
  void idsTaken(Handle writer, String table);
}
