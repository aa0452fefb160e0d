package kg.neo4jlocal;

import java.util.Map;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Sets the {@code neo4j} user's password. A new server starts with {@code neo4j/neo4j} and a
 * required change; the embedded API runs with full rights, so it can set the chosen password on
 * the system database with the change no longer required, as {@code neo4j-admin dbms
 * set-initial-password} would.
 */
final class Credentials {
  private Credentials() {}

  static void ensurePassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database("system");
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (QueryExecutionException e) {
      // Already the password from an earlier start: nothing to change.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
    }
  }
}
