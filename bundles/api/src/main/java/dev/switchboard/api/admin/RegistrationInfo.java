package dev.switchboard.api.admin;

import java.time.Instant;
import java.util.List;

public record RegistrationInfo(long id, String realm, String procedure, String match, String invoke,
        List<Long> callees, Instant created) {}
