package org.opendialler.token;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.Authenticator;
import org.opendialler.protocol.Caller;
import org.opendialler.store.Database;
import org.opendialler.store.Rendered;
import org.opendialler.tenancy.ApiUser;
import org.opendialler.tenancy.Passwords;
import org.opendialler.tenancy.Tenancy;

/**
 * Mints, checks and revokes tokens. A token is 40 hex characters derived with HMAC-SHA-256 from a
 * random nonce and the server's secret; the database keeps the nonce and a SHA-256 of the token,
 * never the token, so a copy of the database alone gives nobody a working token. Thread-safe.
 */
public final class TokenService implements Authenticator {

    static final Table<Record> TOKENS = table(name("tokens"));
    static final Field<Long> TOKEN_ID = field(name("token_id"), Long.class);
    static final Field<String> TOKEN_HASH = field(name("token_hash"), String.class);
    static final Field<String> NONCE = field(name("nonce"), String.class);
    static final Field<Long> USER_ID = field(name("user_id"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> BOUND_TO = field(name("bound_to"), String.class);
    static final Field<Long> ISSUED_AT = field(name("issued_at"), Long.class);
    static final Field<Long> EXPIRES_AT = field(name("expires_at"), Long.class);
    static final Field<Boolean> REVOKED = field(name("revoked"), Boolean.class);
    static final Field<Long> TOKEN_CCID = field(name("tokens", "ccid"), Long.class);
    static final Field<Long> TOKEN_USER_ID = field(name("tokens", "user_id"), Long.class);
    static final Field<Long> USERS_USER_ID = field(name("api_users", "user_id"), Long.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Table<Record> USERS = table(name("api_users"));
    static final Table<Record> CENTRES = table(name("centres"));
    static final Field<Long> CENTRES_CCID = field(name("centres", "ccid"), Long.class);
    static final Field<Long> DEFINITIONS_VERSION =
            field(name("centres", "definitions_version"), Long.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{40}");
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Field<?>> LOOKUP = List.of(TOKEN_ID, TOKEN_CCID, TOKEN_HASH,
            TOKEN_USER_ID, BOUND_TO, EXPIRES_AT, REVOKED, USERNAME, DEFINITIONS_VERSION);
    /** Past this many tokens the callers seen are forgotten, and found again as they return. */
    private static final int SEEN_CAP = 10_000;

    private final Database db;
    private final Tenancy tenancy;
    private final Clock clock;
    private final Duration lifetime;
    private final byte[] secret;
    private final LoginThrottle throttle;
    private final Timer held;
    private final Counter refused;
    private final Counter sentAlong;
    private final Map<String, Caller> seen = new ConcurrentHashMap<>();
    private volatile String lookup;

    /** A minted or re-issued token and the Unix second it stops working. */
    public record Issued(String token, long expire) {
    }

    /**
     * @param metrics where the throttle's holds and refusals are counted, so that an operator
     *     sees guessing going on (every such answer is the same {@code Authentication failure})
     */
    public TokenService(Database db, Tenancy tenancy, Clock clock, Duration lifetime,
            byte[] secret, MeterRegistry metrics) {
        this.db = db;
        this.tenancy = tenancy;
        this.clock = clock;
        this.lifetime = lifetime;
        this.secret = secret.clone();
        this.throttle = new LoginThrottle(clock);
        this.held = Timer.builder("opendialler.login.held")
                .description("Logins held back after repeated failures, and for how long")
                .register(metrics);
        this.refused = Counter.builder("opendialler.login.refused")
                .description("Logins refused unchecked after too many failures")
                .register(metrics);
        this.sentAlong = Counter.builder("opendialler.token.checks.along")
                .description("Token checks sent to the database with the request's own read")
                .register(metrics);
    }

    /**
     * Checks a username and password and answers the token that user holds for these addresses,
     * minting one when none is valid.
     *
     * @throws ApiException {@code Authentication failure}, the same for every kind of failure
     */
    public Issued get(String username, String password, String clientIp, List<String> boundTo) {
        if (throttle.refused(clientIp, username)) {
            refused.increment();
            throw authenticationFailure();
        }
        long delay = throttle.delayMillis(clientIp, username);
        if (delay > 0) {
            held.record(Duration.ofMillis(delay));
            sleep(delay);
        }
        Optional<ApiUser> user = tenancy.user(username);
        boolean ok = Passwords.matches(password, user.map(ApiUser::passwordHash).orElse(null));
        if (!ok) {
            throw failure(clientIp, username);
        }
        throttle.succeeded(clientIp, username);

        String binding = String.join(",", boundTo);
        long now = clock.instant().getEpochSecond();
        Optional<Issued> held = held(user.get().userId(), binding, now);
        return held.orElseGet(() -> mint(user.get(), binding, now));
    }

    private ApiException failure(String clientIp, String username) {
        throttle.failed(clientIp, username);
        return authenticationFailure();
    }

    private static ApiException authenticationFailure() {
        return new ApiException("Authentication failure");
    }

    private Optional<Issued> held(long userId, String binding, long now) {
        var rows = db.dsl().select(NONCE, TOKEN_HASH, EXPIRES_AT).from(TOKENS)
                .where(USER_ID.eq(userId), BOUND_TO.eq(binding), REVOKED.isFalse(),
                        EXPIRES_AT.gt(now))
                .orderBy(EXPIRES_AT.desc())
                .fetch();
        for (var row : rows) {
            String token = derive(row.get(NONCE));
            // A token minted by a node with another secret cannot be derived here; skip it.
            if (sha256(token).equals(row.get(TOKEN_HASH))) {
                return Optional.of(new Issued(token, row.get(EXPIRES_AT)));
            }
        }
        return Optional.empty();
    }

    private Issued mint(ApiUser user, String binding, long now) {
        byte[] nonceBytes = new byte[24];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HEX.formatHex(nonceBytes);
        String token = derive(nonce);
        long expire = now + lifetime.toSeconds();
        db.dsl().insertInto(TOKENS)
                .set(TOKEN_HASH, sha256(token))
                .set(NONCE, nonce)
                .set(USER_ID, user.userId())
                .set(CCID, user.ccid())
                .set(BOUND_TO, binding)
                .set(ISSUED_AT, now)
                .set(EXPIRES_AT, expire)
                .execute();
        return new Issued(token, expire);
    }

    /** The expiry of a valid token used from {@code clientIp}. */
    public long validate(String token, String clientIp) {
        return row(token, clientIp).get(EXPIRES_AT);
    }

    @Override
    public Caller authenticate(String token, String clientIp) {
        checkFormat(token);
        String hash = sha256(token);
        return remember(hash, caller(check(find(hash), clientIp)));
    }

    /**
     * Checks a token as {@link #authenticate(String, String)} does and, when this node has seen
     * the token before, sends the read that {@code along} builds for the caller it was then in
     * the same round trip. The check itself still reads the database, so a token revoked or
     * expired a moment ago is refused as before; the script must still confirm that the read
     * it sent is the one the checked caller needs, since the centre's definitions may have
     * changed since.
     *
     * @param along the read to send for a caller, or empty for none
     * @param sent given the rows of that read, when it was sent and the token is valid
     */
    public Caller authenticate(String token, String clientIp,
            Function<Caller, Optional<Rendered>> along, Consumer<Result<Record>> sent) {
        checkFormat(token);
        String hash = sha256(token);
        Caller foreseen = seen.get(hash);
        Optional<Rendered> read = foreseen == null ? Optional.empty() : along.apply(foreseen);
        if (read.isEmpty()) {
            return remember(hash, caller(check(find(hash), clientIp)));
        }

        sentAlong.increment();
        List<Result<Record>> both = db.fetchTogether(
                new Rendered(lookup(), LOOKUP, List.of(hash)), read.get());
        Caller caller = remember(hash, caller(check(both.get(0).stream().findFirst(), clientIp)));
        sent.accept(both.get(1));
        return caller;
    }

    private Caller remember(String hash, Caller caller) {
        if (seen.size() >= SEEN_CAP) {
            seen.clear();
        }
        seen.put(hash, caller);
        return caller;
    }

    private static Caller caller(Record row) {
        return new Caller(row.get(TOKEN_CCID), row.get(TOKEN_USER_ID), row.get(USERNAME),
                row.get(DEFINITIONS_VERSION));
    }

    /** Ends a token at once. */
    public void revoke(String token, String clientIp) {
        Record row = row(token, clientIp);
        db.dsl().update(TOKENS).set(REVOKED, true).where(TOKEN_ID.eq(row.get(TOKEN_ID)))
                .execute();
    }

    private Record row(String token, String clientIp) {
        checkFormat(token);
        return check(find(sha256(token)), clientIp);
    }

    private Optional<Record> find(String hash) {
        // The centre's definitions version comes with the token so that a script can tell,
        // without a query of its own, whether the definitions it keeps are still current.
        return db.fetchRendered(lookup(), LOOKUP, hash).stream().findFirst();
    }

    private static void checkFormat(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw invalid();
        }
    }

    private Record check(Optional<Record> found, String clientIp) {
        Record row = found.orElse(null);
        if (row == null || row.get(REVOKED) || !boundTo(row.get(BOUND_TO), clientIp)) {
            throw invalid();
        }
        if (row.get(EXPIRES_AT) <= clock.instant().getEpochSecond()) {
            throw new ApiException("Expired token", Map.of("expire", -1));
        }
        return row;
    }

    /**
     * The statement that finds a token by its hash, rendered on first use and then reused with
     * the hash bound: every request runs it, and jOOQ's rendering of the join cost more than
     * the query itself.
     */
    private String lookup() {
        String sql = lookup;
        if (sql == null) {
            sql = db.dsl().render(db.dsl().select(LOOKUP).from(TOKENS).join(USERS)
                    .on(TOKEN_USER_ID.eq(USERS_USER_ID)).join(CENTRES)
                    .on(CENTRES_CCID.eq(TOKEN_CCID)).where(TOKEN_HASH.eq("")));
            lookup = sql;
        }
        return sql;
    }

    private static boolean boundTo(String binding, String clientIp) {
        for (String ip : binding.split(",")) {
            if (org.opendialler.protocol.Addresses.same(ip, clientIp)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException invalid() {
        return new ApiException("Invalid token");
    }

    private String derive(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(full, 0, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
