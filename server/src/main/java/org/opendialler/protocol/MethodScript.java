package org.opendialler.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * A script that is a table of methods and actions, as all but {@code token.php} are. Subclasses
 * fill {@link #methods()} in their constructor; the table is read-only once the server serves.
 */
public abstract class MethodScript implements Script {

    private final String name;
    private final Format defaultFormat;
    private final Set<Format> formats;
    private final boolean campaignIsCentre;
    private final Methods methods = new Methods();

    /**
     * @param campaignIsCentre whether a numeric {@code campaign} names the caller's centre (see
     *     {@link Script#campaignIsCentre()})
     */
    protected MethodScript(String name, Format defaultFormat, Set<Format> formats,
            boolean campaignIsCentre) {
        this.name = name;
        this.defaultFormat = defaultFormat;
        this.formats = EnumSet.copyOf(formats);
        this.campaignIsCentre = campaignIsCentre;
    }

    /** The method table, also for wiring that serves a method under another script's name. */
    public final Methods methods() {
        return methods;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Format defaultFormat() {
        return defaultFormat;
    }

    @Override
    public final Set<Format> formats() {
        return EnumSet.copyOf(formats);
    }

    @Override
    public final boolean campaignIsCentre() {
        return campaignIsCentre;
    }

    @Override
    public final Answer handle(ApiRequest request) {
        return methods.dispatch(request);
    }
}
