package org.opendialler.reporting;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.MethodScript;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code reporting.php}: the {@code calls}, {@code cdr} and {@code agents} reports over call
 * detail records, each with {@code action=read} (the default) and {@code action=fields}.
 */
public final class ReportingScript extends MethodScript {

    public ReportingScript(Database db, Tenancy tenancy) {
        super("reporting.php", Format.JSON, EnumSet.of(Format.JSON, Format.XML), false);
        CallsReport calls = new CallsReport(db, tenancy);
        CdrReport cdr = new CdrReport(db);
        AgentsReport agents = new AgentsReport(db);
        methods()
                .on("calls", "read", calls::read)
                .on("calls", "fields", r -> Answer.Rows.of(callsCatalogue()))
                .defaultAction("calls", "read")
                .on("cdr", "read", cdr::read)
                .on("cdr", "fields", r -> Answer.Rows.of(cdrCatalogue()))
                .defaultAction("cdr", "read")
                .on("agents", "read", agents::read)
                .on("agents", "fields", r -> Answer.Rows.of(agentsCatalogue()))
                .defaultAction("agents", "read");
    }

    static List<Map<String, Object>> callsCatalogue() {
        List<Map<String, Object>> items = new ArrayList<>();
        CallFields.GROUPABLE.values().forEach(g -> items.add(
                entry(g.field(), g.name(), true, false, g.description())));
        CallFields.METRICS.values().forEach(m -> items.add(
                entry(m.field(), m.name(), false, true, m.description())));
        return items;
    }

    static List<Map<String, Object>> cdrCatalogue() {
        List<Map<String, Object>> items = new ArrayList<>();
        CdrFields.FIELDS.values().forEach(f -> items.add(
                entry(f.field(), f.name(), false, f.numeric(), f.description())));
        return items;
    }

    static List<Map<String, Object>> agentsCatalogue() {
        List<Map<String, Object>> items = new ArrayList<>();
        AgentsReport.FIELDS.values().forEach(f -> items.add(entry(f.field(), f.name(),
                f.kind() == AgentsReport.Kind.ID || f.kind() == AgentsReport.Kind.NAME,
                f.kind() == AgentsReport.Kind.AMOUNT, f.description())));
        return items;
    }

    private static Map<String, Object> entry(String field, String name, boolean grouping,
            boolean numeric, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("name", name);
        e.put("grouping", grouping ? 1 : 0);
        e.put("numeric", numeric ? 1 : 0);
        e.put("description", description);
        return e;
    }
}
