package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class UriIndexTest {

    /** The example table of the spec's "Calls matching multiple registrations". */
    @Test
    void bestMatchFollowsTheSpecExamples() {
        UriIndex<Integer> index = new UriIndex<>();
        index.put("a1.b2.c3.d4.e55", Match.EXACT, 1);
        index.put("a1.b2.c3", Match.PREFIX, 2);
        index.put("a1.b2.c3.d4", Match.PREFIX, 3);
        index.put("a1.b2..d4.e5", Match.WILDCARD, 4);
        index.put("a1.b2.c3..e5", Match.WILDCARD, 5);
        index.put("a1.b2..d4.e5..g7", Match.WILDCARD, 6);
        index.put("a1.b2..d4..f6.g7", Match.WILDCARD, 7);

        assertEquals(1, index.best("a1.b2.c3.d4.e55"));
        assertEquals(2, index.best("a1.b2.c3.d98.e74"));
        assertEquals(3, index.best("a1.b2.c3.d4.e325"));
        assertEquals(4, index.best("a1.b2.c55.d4.e5"));
        // The spec's 'a1.b2.c3.d4.e5' example also matches prefix 3, and prefixes win over wildcards.
        assertEquals(3, index.best("a1.b2.c3.d4.e5"));
        assertEquals(6, index.best("a1.b2.c88.d4.e5.f6.g7"));
        assertNull(index.best("a2.b2.c2.d2.e2"));

        UriIndex<Integer> wildcardsOnly = new UriIndex<>();
        wildcardsOnly.put("a1.b2..d4.e5", Match.WILDCARD, 4);
        wildcardsOnly.put("a1.b2.c3..e5", Match.WILDCARD, 5);
        assertEquals(5, wildcardsOnly.best("a1.b2.c3.d4.e5"));
    }

    @Test
    void prefixMatchingIsOnCharactersNotComponents() {
        UriIndex<String> index = new UriIndex<>();
        index.put("com.myapp.myobject1", Match.PREFIX, "p");
        for (String uri : List.of("com.myapp.myobject1.myprocedure1", "com.myapp.myobject1-mysubobject1",
                "com.myapp.myobject1.mysubobject1.myprocedure1", "com.myapp.myobject1")) {
            assertEquals("p", index.best(uri), uri);
        }
        assertNull(index.best("com.myapp.myobject2"));
        assertNull(index.best("com.myapp.myobject"));
    }

    @Test
    void wildcardsMatchWholeComponentsOnly() {
        UriIndex<String> index = new UriIndex<>();
        index.put("com.myapp..myprocedure1", Match.WILDCARD, "w");
        assertEquals("w", index.best("com.myapp.myobject1.myprocedure1"));
        assertEquals("w", index.best("com.myapp.myobject2.myprocedure1"));
        assertNull(index.best("com.myapp.myobject1.myprocedure1.mysubprocedure1"));
        assertNull(index.best("com.myapp.myobject1.myprocedure2"));
        assertNull(index.best("com.myapp2.myobject1.myprocedure1"));
    }

    @Test
    void forEachMatchFindsEveryMatchingPattern() {
        UriIndex<String> index = new UriIndex<>();
        index.put("com.a.b", Match.EXACT, "exact");
        index.put("com.a", Match.PREFIX, "prefix-long");
        index.put("com", Match.PREFIX, "prefix-short");
        index.put("", Match.PREFIX, "everything");
        index.put("com..b", Match.WILDCARD, "wild-1");
        index.put("..b", Match.WILDCARD, "wild-2");
        index.put("com.a.", Match.WILDCARD, "wild-3");
        index.put("com.x.b", Match.EXACT, "other");
        index.put("com..c", Match.WILDCARD, "wild-other");
        Set<String> found = new TreeSet<>();
        index.forEachMatch("com.a.b", found::add);
        assertEquals(new TreeSet<>(List.of("exact", "prefix-long", "prefix-short", "everything", "wild-1", "wild-2",
                "wild-3")), found);
    }

    @Test
    void removingPrunesAndKeepsOtherEntries() {
        UriIndex<String> index = new UriIndex<>();
        index.put("com.a", Match.PREFIX, "a");
        index.put("com.ab", Match.PREFIX, "ab");
        index.put("com..x", Match.WILDCARD, "w1");
        index.put("com..", Match.WILDCARD, "w2");
        assertEquals(4, index.size());
        index.remove("com.a", Match.PREFIX);
        index.remove("com..x", Match.WILDCARD);
        assertNull(index.get("com.a", Match.PREFIX));
        assertEquals("ab", index.get("com.ab", Match.PREFIX));
        assertEquals("ab", index.best("com.abc"));
        assertEquals("w2", index.best("com.a.q"), "prefix com.a is gone, wildcard com.. still matches");
        assertNull(index.best("com.a"));
        assertEquals("w2", index.best("com.y.x"));
        index.remove("com.ab", Match.PREFIX);
        index.remove("com..", Match.WILDCARD);
        index.remove("never.there", Match.WILDCARD);
        assertEquals(0, index.size());
        List<String> none = new ArrayList<>();
        index.forEachMatch("com.ab.x", none::add);
        assertTrue(none.isEmpty());
    }

    @Test
    void matchesAgreesWithTheIndex() {
        assertTrue(UriIndex.matches("com.a", Match.PREFIX, "com.ab"));
        assertTrue(UriIndex.matches("com..c", Match.WILDCARD, "com.b.c"));
        assertFalse(UriIndex.matches("com..c", Match.WILDCARD, "com.b.c.d"));
        assertFalse(UriIndex.matches("com.a", Match.EXACT, "com.ab"));
    }

    @Test
    void manyPatternsStayCorrect() {
        UriIndex<Integer> index = new UriIndex<>();
        for (int i = 0; i < 10_000; i++) {
            index.put("com.app" + i + ".", Match.PREFIX, i);
            index.put("com..item" + i, Match.WILDCARD, -i - 1);
        }
        assertEquals(4242, index.best("com.app4242.x"));
        assertEquals(-4243, index.best("com.zzz.item4242"));
        List<Integer> found = new ArrayList<>();
        index.forEachMatch("com.app17.item17", found::add);
        assertEquals(List.of(17, -18), found);
        found.clear();
        index.forEachMatch("org.app17.item17", found::add);
        assertEquals(List.of(), found);
    }
}
