package org.opendialler.protocol;

/** Turns a token and the address it came from into a caller, or refuses it. */
public interface Authenticator {

    /**
     * @throws ApiException {@code Invalid token}, or {@code Expired token} with
     *     {@code expire: -1}
     */
    Caller authenticate(String token, String clientIp);
}
