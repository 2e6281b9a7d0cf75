package io.actorgraph.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileUtils;

/**
 * The first load of an empty database through Neo4j's offline importer ({@code neo4j-admin database
 * import full}, run in-process through {@link AdminTool}, its public entry point), before the DBMS
 * starts: nothing serves the database while it is written, so no reader sees half of it.
 *
 * <p>The import folder holds the CSV files and {@code import.args}, the importer's arguments one per
 * line ({@code --nodes=...}, {@code --relationships=...}, delimiters, memory), written by the Node
 * side. This class adds what makes the import safe: it refuses unless the {@code neo4j} database is
 * absent or holds no node and no relationship; an empty database is moved aside first and moved back
 * if the import fails; a failed import leaves no store behind. Errors: {@link ImportException}, one line.
 */
final class BulkImport {

    static final String ARGS_FILE = "import.args";

    /** A refusal or a failure, with a one-line message meant to be shown as is. */
    static final class ImportException extends Exception {
        private static final long serialVersionUID = 1L;

        ImportException(String message) {
            super(message);
        }
    }

    private BulkImport() {}

    /** Imports the folder's files into {@code <home>/data/databases/neo4j}; returns how long it took (ms). */
    static long run(Path home, Path importDir, long pageCacheBytes) throws ImportException {
        long started = System.nanoTime();
        Path argsFile = importDir.resolve(ARGS_FILE);
        List<String> importerArgs;
        try {
            importerArgs = Files.readAllLines(argsFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ImportException("cannot read the importer's arguments " + argsFile + ": " + EmbeddedNeo4j.rootMessage(e));
        }
        Path data = home.resolve("data");
        Path store = data.resolve("databases").resolve(EmbeddedNeo4j.DEFAULT_DATABASE);
        Path txLogs = data.resolve("transactions").resolve(EmbeddedNeo4j.DEFAULT_DATABASE);

        Path aside = null;
        try {
            Files.createDirectories(home);
            if (Files.exists(store)) {
                long[] counts = count(home, pageCacheBytes);
                if (counts[0] > 0 || counts[1] > 0) {
                    throw new ImportException("refused: the database '" + EmbeddedNeo4j.DEFAULT_DATABASE + "' in " + home + " is not empty ("
                            + counts[0] + " nodes, " + counts[1] + " relationships); the bulk importer only loads an empty database."
                            + " Nothing was changed");
                }
                // Empty: kept aside until the import has succeeded, so a failure leaves it as it was.
                aside = Files.createTempDirectory(data, "import-previous-");
                Files.move(store, aside.resolve("store"));
                if (Files.exists(txLogs)) {
                    Files.move(txLogs, aside.resolve("transactions"));
                }
            }
        } catch (IOException e) {
            throw new ImportException("cannot prepare " + store + " for the import: " + EmbeddedNeo4j.rootMessage(e));
        }

        List<String> args = new ArrayList<>(List.of("database", "import", "full"));
        args.addAll(importerArgs);
        args.add("--report-file=" + importDir.resolve("import.report"));
        // The causes of a failure are only in the verbose output's stack traces (see describeFailure).
        args.add("--verbose");
        args.add(EmbeddedNeo4j.DEFAULT_DATABASE);

        // The importer's progress goes to stderr (stdout carries only the ready line); its errors are
        // also kept, to report the first one.
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream errorStream = new PrintStream(new Tee(errors, System.err), true, StandardCharsets.UTF_8);
        int code;
        String failure = null;
        try {
            ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), System.err, errorStream, new DefaultFileSystemAbstraction());
            code = AdminTool.execute(context, args.toArray(new String[0]));
        } catch (Throwable t) {
            code = -1;
            failure = EmbeddedNeo4j.rootMessage(t);
        }
        errorStream.flush();
        if (code != 0) {
            String cause = failure != null ? failure : describeFailure(errors.toString(StandardCharsets.UTF_8), code);
            try {
                FileUtils.deleteDirectory(store);
                FileUtils.deleteDirectory(txLogs);
                if (aside != null) {
                    Files.move(aside.resolve("store"), store);
                    if (Files.exists(aside.resolve("transactions"))) {
                        Files.move(aside.resolve("transactions"), txLogs);
                    }
                    FileUtils.deleteDirectory(aside);
                }
            } catch (IOException e) {
                cause += " (and cleaning up failed: " + EmbeddedNeo4j.rootMessage(e) + ")";
            }
            throw new ImportException("the bulk import failed, nothing was loaded: " + cause);
        }
        if (aside != null) {
            try {
                FileUtils.deleteDirectory(aside);
            } catch (IOException e) {
                System.err.println("could not delete " + aside + ": " + EmbeddedNeo4j.rootMessage(e));
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Nodes and relationships in the existing database, from a short-lived DBMS without Bolt. */
    private static long[] count(Path home, long pageCacheBytes) throws ImportException {
        DatabaseManagementService dbms = null;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
            // Both counts come from the counts store: constant time.
            return dbms.database(EmbeddedNeo4j.DEFAULT_DATABASE).executeTransactionally(
                    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }"
                            + " RETURN nodes, relationships", Map.of(), result -> {
                        Map<String, Object> row = result.next();
                        return new long[] {(Long) row.get("nodes"), (Long) row.get("relationships")};
                    });
        } catch (RuntimeException e) {
            throw new ImportException("cannot tell whether the existing database in " + home + " is empty: " + EmbeddedNeo4j.rootMessage(e));
        } finally {
            if (dbms != null) {
                dbms.shutdown();
            }
        }
    }

    private static final Pattern SOURCE = Pattern.compile("data source: \\w+\\[source:(.+?), position:\\d+, line:(\\d+)\\]");
    private static final Pattern CAUSE = Pattern.compile("^Caused by: (?:[\\w.$]+?(?:Exception|Error): )?(.*)$");

    /**
     * One line from the importer's verbose error output: the innermost cause (a bad entry says which
     * node or relationship and why) and the file and line it came from.
     */
    static String describeFailure(String output, int code) {
        String cause = null;
        String source = null;
        String last = null;
        for (String line : output.split("\\R")) {
            String l = line.trim();
            Matcher c = CAUSE.matcher(l);
            if (c.matches() && !c.group(1).isBlank()) {
                cause = c.group(1).trim();
            }
            Matcher s = SOURCE.matcher(l);
            if (source == null && s.find()) {
                source = Path.of(s.group(1)).getFileName() + " line " + s.group(2);
            }
            if (!l.isEmpty() && !l.startsWith("at ") && !l.startsWith("Run with") && !l.startsWith("...")) {
                last = l;
            }
        }
        if (cause == null) {
            // The heap warning is printed without a line break before the error that follows it.
            cause = last == null ? "the importer exited with code " + code + " and no message"
                    : last.replaceFirst("^WARNING: heap size .*? Suggested heap size is [\\d.]+\\s*\\w+?B", "");
        }
        return source == null ? cause : cause + " (" + source + ")";
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
