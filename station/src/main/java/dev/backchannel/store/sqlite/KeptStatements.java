package dev.backchannel.store.sqlite;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The writer's prepared statements, each prepared once and kept for the life of its connection: the
 * writer runs the same few dozen statements for every release, and SQLite compiles a statement anew
 * for each {@code prepareStatement}. A kept statement is cleared, not closed, when a use of it
 * ends.
 *
 * <p>For one connection used by one thread at a time (the writer's); statements that return
 * generated keys or are updatable are not kept.
 */
final class KeptStatements implements StatementBuilder {
  private final StatementBuilder plain = new DefaultStatementBuilder();
  private final Map<String, PreparedStatement> kept = new HashMap<>();

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return plain.create(conn, ctx);
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      return plain.create(conn, sql, ctx);
    }
    PreparedStatement s = kept.get(sql);
    if (s == null || s.isClosed()) {
      s = conn.prepareStatement(sql);
      kept.put(sql, s);
    }
    return s;
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    return plain.createCall(conn, sql, ctx);
  }

  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    if (stmt instanceof PreparedStatement p && kept.get(sql) == p) {
      p.clearParameters();
      p.clearBatch();
      return;
    }
    plain.close(conn, sql, stmt);
  }

  @Override
  public void close(Connection conn) {
    for (PreparedStatement s : kept.values()) {
      try {
        s.close();
      } catch (SQLException e) {
        // the connection closes next, and with it whatever SQLite still holds of the statement
      }
    }
    kept.clear();
  }
}
