package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.uri.Uris;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrisTest {

    @ParameterizedTest
    @ValueSource(strings = {"com.example.add", "a", "com.example.add_2", "com.example.v1"})
    void strictAcceptsLowerCaseDigitsAndUnderscore(String uri) {
        assertTrue(Uris.isValid(uri, true, false));
        assertTrue(Uris.isValid(uri, false, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.Example.add", "com.example-add", "com.example.ädd", "com.example.add!"})
    void looseAcceptsWhatStrictRefuses(String uri) {
        assertFalse(Uris.isValid(uri, true, false));
        assertTrue(Uris.isValid(uri, false, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "com..add", ".com", "com.", "com.ex ample", "com.ex\tample", "com.ex#ample",
        "com.\u00a0x"})
    void neitherAcceptsEmptyComponentsWhitespaceOrHash(String uri) {
        assertFalse(Uris.isValid(uri, true, false));
        assertFalse(Uris.isValid(uri, false, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com..add", "com.example.", ".add", "", "com.example"})
    void patternsMayHaveEmptyComponents(String uri) {
        assertTrue(Uris.isValid(uri, true, true));
        assertTrue(Uris.isValid(uri, false, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com. .add", "com.#.add"})
    void patternsStillRefuseWhitespaceAndHash(String uri) {
        assertFalse(Uris.isValid(uri, false, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wamp.session.count", "wamp.error.x"})
    void wampPrefixIsReserved(String uri) {
        assertTrue(Uris.isReserved(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wampx.a", "com.wamp.a", "wamp"})
    void otherUrisAreNotReserved(String uri) {
        assertFalse(Uris.isReserved(uri));
    }
}
