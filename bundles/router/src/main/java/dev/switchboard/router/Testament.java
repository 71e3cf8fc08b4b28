package dev.switchboard.router;

import java.util.List;
import java.util.Map;

/** An event a session asked the router to publish when it goes away (WAMP spec, advanced: testament). */
record Testament(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> options) {}
