package dev.switchboard.serializer.json;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EveryMessageTypeContract;

/** Every message type round-trips through JSON (the contract holds the messages). */
class EveryMessageTypeTest extends EveryMessageTypeContract {

    @Override
    protected Serializer serializer() {
        return Json.SERIALIZER;
    }
}
