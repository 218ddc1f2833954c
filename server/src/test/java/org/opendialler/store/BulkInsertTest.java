package org.opendialler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkInsertTest {

    @Test
    void copyTextSeparatesValuesByTabsAndRowsByNewlinesAndEscapesBoth() {
        List<Object[]> rows = List.of(
                new Object[] {7L, "a\tb", null, ""},
                new Object[] {8L, "one\ntwo\r", "c:\\dir\\", "\\N"});

        String text = BulkInsert.copyText(rows);

        assertEquals("7\ta\\tb\t\\N\t\n"
                + "8\tone\\ntwo\\r\tc:\\\\dir\\\\\t\\\\N\n", text);
    }
}
