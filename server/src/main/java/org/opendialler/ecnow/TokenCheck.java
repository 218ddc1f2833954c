package org.opendialler.ecnow;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.Record;
import org.jooq.Result;
import org.opendialler.protocol.Caller;
import org.opendialler.store.Rendered;

/**
 * The token check of a request whose first read may go to the database with it, so that the
 * commonest read waits on the database once rather than twice.
 */
@FunctionalInterface
public interface TokenCheck {

    /**
     * Checks a token, sending the read {@code along} builds for the caller the token is
     * expected to be, when one is expected.
     *
     * @param sent given that read's rows, when it was sent and the token is valid
     * @throws org.opendialler.protocol.ApiException as the router's token check does
     */
    Caller check(String token, String clientIp, Function<Caller, Optional<Rendered>> along,
            Consumer<Result<Record>> sent);
}
