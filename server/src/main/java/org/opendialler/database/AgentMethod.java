package org.opendialler.database;

import static org.jooq.impl.DSL.noCondition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Record;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.tenancy.Passwords;

/**
 * {@code agents}: passwords are stored as bcrypt hashes and never read back; a login is unique
 * in the centre; an agent who is logged in cannot be deleted.
 */
final class AgentMethod extends Resource {

    AgentMethod() {
        super("agents", "agent", Agents.TABLE, Key.id("agentid", "agentid"), List.of(
                Key.text("firstname", "firstname", 100),
                Key.text("lastname", "lastname", 100),
                Key.text("login", "login", 100).mandatory(),
                Key.of("password", "password_hash", org.jooq.impl.SQLDataType.VARCHAR,
                        AgentMethod::hash).mandatory().secret(),
                Key.id("team", "team"),
                Key.of("email", "email", org.jooq.impl.SQLDataType.VARCHAR, t -> {
                    if (t.length() > 254 || !t.matches("[^@\\s]+@[^@\\s]+")) {
                        throw new IllegalArgumentException("an e-mail address");
                    }
                    return t;
                }),
                Key.yn("active", "active").withDefault("Y"),
                Key.integer("level", "agent_level", 1, 100).withDefault(1),
                Key.text("middleware", "middleware", 1000)));
    }

    private static Object hash(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 4 || bytes > 72) {
            throw new IllegalArgumentException("4 to 72 bytes");
        }
        return Passwords.hash(password);
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Condition where = noCondition();
        if (request.optional("filter").isPresent()) {
            where = where.and(IdFilter.parse(request.param("filter"), Agents.AGENTID));
        }
        // The vendor's wrapper names agents by `agent` (one id or a comma list), not agentid.
        where = where.and(Crud.idList(request, "agent", Agents.AGENTID));
        where = where.and(Crud.idList(request, "team", Agents.TEAM));
        if (request.optional("login").isPresent()) {
            where = where.and(Agents.LOGIN.eq(request.param("login").trim()));
        }
        return where;
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        Condition sameLogin = CCID.eq(ctx.ccid())
                .and(Agents.LOGIN.eq((String) values.get("login")));
        if (existing != null) {
            sameLogin = sameLogin.and(Agents.AGENTID.ne(existing.get(Agents.AGENTID)));
        }
        if (ctx.tx().fetchExists(Agents.TABLE, sameLogin)) {
            throw new RowRefused("Login already exists: " + values.get("login"));
        }
        QueueMethod.mustExist(ctx, values.get("team"), "teams", "team", "teamid");
    }

    @Override
    void beforeDelete(Ctx ctx, Record existing) {
        if (Boolean.TRUE.equals(existing.get(Agents.LOGGED_IN))) {
            throw new RowRefused("Agent " + existing.get(Agents.AGENTID) + " is logged in");
        }
    }

    @Override
    void delete(Ctx ctx, Record existing) {
        ctx.tx().deleteFrom(PriorityMethod.TABLE).where(CCID.eq(ctx.ccid()))
                .and(PriorityMethod.AGENTID.eq(existing.get(Agents.AGENTID))).execute();
        super.delete(ctx, existing);
    }
}
