package org.opendialler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAlignTextLeftAndNumbersRight() {
        String table = Table.render(List.of("qnm", "nc_all"), List.of(
                Map.of("qnm", "Sales", "nc_all", "7"),
                Map.of("qnm", "Retention UK", "nc_all", "1234")));

        assertEquals(""
                + "qnm           nc_all\n"
                + "------------  ------\n"
                + "Sales              7\n"
                + "Retention UK    1234\n"
                + "2 rows\n", table);
    }
}
