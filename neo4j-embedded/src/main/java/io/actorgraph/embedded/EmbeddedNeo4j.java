package io.actorgraph.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs an embedded Neo4j Community DBMS in-process with Bolt enabled, for use as a child process.
 *
 * <pre>
 * java [-Xmx...] -cp target/classes:$(cat target/classpath.txt) io.actorgraph.embedded.EmbeddedNeo4j \
 *   --data &lt;dir&gt; [--host 127.0.0.1] [--port 7687] [--pagecache 64m] [--tx-memory 256m] [--exit-on-stdin-close]
 *   [--import &lt;dir&gt;] [--setting &lt;name&gt;=&lt;value&gt; ...]
 * </pre>
 *
 * {@code --setting} (repeatable) sets any Neo4j setting by its name, as in {@code neo4j.conf}; Neo4j
 * checks the name and the value before anything starts.
 *
 * With {@code --import}, the folder's CSV files are bulk-imported into the {@code neo4j} database
 * first (see {@link BulkImport}: only into an absent or empty one), then the DBMS starts; stdout then
 * carries {@code NEO4J_IMPORTED <milliseconds>} before the ready line.
 *
 * stdout carries exactly one line, {@code NEO4J_READY bolt://host:port}, once the default database is
 * available and Bolt is listening. Everything else goes to stderr. Errors: one line starting with
 * {@code neo4j-embedded: } on stderr, exit code 1. SIGTERM/SIGINT (or stdin EOF with
 * {@code --exit-on-stdin-close}): clean shutdown, {@code NEO4J_STOPPED} on stderr, exit code 0.
 */
public final class EmbeddedNeo4j {

    static final String NEO4J_VERSION = "5.26.30";
    static final String DEFAULT_DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME; // "neo4j"
    private static final String PREFIX = "neo4j-embedded: ";
    private static final long READY_TIMEOUT_MS = 120_000;

    /** Guards the DBMS reference between the starting main thread and the shutdown hook. */
    private static final Object LOCK = new Object();

    private static volatile DatabaseManagementService dbms;
    private static volatile boolean stopping;
    private static volatile boolean startupFailed;

    private EmbeddedNeo4j() {}

    /** Thrown for invalid command-line arguments. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed command-line options. */
    static final class Options {
        Path data;
        String host = "127.0.0.1";
        int port = 7687;
        long pageCacheBytes = 64L * 1024 * 1024;
        long txMemoryBytes = 256L * 1024 * 1024;
        boolean exitOnStdinClose;
        Path importDir;
        /** --setting: Neo4j settings by name, already checked by Neo4j's own parser. */
        final Map<Setting<?>, Object> settings = new LinkedHashMap<>();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parseArgs(args);
        } catch (UsageException e) {
            fail(e.getMessage() + " (usage: --data <dir> [--host 127.0.0.1] [--port 7687] [--pagecache 64m]"
                    + " [--tx-memory 256m] [--exit-on-stdin-close] [--import <dir>] [--setting <name>=<value> ...])");
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedNeo4j::onShutdown, "neo4j-embedded-shutdown"));

        String readyUri;
        synchronized (LOCK) {
            // The import runs under LOCK: a stop signal waits for it (then exits before the DBMS starts)
            // rather than leaving a half-written store.
            if (options.importDir != null) {
                try {
                    long ms = BulkImport.run(options.data, options.importDir, options.pageCacheBytes);
                    System.out.print("NEO4J_IMPORTED " + ms + "\n");
                    System.out.flush();
                } catch (BulkImport.ImportException e) {
                    startupFailed = true;
                    System.err.println(PREFIX + e.getMessage());
                    System.err.flush();
                    Runtime.getRuntime().halt(1);
                }
            }
            try {
                readyUri = start(options);
            } catch (Throwable t) {
                startupFailed = true;
                DatabaseManagementService partial = dbms;
                dbms = null;
                if (partial != null) {
                    try {
                        partial.shutdown();
                    } catch (Throwable ignored) {
                        // best effort; we are failing anyway
                    }
                }
                readyUri = null;
                String message = describeStartupFailure(t, options);
                System.err.println(PREFIX + message);
                if (System.getenv("NEO4J_EMBEDDED_DEBUG") != null) {
                    t.printStackTrace(System.err);
                }
            }
        }
        if (readyUri == null) {
            System.err.flush();
            // Must not hold LOCK here: System.exit runs the shutdown hook, which takes LOCK.
            System.exit(1);
            return;
        }
        if (stopping) {
            return; // a signal arrived during startup; the shutdown hook takes over
        }

        PrintStream out = System.out;
        out.print("NEO4J_READY " + readyUri + "\n");
        out.flush();

        if (options.exitOnStdinClose) {
            Thread watcher = new Thread(EmbeddedNeo4j::watchStdin, "neo4j-embedded-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        // Keep the main thread parked; the process ends through System.exit / signals.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String start(Options options) throws Exception {
        Path home = options.data;
        Files.createDirectories(home);
        System.err.println("Starting embedded Neo4j " + NEO4J_VERSION + " in " + home + " …");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(options.host, options.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, options.txMemoryBytes)
                // Bounded transaction logs: 16 MiB files (preallocated when the JVM allows native access),
                // pruned at checkpoints down to one file, and a checkpoint after every 64 MiB of log
                // (instead of every 15 min), so a development folder does not grow forever.
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.check_point_policy, GraphDatabaseSettings.CheckpointPolicy.VOLUME)
                .setConfig(GraphDatabaseSettings.check_point_interval_volume, 64L * 1024 * 1024)
                // No anonymous usage reporting from a local development database.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty's graceful shutdown waits a 5 s quiet period per Bolt event loop group by
                // default (about 10 s in total); the databases are already checkpointed by then.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                // On shutdown, give open transactions 3 s (default 10 s) before they are terminated.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(3));
        // Last, so that the caller's settings win over the defaults above.
        builder.setConfig(options.settings);

        dbms = builder.build();

        GraphDatabaseService db = dbms.database(DEFAULT_DATABASE);
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!db.isAvailable(1_000)) {
            if (stopping) {
                return "stopping";
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("database '" + DEFAULT_DATABASE + "' did not become available within "
                        + READY_TIMEOUT_MS / 1000 + " s (see " + home.resolve("logs") + ")");
            }
        }

        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
        while (bolt == null) {
            if (stopping) {
                return "stopping";
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Bolt connector did not start listening within "
                        + READY_TIMEOUT_MS / 1000 + " s (see " + home.resolve("logs") + ")");
            }
            Thread.sleep(50);
            bolt = ports.getLocalAddress(ConnectorType.BOLT);
        }
        return "bolt://" + uriHost(options.host) + ":" + bolt.getPort();
    }

    /** The host to put in the URI: wildcard addresses are not connectable, so use loopback there. */
    static String uriHost(String host) {
        String h = host;
        if (h.equals("0.0.0.0")) {
            h = "127.0.0.1";
        } else if (h.equals("::") || h.equals("[::]")) {
            h = "::1";
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h;
    }

    private static void onShutdown() {
        stopping = true;
        synchronized (LOCK) {
            if (startupFailed) {
                return; // error already reported; exit code 1 comes from System.exit(1)
            }
            DatabaseManagementService service = dbms;
            dbms = null;
            int code = 0;
            if (service != null) {
                try {
                    service.shutdown();
                } catch (Throwable t) {
                    System.err.println(PREFIX + "error during shutdown: " + oneLine(t));
                    code = 1;
                }
            }
            System.err.println("NEO4J_STOPPED");
            System.err.flush();
            System.out.flush();
            // A signal-initiated JVM exit would report 128+signal; we want a clean 0 after a clean stop.
            Runtime.getRuntime().halt(code);
        }
    }

    private static void watchStdin() {
        InputStream in = System.in;
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // treat a broken stdin like EOF
        }
        System.err.println("stdin closed, shutting down");
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------
    // Argument parsing

    static Options parseArgs(String[] args) throws UsageException {
        Options o = new Options();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--data":
                case "--host":
                case "--port":
                case "--pagecache":
                case "--tx-memory":
                case "--import":
                case "--setting": {
                    String value;
                    if (inlineValue != null) {
                        value = inlineValue;
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    } else {
                        throw new UsageException("missing value for " + name);
                    }
                    if (name.equals("--setting")) {
                        // The one repeatable option: each names a setting of its own.
                        addSetting(o, value);
                        break;
                    }
                    if (!seen.add(name)) {
                        throw new UsageException(name + " given more than once");
                    }
                    applyValue(o, name, value);
                    break;
                }
                case "--exit-on-stdin-close":
                    if (inlineValue != null) {
                        throw new UsageException("--exit-on-stdin-close takes no value");
                    }
                    o.exitOnStdinClose = true;
                    break;
                default:
                    throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (o.data == null) {
            throw new UsageException("missing required argument --data <dir>");
        }
        return o;
    }

    /** One --setting, checked by Neo4j's own configuration parser: an unknown name or a bad value is refused here. */
    private static void addSetting(Options o, String assignment) throws UsageException {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("invalid --setting '" + assignment + "': expected <name>=<value>");
        }
        String name = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        Config parsed;
        try {
            parsed = Config.newBuilder().setRaw(Map.of(name, value)).build();
        } catch (RuntimeException e) {
            throw new UsageException("invalid --setting '" + assignment + "': " + e.getMessage());
        }
        Setting<Object> setting = parsed.getSetting(name);
        if (o.settings.putIfAbsent(setting, parsed.get(setting)) != null) {
            throw new UsageException("--setting " + name + " given more than once");
        }
    }

    private static void applyValue(Options o, String name, String value) throws UsageException {
        switch (name) {
            case "--data":
                if (value.isBlank()) {
                    throw new UsageException("invalid --data '': must be a directory path");
                }
                try {
                    o.data = Paths.get(value).toAbsolutePath().normalize();
                } catch (RuntimeException e) {
                    throw new UsageException("invalid --data '" + value + "': " + e.getMessage());
                }
                break;
            case "--import":
                if (value.isBlank() || !Files.isDirectory(Paths.get(value))) {
                    throw new UsageException("invalid --import '" + value + "': must be a directory holding the importer's files");
                }
                o.importDir = Paths.get(value).toAbsolutePath().normalize();
                break;
            case "--host":
                if (value.isBlank() || value.contains(" ")) {
                    throw new UsageException("invalid --host '" + value + "'");
                }
                o.host = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
                break;
            case "--port":
                try {
                    int p = Integer.parseInt(value.trim());
                    if (p < 0 || p > 65535) {
                        throw new NumberFormatException();
                    }
                    o.port = p;
                } catch (NumberFormatException e) {
                    throw new UsageException("invalid --port '" + value + "': expected an integer 0-65535 (0 = any free port)");
                }
                break;
            case "--pagecache":
                o.pageCacheBytes = parseSize(name, value, 1L);
                break;
            case "--tx-memory":
                o.txMemoryBytes = parseSize(name, value, 0L);
                if (o.txMemoryBytes != 0 && o.txMemoryBytes < 10L * 1024 * 1024) {
                    throw new UsageException("invalid --tx-memory '" + value + "': must be at least 10m (or 0 for no limit)");
                }
                break;
            default:
                throw new UsageException("unknown argument '" + name + "'");
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    /** Parses sizes like 64m, 512MiB, 1g, 1048576 (bytes). */
    static long parseSize(String name, String value, long min) throws UsageException {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException("invalid " + name + " '" + value + "': expected a size like 64m, 512m or 1g");
        }
        long multiplier;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k": multiplier = 1L << 10; break;
            case "m": multiplier = 1L << 20; break;
            case "g": multiplier = 1L << 30; break;
            case "t": multiplier = 1L << 40; break;
            default: multiplier = 1L;
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
            if (bytes < min) {
                throw new UsageException("invalid " + name + " '" + value + "': too small");
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("invalid " + name + " '" + value + "': too large");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Error reporting

    private static void fail(String message) {
        System.err.println(PREFIX + message);
        System.err.flush();
        System.exit(1);
    }

    /** Turns a startup exception chain into one line that names the likely cause. */
    static String describeStartupFailure(Throwable t, Options options) {
        String all = chainText(t).toLowerCase(Locale.ROOT);
        String bolt = "cannot bind Bolt to " + options.host + ":" + options.port;
        if (all.contains("address already in use")) {
            return bolt + ": address already in use (another process is listening on that port)";
        }
        if (find(t, UnresolvedAddressException.class) != null) {
            return bolt + ": host name '" + options.host + "' cannot be resolved";
        }
        if (find(t, BindException.class) != null || all.contains("portbindexception")
                || all.contains("bind(..) failed")) {
            return bolt + ": " + rootMessage(t);
        }
        if (all.contains("locked by another process") || all.contains("filelockexception")
                || find(t, OverlappingFileLockException.class) != null) {
            Matcher lockFile = Pattern.compile("locked by another process: (\\S+?)\\.?(\\s|$)").matcher(chainText(t));
            return "the data directory " + options.data + " is in use by another process (is another Neo4j running"
                    + " on it?)" + (lockFile.find() ? "; lock file " + lockFile.group(1) : "");
        }
        if (find(t, FileAlreadyExistsException.class) != null) {
            return "cannot create data directory " + options.data + ": a file with that name exists";
        }
        if (find(t, java.nio.file.AccessDeniedException.class) != null) {
            return "permission denied in data directory " + options.data + " (" + rootMessage(t) + ")";
        }
        if (find(t, OutOfMemoryError.class) != null) {
            return "out of memory while starting (raise -Xmx or lower --pagecache): " + rootMessage(t);
        }
        return "failed to start Neo4j: " + rootMessage(t);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        Set<Throwable> visited = new HashSet<>();
        for (Throwable c = t; c != null && visited.add(c); c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                T found = find(s, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> visited = new HashSet<>();
        for (Throwable c = t; c != null && visited.add(c); c = c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(chainText(s));
            }
        }
        return sb.toString();
    }

    /** The innermost cause's message, on one line. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        Set<Throwable> visited = new HashSet<>();
        while (root.getCause() != null && visited.add(root)) {
            root = root.getCause();
        }
        return oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String msg = t.getMessage();
        String text = (msg == null || msg.isBlank()) ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + msg;
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
