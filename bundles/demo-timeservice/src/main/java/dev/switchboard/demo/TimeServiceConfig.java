package dev.switchboard.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one TimeService instance (factory configurations; none = one instance on realm1). */
@ObjectClassDefinition(
        name = "Switchboard demo TimeService",
        description = "Registers a procedure (com.timeservice.now) that returns the current time in ISO 8601 UTC.")
public @interface TimeServiceConfig {

    @AttributeDefinition(description = "Realm to join.")
    String realm() default "realm1";

    @AttributeDefinition(required = false,
            description = "Authrole to ask for when joining; empty = the router decides.")
    String role() default "";

    @AttributeDefinition(required = false, description = "JSON object with the component's options: "
            + "{\"procedure\": \"com.timeservice.now\"}. Empty = defaults; unknown keys are rejected.")
    String extra() default "";
}
