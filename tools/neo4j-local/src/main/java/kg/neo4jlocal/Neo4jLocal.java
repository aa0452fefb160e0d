package kg.neo4jlocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this process with Bolt on loopback and authentication on, until the
 * process is told to stop (SIGTERM or Ctrl-C), which shuts the databases down cleanly.
 *
 * <p>Arguments: {@code --home DIR --port N --plugins DIR --page-cache SIZE [--parent-pid PID]}; with
 * a parent pid the server stops when that process is gone. The password of the
 * {@code neo4j} user comes from the environment variable {@code KG_NEO4J_PASSWORD}, never from the
 * command line (other users of the machine can read a process's arguments). Once Bolt accepts
 * connections the launcher prints {@code READY} on stdout; everything else goes to stderr and the
 * server's own logs under the home folder.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = Options.parse(args);
    Path home = Path.of(options.get("home")).toAbsolutePath();
    int port = Integer.parseInt(options.get("port"));
    Path plugins = Path.of(options.get("plugins")).toAbsolutePath();
    long pageCache = ByteUnit.parse(options.get("page-cache"));
    String password = System.getenv("KG_NEO4J_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("neo4j-local: KG_NEO4J_PASSWORD must hold the password (8 characters or more)");
      System.exit(2);
    }
    Files.createDirectories(home);

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
            // The same limit docker-compose.yml sets: no transaction runs away with the server.
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
            // Benchmarks re-sync large graphs many times; keep transaction logs from filling the disk.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-local-shutdown"));

    Credentials.ensurePassword(dbms, password);
    System.out.println("READY");
    System.out.flush();
    if (options.containsKey("parent-pid")) stopWithParent(Long.parseLong(options.get("parent-pid")));
  }

  /**
   * A server started for one test run or benchmark ends with the process that started it, even
   * when that process is killed before it can stop the server: no Neo4j is left behind.
   */
  private static void stopWithParent(long pid) {
    Thread watcher =
        new Thread(
            () -> {
              while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.err.println("neo4j-local: the process that started this server (pid " + pid + ") is gone; stopping");
              System.exit(0);
            },
            "neo4j-local-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
