package dev.switchboard.api.admin;

import java.util.List;
import java.util.Map;

/** The RESULT of an admin call. */
public record CallOutcome(List<Object> args, Map<String, Object> kwargs) {}
