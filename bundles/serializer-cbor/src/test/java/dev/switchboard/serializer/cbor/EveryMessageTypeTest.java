package dev.switchboard.serializer.cbor;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EveryMessageTypeContract;

/** Every message type round-trips through CBOR (the contract holds the messages). */
class EveryMessageTypeTest extends EveryMessageTypeContract {

    @Override
    protected Serializer serializer() {
        return Cbor.SERIALIZER;
    }
}
