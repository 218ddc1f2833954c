package org.opendialler.database;

import java.util.EnumSet;
import java.util.Set;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.Methods;
import org.opendialler.protocol.Script;

/** {@code database.php}: the configuration of the caller's contact centre. XML by default. */
public final class DatabaseScript implements Script {

    private final Methods methods;

    public DatabaseScript(DatabaseMethods handlers) {
        this.methods = handlers.register(new Methods(), "");
    }

    /** The method table, for wiring that serves some methods under other scripts' names. */
    public Methods methods() {
        return methods;
    }

    @Override
    public String name() {
        return "database.php";
    }

    @Override
    public Format defaultFormat() {
        return Format.XML;
    }

    @Override
    public Set<Format> formats() {
        return EnumSet.of(Format.JSON, Format.XML, Format.CSV);
    }

    @Override
    public boolean campaignIsCentre() {
        return true;
    }

    @Override
    public Answer handle(ApiRequest request) {
        return methods.dispatch(request);
    }
}
