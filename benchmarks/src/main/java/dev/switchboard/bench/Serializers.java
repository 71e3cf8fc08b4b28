package dev.switchboard.bench;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.cbor.CborSerializer;
import dev.switchboard.serializer.json.JsonSerializer;
import dev.switchboard.serializer.msgpack.MsgPackSerializer;
import java.util.Locale;

/** Our three serializers by name, constructed directly (outside OSGi they are plain classes). */
public final class Serializers {
    private Serializers() {}

    /** {@code json}, {@code msgpack} or {@code cbor}. */
    public static Serializer byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "json" -> new JsonSerializer();
            case "msgpack" -> new MsgPackSerializer();
            case "cbor" -> new CborSerializer();
            default -> throw new IllegalArgumentException("unknown serializer '" + name + "': json, msgpack or cbor");
        };
    }
}
