package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EveryMessageTypeContract;

/** Every message type round-trips through MsgPack (the contract holds the messages). */
class EveryMessageTypeTest extends EveryMessageTypeContract {

    @Override
    protected Serializer serializer() {
        return MsgPack.SERIALIZER;
    }
}
