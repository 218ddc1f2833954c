package org.opendialler.database;

import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.name;

import java.util.List;
import org.jooq.Record;

/** {@code teams}: groups of agents; a team with agents cannot be deleted. */
final class TeamMethod extends Resource {

    TeamMethod() {
        super("teams", "team", table(name("teams")), Key.id("teamid", "teamid"), List.of(
                Key.text("name", "name", 200).mandatory(),
                Key.text("middleware", "middleware", 1000)));
    }

    @Override
    void beforeDelete(Ctx ctx, Record existing) {
        long teamid = existing.get(idField());
        int agents = ctx.tx().fetchCount(Agents.TABLE,
                CCID.eq(ctx.ccid()).and(Agents.TEAM.eq(teamid)));
        if (agents > 0) {
            throw new RowRefused("Team " + teamid + " has " + agents + " agents");
        }
    }
}
