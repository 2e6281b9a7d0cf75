package io.actorgraph.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Unsigned copies of the signed jars on the launcher's classpath, made once per build.
 *
 * <pre>
 * java -cp target/neo4j-embedded.jar io.actorgraph.embedded.UnsignedJars &lt;out dir&gt; &lt;jar&gt;...
 * </pre>
 *
 * stdout: the classpath to launch with, one entry per line in the order given: the copy in the
 * output folder for a signed jar, the jar itself otherwise. Errors: one line on stderr, exit 1.
 *
 * Why: the JVM checks a signed jar's manifest digests and signature as it opens it and each class's
 * digest as it loads it, and class-data sharing skips classes from signed jars. Neo4j depends on
 * two (eclipse-collections and its API), so every start paid for both: measured on the 2-core
 * machine, the DBMS start took 4.2-4.8 s of its main thread's CPU with the signed jars and
 * 2.6-2.9 s with these copies, and the ready line came after 3.1 s instead of 4.7-5.4 s. A copy
 * holds the same classes and resources; only the signature files go, and the manifest keeps its
 * main section (the per-entry digests were there for the signature).
 */
public final class UnsignedJars {

    private UnsignedJars() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("neo4j-embedded: usage: UnsignedJars <out dir> <jar>...");
            System.exit(1);
        }
        try {
            Path out = Paths.get(args[0]);
            Files.createDirectories(out);
            StringBuilder classpath = new StringBuilder();
            for (int i = 1; i < args.length; i++) {
                Path jar = Paths.get(args[i]);
                classpath.append(isSigned(jar) ? unsignedCopy(jar, out) : jar).append('\n');
            }
            System.out.print(classpath);
        } catch (IOException | RuntimeException e) {
            System.err.println("neo4j-embedded: could not make unsigned copies of the signed jars: " + e);
            System.exit(1);
        }
    }

    /** A signature file: META-INF/*.SF, *.RSA, *.DSA, *.EC or SIG-*, directly in META-INF. */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC") || file.startsWith("SIG-");
    }

    private static boolean isSigned(Path jar) throws IOException {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                if (isSignatureFile(entries.nextElement().getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path unsignedCopy(Path jar, Path out) throws IOException {
        Path copy = out.resolve(jar.getFileName());
        // Kept while its jar is unchanged: the class archive records each jar's size and time, and
        // the JVM quietly runs without an archive whose jars changed.
        FileTime modified = Files.getLastModifiedTime(jar);
        if (Files.isRegularFile(copy) && Files.getLastModifiedTime(copy).equals(modified)) {
            return copy;
        }
        // Written aside and moved into place whole: a build stopped halfway leaves no broken jar.
        Path partial = Files.createTempFile(out, jar.getFileName().toString(), ".partial");
        try (JarFile source = new JarFile(jar.toFile(), false)) {
            Manifest manifest = source.getManifest();
            Manifest mainOnly = new Manifest();
            if (manifest != null) {
                mainOnly.getMainAttributes().putAll(manifest.getMainAttributes());
            }
            try (OutputStream file = Files.newOutputStream(partial); JarOutputStream target = new JarOutputStream(file, mainOnly)) {
                byte[] buffer = new byte[64 * 1024];
                for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (isSignatureFile(name) || name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    JarEntry copied = new JarEntry(name);
                    copied.setTime(entry.getTime());
                    target.putNextEntry(copied);
                    try (InputStream in = source.getInputStream(entry)) {
                        for (int read; (read = in.read(buffer)) > 0; ) {
                            target.write(buffer, 0, read);
                        }
                    }
                    target.closeEntry();
                }
            }
            // A temporary file is its owner's alone; the jar it replaces was readable by all.
            partial.toFile().setReadable(true, false);
            Files.setLastModifiedTime(partial, modified);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }
}
