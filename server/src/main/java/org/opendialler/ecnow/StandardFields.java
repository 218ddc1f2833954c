package org.opendialler.ecnow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The standard fields of every campaign table, in order, and the aliases clients send. */
public final class StandardFields {

    public static final String ID = "id";
    public static final String DATASETID = "datasetid";
    public static final String PROCESS_TYPE = "ProcessType";
    public static final List<String> PHONES = List.of("HomePhone", "WorkPhone", "MobilePhone");

    /** Fields the server owns: values sent for them on a write are ignored. */
    static final Set<String> SERVER_OWNED =
            Set.of("id", "processtype", "processdate", "loaddate", "notes");

    /** Input aliases, lower case, to the field (or {@code notes_append}) they stand for. */
    static final Map<String, String> ALIASES = Map.of(
            "dataset", DATASETID,
            "ddi_home", "HomePhone",
            "ddi_work", "WorkPhone",
            "ddi_mobile", "MobilePhone",
            "email", "Customer_Email",
            "note", "notes_append",
            "notes_append", "notes_append");

    private static final List<FieldDef> FIELDS = build();
    private static final Map<String, FieldDef> BY_LOWER = index();
    private static final Map<String, FieldDef> BY_NAME = byName();

    private StandardFields() {
    }

    public static List<FieldDef> all() {
        return FIELDS;
    }

    /** The standard field of that name, any case, or empty. */
    public static Optional<FieldDef> named(String name) {
        FieldDef exact = BY_NAME.get(name);
        return exact != null ? Optional.of(exact)
                : Optional.ofNullable(BY_LOWER.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether a custom field may not take this name (a standard field or an alias). */
    static boolean reserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return BY_LOWER.containsKey(lower) || ALIASES.containsKey(lower)
                || lower.endsWith("_e164");
    }

    private static List<FieldDef> build() {
        List<FieldDef> out = new ArrayList<>();
        add(out, "id", "int", 11, "system", "Y");
        add(out, "datasetid", "int", 11, "system", "N");
        for (String n : List.of("Title", "FirstName", "LastName", "Address1", "Address2",
                "Address3", "Address4", "Address5", "Address6", "Postcode")) {
            add(out, n, "varchar", 255, "Name and Address", "N");
        }
        for (String n : PHONES) {
            add(out, n, "varchar", 255, "Phone Numbers", "N");
        }
        add(out, "Customer_Email", "varchar", 255, "Name and Address", "N");
        add(out, "URN", "varchar", 255, "system", "N");
        add(out, "VENDOR_URN", "varchar", 255, "system", "N");
        add(out, "AgentRef", "int", 11, "system", "N");
        add(out, "Agent_Specific", "int", 1, "system", "N");
        add(out, "callback", "datetime", 19, "system", "N");
        add(out, "Call_Back_Notes", "largetext", 65535, "system", "N");
        add(out, "Call_Back_Sametime", "int", 1, "system", "N");
        add(out, "appointment", "datetime", 19, "system", "N");
        add(out, "outcomecode", "int", 11, "system", "N");
        add(out, "ProcessType", "varchar", 32, "system", "Y");
        add(out, "ProcessDate", "datetime", 19, "system", "Y");
        add(out, "notes", "largetext", 65535, "system", "Y");
        add(out, "sourcefile", "varchar", 255, "system", "N");
        add(out, "loaddate", "datetime", 19, "system", "Y");
        add(out, "flgid", "int", 11, "system", "N");
        return Collections.unmodifiableList(out);
    }

    private static void add(List<FieldDef> out, String name, String type, int size,
            String group, String readonly) {
        int position = out.size() + 1;
        out.add(new FieldDef(name, position, type, size, true, group, name, readonly, "N", "N",
                "N", "no", String.valueOf(position), List.of(), 0));
    }

    /** By name as spelt and in lower case: most callers ask one of these. */
    private static Map<String, FieldDef> byName() {
        Map<String, FieldDef> map = new LinkedHashMap<>(BY_LOWER);
        FIELDS.forEach(f -> map.put(f.name(), f));
        return map;
    }

    private static Map<String, FieldDef> index() {
        Map<String, FieldDef> map = new LinkedHashMap<>();
        FIELDS.forEach(f -> map.put(f.name().toLowerCase(Locale.ROOT), f));
        return map;
    }
}
