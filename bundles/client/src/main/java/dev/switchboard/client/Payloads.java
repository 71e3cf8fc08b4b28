package dev.switchboard.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, null-tolerant copies: WAMP payloads may hold JSON nulls, which List.copyOf and Map.copyOf reject. */
final class Payloads {
    private Payloads() {}

    static List<Object> copy(List<?> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static Map<String, Object> copy(Map<String, ?> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
