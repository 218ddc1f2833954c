package org.opendialler.ecnow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writable content of one posted record row after it has been checked: standard column
 * values (Long for int and datetime fields, String for text), custom values by field id, and
 * the row's protocol keys. Values absent from the row are absent here.
 */
final class RecordData {

    final Map<FieldDef, Object> standard = new LinkedHashMap<>();
    final Map<FieldDef, String> custom = new LinkedHashMap<>();
    /** E.164 forms of the phone fields the row set; a {@code null} value is unusable. */
    final Map<String, String> e164 = new LinkedHashMap<>();
    String notesAppend;
    /** {@code id} as sent (ignored on create). */
    String id;
    /** {@code dataset} (or, without it, {@code datasetid}) as sent. */
    String dataset;
    /** {@code datasetid} as sent, when {@code dataset} was also sent: a move on update. */
    String moveTo;
    /** Whether the row asked to load the record as already worked. */
    boolean worked;

    Object get(String fieldName) {
        return standard.get(StandardFields.named(fieldName).orElseThrow());
    }

    boolean has(String fieldName) {
        return standard.containsKey(StandardFields.named(fieldName).orElseThrow());
    }
}
