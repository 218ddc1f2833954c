package org.opendialler.database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendialler.protocol.Methods;
import org.opendialler.server.ServerConfig;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * The method handlers of {@code database.php}, for that script and for any other that answers
 * the same methods under another name (such as {@code ecnow.php}'s {@code ecnow_queues}).
 * Thread-safe once built.
 */
public final class DatabaseMethods {

    private final Crud crud;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final PriorityMethod priority = new PriorityMethod();
    private final AudioMethod audio;

    public DatabaseMethods(Database db, Tenancy tenancy, ServerConfig config,
            References references) {
        this.crud = new Crud(db, config.readCap());
        this.audio = new AudioMethod(config.dataDir(), config.clock());
        DncList dnc = new DncList(db, tenancy, config.clock());
        for (Resource r : List.of(new OutcomeCodes(references),
                new QueueMethod(references, tenancy), new AgentMethod(), new TeamMethod(),
                priority, new CampaignMethod(references), new DdiMethod(tenancy), new TodPolicies(),
                new TodRules(), audio, new DncMethod(dnc, config.clock()),
                new StatusLogMethod())) {
            resources.put(r.method, r);
        }
    }

    /** The method names this registers, such as {@code queues}. */
    public List<String> names() {
        return List.copyOf(resources.keySet());
    }

    /** Registers every method, each as {@code prefix + name} ({@code ""} for database.php). */
    public Methods register(Methods methods, String prefix) {
        for (String method : resources.keySet()) {
            register(methods, method, prefix + method);
        }
        return methods;
    }

    /**
     * Registers one method under another name, such as {@code queues} as {@code ecnow_queues}.
     *
     * @throws IllegalArgumentException for a method this class does not have
     */
    public Methods register(Methods methods, String method, String as) {
        Resource r = resources.get(method);
        if (r == null) {
            throw new IllegalArgumentException("no database.php method " + method);
        }
        for (String action : r.actions()) {
            methods.on(as, action, switch (action) {
                case "create" -> create(r);
                case "update" -> r == audio ? req -> audio.update(crud, req)
                        : req -> crud.update(r, req);
                case "delete" -> req -> crud.delete(r, req);
                default -> req -> crud.read(r, req);
            });
        }
        return methods;
    }

    private Methods.Action create(Resource r) {
        if (r == priority) {
            return req -> priority.create(crud, req);
        }
        if (r == audio) {
            return req -> audio.create(crud, req);
        }
        return req -> crud.create(r, req);
    }
}
