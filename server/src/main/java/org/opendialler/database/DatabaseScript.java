package org.opendialler.database;

import java.util.EnumSet;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.MethodScript;

/** {@code database.php}: the configuration of the caller's contact centre. XML by default. */
public final class DatabaseScript extends MethodScript {

    public DatabaseScript(DatabaseMethods handlers) {
        super("database.php", Format.XML, EnumSet.allOf(Format.class), true);
        handlers.register(methods(), "");
    }
}
