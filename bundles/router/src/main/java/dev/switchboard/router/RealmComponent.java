package dev.switchboard.router;

import dev.switchboard.api.uri.Uris;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One realm per factory configuration {@value #FACTORY_PID}. While active, it is registered as a service with
 * the property {@value #REALM_PROPERTY} so the launcher and tools can see which realms run.
 */
@Component(configurationPid = RealmComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RealmConfig.class, factory = true)
public final class RealmComponent {
    static final String FACTORY_PID = "dev.switchboard.realm";
    static final String REALM_PROPERTY = "wamp.realm";
    private static final Logger LOG = LoggerFactory.getLogger(RealmComponent.class);

    @Reference
    private RouterCore router;

    private Realm realm;
    private ServiceRegistration<RealmComponent> registration;

    @Activate
    void activate(RealmConfig config, BundleContext context, Map<String, Object> properties) {
        String name = config.name();
        if (name == null || !Uris.isValid(name, false, false)) {
            throw new IllegalArgumentException("realm configuration " + properties.get("service.pid")
                    + ": 'name' must be a valid URI, got '" + name + "'");
        }
        boolean strict = switch (config.uriCheck()) {
            case "strict" -> true;
            case "loose" -> false;
            default -> throw new IllegalArgumentException("realm '" + name + "': 'uriCheck' must be 'strict' or "
                    + "'loose', got '" + config.uriCheck() + "'");
        };
        List<HistorySpec> history = new ArrayList<>();
        for (String entry : config.eventHistory()) {
            history.add(HistorySpec.parse(name, entry));
        }
        List<Object> roles = config.roles() == null || config.roles().isBlank() ? null
                : Json.list(config.roles(), "realm '" + name + "' roles");
        if (config.maxSessions() < 1) {
            throw new IllegalArgumentException("realm '" + name + "': 'maxSessions' must be at least 1");
        }
        realm = router.addRealm(name, strict, history, roles);
        realm.maxSessions(config.maxSessions());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(REALM_PROPERTY, name);
        props.put("service.pid", properties.get("service.pid"));
        registration = context.registerService(RealmComponent.class, this, props);
        LOG.info("Realm '{}' started (URI check {})", name, config.uriCheck());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        router.removeRealm(realm);
        LOG.info("Realm '{}' stopped", realm.name());
    }

    @Override
    public String toString() {
        return "RealmComponent[" + realm + "]";
    }
}
