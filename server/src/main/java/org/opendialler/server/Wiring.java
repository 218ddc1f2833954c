package org.opendialler.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opendialler.compliance.Candidate;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.compliance.Verdict;
import org.opendialler.database.Agents;
import org.opendialler.database.DatabaseMethods;
import org.opendialler.database.DatabaseScript;
import org.opendialler.database.Outcomes;
import org.opendialler.database.Queues;
import org.opendialler.database.References;
import org.opendialler.ecnow.DialExplainer;
import org.opendialler.ecnow.EcnowScript;
import org.opendialler.ecnow.Lookups;
import org.opendialler.ecnow.Usage;
import org.opendialler.protocol.Script;
import org.opendialler.reporting.CdrLog;
import org.opendialler.store.Database;
import org.opendialler.token.TokenService;
import org.opendialler.tenancy.Tenancy;

/**
 * Builds the scripts whose areas refer to each other: ecnow.php checks outcomes, agents and
 * queues that database.php owns; database.php refuses to delete what ecnow data uses; and each
 * serves some of the other's methods under the names the known clients call. database.php's
 * {@code cdr_log} reads the reporting area's call detail records; {@code ecnow_records} reads
 * with {@code explain=1} ask the compliance guard.
 */
final class Wiring {

    private Wiring() {
    }

    static List<Script> ecnowAndDatabase(Database db, Tenancy tenancy, ServerConfig config,
            TokenService tokens) {
        EcnowScript ecnow = new EcnowScript(db, tenancy, config.clock(), config.readCap(),
                lookups(db), explainer(new ComplianceGuard(db, tenancy)), tokens::authenticate);
        DatabaseMethods configuration = new DatabaseMethods(db, tenancy, config,
                references(new Usage(db)));
        DatabaseScript database = new DatabaseScript(configuration);

        configuration.register(ecnow.methods(), "queues", "ecnow_queues");
        configuration.register(ecnow.methods(), "agents", "ecnow_agents");
        configuration.register(ecnow.methods(), "outcomecodes", "ecnow_outcomecodes");
        database.methods().alias(ecnow.methods(), "ecnow_records", "ecnow_data");
        database.methods().on("cdr_log", "read", new CdrLog(db, tenancy)::read);
        return List.of(ecnow, database);
    }

    private static Lookups lookups(Database db) {
        Outcomes outcomes = new Outcomes(db);
        Agents agents = new Agents(db);
        Queues queues = new Queues(db);
        return new Lookups() {
            @Override
            public Optional<Boolean> outcomeComplete(long ccid, long outcome) {
                return outcomes.find(ccid, outcome).map(Outcomes.Outcome::complete);
            }

            @Override
            public boolean agentExists(long ccid, long agentId) {
                return agents.exists(ccid, agentId);
            }

            @Override
            public boolean isOutboundQueueOf(long ccid, long qid, String tableName) {
                return queues.find(ccid, qid)
                        .filter(q -> "outbound".equals(q.type()) && q.table() != null)
                        .filter(q -> q.table().toLowerCase(Locale.ROOT)
                                .equals(tableName.toLowerCase(Locale.ROOT)))
                        .isPresent();
            }
        };
    }

    private static DialExplainer explainer(ComplianceGuard guard) {
        return (s, now) -> {
            Verdict v = guard.explain(new Candidate(s.ccid(), s.recordId(), s.processType(),
                    s.phones(), s.postcode(), s.attempts(), s.lastAttempt(), s.callback(),
                    s.zone(), s.sametime()), s.qid(), now);
            return new DialExplainer.Explanation(v.dialable(),
                    v.dialable() ? "" : v.reason().wire(), v.notBefore());
        };
    }

    private static References references(Usage usage) {
        return new References() {
            @Override
            public long datasetsOfQueue(long ccid, long qid) {
                return usage.datasetsOfQueue(ccid, qid);
            }

            @Override
            public long recordsWithOutcome(long ccid, long outcome) {
                return usage.recordsWithOutcome(ccid, outcome);
            }

            @Override
            public boolean campaignTableExists(long ccid, String table) {
                return usage.tableExists(ccid, table);
            }
        };
    }
}
