package dev.switchboard.router;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard authentication policy",
        description = "Authentication methods a transport accepts; a transport names its policy in its 'auth' property.")
@interface AuthConfig {

    @AttributeDefinition(description = "Policy name, referenced by transport configurations (auth=NAME)")
    String name();

    @AttributeDefinition(description = "Crossbar's transport 'auth' dict as JSON, e.g. {\"ticket\": {\"type\": "
            + "\"static\", \"principals\": {\"joe\": {\"ticket\": \"...\", \"role\": \"user\"}}}}")
    String methods();
}
