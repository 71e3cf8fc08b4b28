package dev.switchboard.router;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Switchboard realm", description = "A routing realm; one factory configuration per realm.")
@interface RealmConfig {

    @AttributeDefinition(description = "Realm name, as clients send it in HELLO, e.g. realm1")
    String name();

    @AttributeDefinition(description = "URI check: loose (any characters but whitespace, '.' and '#', as deployed "
            + "Crossbar.io routers accept) or strict (lower-case letters, digits and '_')",
            options = {@Option(value = "loose"), @Option(value = "strict")})
    String uriCheck() default "loose";

    @AttributeDefinition(description = "Topics that keep event history for wamp.subscription.get_events: "
            + "'uri' or 'uri;match=exact|prefix|wildcard;limit=N' (default exact, 1000 events)", required = false)
    String[] eventHistory() default {};

    @AttributeDefinition(description = "Crossbar's realm 'roles' list as JSON: roles with 'permissions' on URI "
            + "patterns or a dynamic 'authorizer' procedure. Empty: every session may do everything.", required = false)
    String roles() default "";

    @AttributeDefinition(description = "Most sessions the realm admits at once; beyond that HELLO is refused", min = "1")
    int maxSessions() default 100000;
}
