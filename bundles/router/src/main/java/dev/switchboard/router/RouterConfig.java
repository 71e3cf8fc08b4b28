package dev.switchboard.router;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard router", description = "Settings of the router as a whole.")
@interface RouterConfig {

    @AttributeDefinition(description = "Failed authentications per source address and minute before that source "
            + "has to wait (the wait doubles with each further failure, up to five minutes)")
    int authFailureLimit() default RouterCore.DEFAULT_AUTH_FAILURE_LIMIT;

    @AttributeDefinition(description = "Seconds a new connection has to complete HELLO (and authentication) before "
            + "it is aborted; protects against connections that open and never speak")
    int helloTimeoutSeconds() default RouterCore.DEFAULT_HELLO_TIMEOUT_SECONDS;
}
