package org.opendialler.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.store.DbConfig;

/**
 * Everything a server needs to start. Built by the CLI from flags and environment variables, or by
 * tests directly.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param host the address to listen on
 * @param dataDir where the embedded database, the token secret and recordings live
 * @param db the database; {@link DbConfig#embedded(Path)} for the default
 * @param tokenLifetime how long a token lives (43,199 s unless configured)
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param apiPrefix the path prefix scripts are also served under, such as {@code /api}
 * @param maxBodyBytes the largest request body read; larger ones are refused
 * @param readCap the most rows a read answers without {@code limit}
 * @param clock the time every part of the server reads
 * @param bootstrap a centre and API user to make sure of at start, or {@code null}
 * @param dialler the dialler engine's settings, or {@code null} when it does not run
 */
public record ServerConfig(
        int port,
        String host,
        Path dataDir,
        DbConfig db,
        Duration tokenLifetime,
        List<String> trustedProxies,
        String apiPrefix,
        long maxBodyBytes,
        int readCap,
        Clock clock,
        Bootstrap bootstrap,
        EngineSettings dialler) {

    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(43_199);
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_READ_CAP = 10_000;

    /** A centre and its first API user, made at start when missing (like a database image). */
    public record Bootstrap(String centre, String username, String password) {
    }

    /** The defaults for a data directory: embedded H2, port 8080, prefix {@code /api}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(8080, "0.0.0.0", dataDir, DbConfig.embedded(dataDir),
                DEFAULT_TOKEN_LIFETIME, List.of(), "/api", DEFAULT_MAX_BODY_BYTES,
                DEFAULT_READ_CAP, Clock.systemUTC(), null, null);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(value, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(port, value, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withDataDir(Path value) {
        return new ServerConfig(port, host, value, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withDb(DbConfig value) {
        return new ServerConfig(port, host, dataDir, value, tokenLifetime, trustedProxies,
                apiPrefix, maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withTokenLifetime(Duration value) {
        return new ServerConfig(port, host, dataDir, db, value, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withTrustedProxies(List<String> value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, value, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withApiPrefix(String value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, value,
                maxBodyBytes, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withMaxBodyBytes(long value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                value, readCap, clock, bootstrap, dialler);
    }

    public ServerConfig withReadCap(int value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, value, clock, bootstrap, dialler);
    }

    public ServerConfig withClock(Clock value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, value, bootstrap, dialler);
    }

    public ServerConfig withBootstrap(Bootstrap value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, value, dialler);
    }

    public ServerConfig withDialler(EngineSettings value) {
        return new ServerConfig(port, host, dataDir, db, tokenLifetime, trustedProxies, apiPrefix,
                maxBodyBytes, readCap, clock, bootstrap, value);
    }
}
