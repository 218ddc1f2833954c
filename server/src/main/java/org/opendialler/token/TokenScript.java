package org.opendialler.token;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opendialler.protocol.Addresses;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.Script;

/** {@code token.php}: {@code get}, {@code validate} and our {@code revoke}; no method. */
public final class TokenScript implements Script {

    private static final int MAX_ADDRESSES = 10;

    private final TokenService tokens;

    public TokenScript(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "token.php";
    }

    @Override
    public Format defaultFormat() {
        return Format.JSON;
    }

    @Override
    public Set<Format> formats() {
        return EnumSet.of(Format.JSON, Format.XML);
    }

    @Override
    public boolean requiresToken() {
        return false;
    }

    @Override
    public Answer handle(ApiRequest request) {
        String action = request.optional("action").orElse("");
        return switch (action) {
            case "get" -> get(request);
            case "validate" -> Answer.Fields.of(
                    "expire", tokens.validate(request.param("token"), request.clientIp()));
            case "revoke" -> {
                tokens.revoke(request.param("token"), request.clientIp());
                yield Answer.Fields.of();
            }
            default -> throw ApiException.unknownAction();
        };
    }

    private Answer get(ApiRequest request) {
        String username = request.param("username");
        String password = request.param("password");
        if (username == null || password == null || username.isEmpty()) {
            throw new ApiException("Authentication failure");
        }
        List<String> boundTo = addresses(request);
        TokenService.Issued issued = tokens.get(username, password, request.clientIp(), boundTo);
        return Answer.Fields.of("token", issued.token(), "expire", issued.expire());
    }

    private static List<String> addresses(ApiRequest request) {
        String given = request.optional("address").orElse(null);
        if (given == null) {
            return List.of(Addresses.canonical(request.clientIp()));
        }
        List<String> out = new ArrayList<>();
        for (String part : given.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            if (Addresses.parse(part) == null) {
                throw ApiException.badArgument("address");
            }
            String ip = Addresses.canonical(part.trim());
            if (!out.contains(ip)) {
                out.add(ip);
            }
        }
        if (out.isEmpty() || out.size() > MAX_ADDRESSES) {
            throw ApiException.badArgument("address");
        }
        return out;
    }
}
