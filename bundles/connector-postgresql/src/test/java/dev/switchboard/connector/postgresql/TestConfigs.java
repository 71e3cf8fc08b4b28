package dev.switchboard.connector.postgresql;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Component property types as DS builds them: configured values, else the annotation's defaults. */
final class TestConfigs {
    private TestConfigs() {}

    static PostgresConnectorConfig config(Map<String, Object> properties) {
        Map<String, Object> values = new HashMap<>(properties);
        return (PostgresConnectorConfig) Proxy.newProxyInstance(TestConfigs.class.getClassLoader(),
                new Class<?>[] {PostgresConnectorConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PostgresConnectorConfig.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "config" + values : method.invoke(values, args);
                    }
                    Object value = values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException("no value for " + method.getName());
                    }
                    return value;
                });
    }

    /** Settings for a test connector: fast reconnects and short timeouts, so failures show quickly. */
    static ConnectorSettings settings(String jdbcUrl, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", "test");
        values.put("jdbcUrl", jdbcUrl);
        values.put("connectTimeoutMillis", 1000);
        values.put("reconnectInitialDelayMillis", 50);
        values.put("reconnectMaxDelayMillis", 500);
        values.put("outboxPollMillis", 1000);
        values.putAll(overrides);
        return ConnectorSettings.from(config(values), System::getenv);
    }
}
