package dev.switchboard.router;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One authentication policy per factory configuration {@value #FACTORY_PID}. Secrets in it are never logged. */
@Component(configurationPid = AuthPolicyComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = AuthConfig.class, factory = true)
public final class AuthPolicyComponent {
    static final String FACTORY_PID = "dev.switchboard.auth";
    private static final Logger LOG = LoggerFactory.getLogger(AuthPolicyComponent.class);

    @Reference
    private RouterCore router;

    private String name;

    @Activate
    void activate(AuthConfig config) {
        if (config.name() == null || config.name().isBlank()) {
            throw new IllegalArgumentException("auth policy configuration: 'name' is required");
        }
        if (config.methods() == null) {
            throw new IllegalArgumentException("auth policy '" + config.name() + "': 'methods' is required");
        }
        router.addAuthPolicy(config.name(), Json.object(config.methods(), "auth policy '" + config.name() + "' methods"));
        name = config.name();
        LOG.info("Authentication policy '{}' ready", name);
    }

    @Deactivate
    void deactivate() {
        router.removeAuthPolicy(name);
    }
}
