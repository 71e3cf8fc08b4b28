package dev.switchboard.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one TickService instance (factory configurations; none = one instance on realm1). */
@ObjectClassDefinition(
        name = "Switchboard demo TickService",
        description = "Publishes a counter (0, 1, 2, ...) to com.myapp.topic1 every second while joined.")
public @interface TickServiceConfig {

    @AttributeDefinition(description = "Realm to join.")
    String realm() default "realm1";

    @AttributeDefinition(required = false,
            description = "Authrole to ask for when joining; empty = the router decides.")
    String role() default "";

    @AttributeDefinition(required = false, description = "JSON object with the component's options: "
            + "{\"topic\": \"com.myapp.topic1\", \"intervalMs\": 1000}. Empty = defaults; unknown keys are rejected.")
    String extra() default "";
}
