package kg.neo4jlocal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The launcher's {@code --name value} arguments; every one is required. */
final class Options {
  private static final List<String> REQUIRED = List.of("home", "port", "plugins", "page-cache");

  private Options() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        fail("expected --name value pairs, got \"" + name + "\"");
      }
      options.put(name.substring(2), args[i + 1]);
    }
    for (String name : REQUIRED) {
      if (!options.containsKey(name)) fail("missing --" + name);
    }
    return options;
  }

  private static void fail(String message) {
    System.err.println("neo4j-local: " + message + " (usage: --home DIR --port N --plugins DIR --page-cache SIZE [--parent-pid PID])");
    System.exit(2);
  }
}
