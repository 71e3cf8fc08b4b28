package dev.switchboard.router;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard router", description = "Settings of the router as a whole.")
@interface RouterConfig {

    @AttributeDefinition(description = "Failed authentications per source address and minute before that source "
            + "has to wait (the wait doubles with each further failure, up to five minutes)")
    int authFailureLimit() default RouterCore.DEFAULT_AUTH_FAILURE_LIMIT;
}
