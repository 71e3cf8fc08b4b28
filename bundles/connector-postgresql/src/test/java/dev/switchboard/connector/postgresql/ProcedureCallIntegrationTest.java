package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.CallOptions;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.WampException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WAMP calls to PL/pgSQL and SQL functions of a real PostgreSQL, through the real router core. */
class ProcedureCallIntegrationTest {
    private static final String P = "com.example.api.";
    private static ConnectorFixture fixture;

    @BeforeAll
    static void start() {
        String url = EmbeddedDatabase.get().createDatabase("calls");
        EmbeddedDatabase.execute(url, """
                CREATE SCHEMA api;
                CREATE FUNCTION api.add(a integer, b integer) RETURNS integer
                    LANGUAGE plpgsql AS $$ BEGIN RETURN a + b; END $$;
                CREATE FUNCTION api.greet(name text, greeting text DEFAULT 'hello', punctuation text DEFAULT '!')
                    RETURNS text LANGUAGE sql AS $$ SELECT greeting || ' ' || name || punctuation $$;
                CREATE FUNCTION api.describe(doc jsonb, tags text[], at timestamptz, flag boolean, amount numeric,
                        day date) RETURNS jsonb LANGUAGE sql AS $$
                    SELECT jsonb_build_object('doc', doc, 'tags', to_jsonb(tags), 'tag_count', cardinality(tags),
                        'epoch', extract(epoch FROM at)::bigint, 'flag', flag, 'amount', amount,
                        'weekday', extract(isodow FROM day)::int) $$;
                CREATE FUNCTION api.bytes(data bytea) RETURNS bytea LANGUAGE sql AS $$ SELECT data || '\\xff'::bytea $$;
                CREATE FUNCTION api.typed_row() RETURNS TABLE(i int, big bigint, num numeric, ratio real,
                        flag boolean, t text, at timestamptz, ts timestamp, d date, bin bytea, doc jsonb,
                        arr int[], u uuid) LANGUAGE sql AS $$
                    SELECT 7, 9007199254740993, 12.50, 1.1::real, true, 'x', '2024-05-01 12:00:00+02'::timestamptz,
                        '2024-05-01 12:00:00'::timestamp, '2024-05-01'::date, '\\x0102'::bytea,
                        '{"a": [1, 2]}'::jsonb, ARRAY[1, 2, 3], '00000000-0000-0000-0000-000000000001'::uuid $$;
                CREATE TYPE api.point AS (x integer, y integer);
                CREATE FUNCTION api.make_point(x integer, y integer) RETURNS api.point
                    LANGUAGE sql AS $$ SELECT ROW(x, y)::api.point $$;
                CREATE FUNCTION api.manhattan(p api.point) RETURNS integer
                    LANGUAGE sql AS $$ SELECT abs(p.x) + abs(p.y) $$;
                CREATE FUNCTION api.divide(a integer, b integer, OUT quotient integer, OUT remainder integer)
                    LANGUAGE sql AS $$ SELECT a / b, a % b $$;
                CREATE FUNCTION api.series(n integer) RETURNS SETOF integer
                    LANGUAGE sql AS $$ SELECT generate_series(1, n) $$;
                CREATE TABLE api.orders (id serial PRIMARY KEY, total numeric NOT NULL, code text UNIQUE);
                INSERT INTO api.orders (total, code) VALUES (10, 'a'), (25.5, 'b'), (40, 'c');
                CREATE FUNCTION api.orders_over(min_total numeric DEFAULT 0) RETURNS TABLE(id integer, total numeric)
                    LANGUAGE sql AS $$ SELECT o.id, o.total FROM api.orders o WHERE o.total > min_total ORDER BY o.id $$;
                CREATE FUNCTION api.add_order(code text) RETURNS void
                    LANGUAGE sql AS $$ INSERT INTO api.orders (total, code) VALUES (0, code) $$;
                CREATE FUNCTION api.total(VARIADIC nums integer[]) RETURNS integer
                    LANGUAGE sql AS $$ SELECT sum(x)::int FROM unnest(nums) x $$;
                CREATE FUNCTION api.area(r double precision) RETURNS double precision
                    LANGUAGE sql AS $$ SELECT 3.0 * r * r $$;
                CREATE FUNCTION api.area(w double precision, h double precision) RETURNS double precision
                    LANGUAGE sql AS $$ SELECT w * h $$;
                CREATE FUNCTION api.fail_plain() RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'it went boom'; END $$;
                CREATE FUNCTION api.find_order(order_id integer) RETURNS text LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'no order %', order_id USING HINT = 'com.example.error.not_found'; END $$;
                CREATE FUNCTION api.fail_custom() RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'gone for good' USING ERRCODE = 'P0410'; END $$;
                CREATE FUNCTION api.sleepy(seconds double precision) RETURNS void
                    LANGUAGE sql AS $$ SELECT pg_sleep(seconds) $$;
                CREATE FUNCTION api."NotAUriName"() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE FUNCTION api.any_value(v anyelement) RETURNS anyelement LANGUAGE sql AS $$ SELECT v $$;
                """);
        fixture = new ConnectorFixture(url, Map.of(
                "procedures", "[{\"schema\": \"api\", \"prefix\": \"" + P + "\"},"
                        + " {\"function\": \"api.add\", \"procedure\": \"com.example.plus\"}]",
                "errors", "{\"P0410\": \"com.example.error.gone\"}",
                "statementTimeoutMillis", 1500,
                "maxResultRows", 1000,
                "progressBatchRows", 500));
        fixture.awaitProcedure(P + "add");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static CallResult call(String procedure, List<?> args, Map<String, ?> kwargs) {
        return await(fixture.client.call(P + procedure, args, kwargs));
    }

    private static WampException callFails(String procedure, List<?> args, Map<String, ?> kwargs) {
        return awaitFailure(fixture.client.call(P + procedure, args, kwargs), WampException.class);
    }

    @Test
    void plpgsqlFunctionTakesArgsByPositionAndByName() {
        assertEquals(5, call("add", List.of(2, 3), null).arg(0));
        assertEquals(5, call("add", null, Map.of("a", 2, "b", 3)).arg(0));
        assertEquals(5, call("add", List.of(2), Map.of("b", 3)).arg(0));
        assertEquals(5, await(fixture.client.call("com.example.plus", List.of(4, 1), null)).arg(0),
                "an explicitly exposed function under its own URI");
    }

    @Test
    void defaultsAreHonouredAlsoInTheMiddle() {
        assertEquals("hello joe!", call("greet", List.of("joe"), null).arg(0));
        assertEquals("hi joe!", call("greet", List.of("joe", "hi"), null).arg(0));
        assertEquals("hello joe?", call("greet", List.of("joe"), Map.of("punctuation", "?")).arg(0),
                "greeting left out, punctuation given by name");
    }

    @Test
    void jsonValuesReachTheirParameterTypes() {
        Map<?, ?> described = (Map<?, ?>) call("describe", List.of(
                Map.of("k", List.of(1, "two")), List.of("a", "b \"quoted\"", "c,d"), "2024-05-01T12:00:00Z", true,
                12.25, "2024-05-01"), null).arg(0);
        assertEquals(Map.of("k", List.of(1, "two")), described.get("doc"));
        assertEquals(List.of("a", "b \"quoted\"", "c,d"), described.get("tags"));
        assertEquals(3, described.get("tag_count"));
        assertEquals(1714564800, described.get("epoch"));
        assertEquals(true, described.get("flag"));
        assertEquals(3, described.get("weekday"));
        assertEquals(0, new BigDecimal("12.25").compareTo(new BigDecimal(described.get("amount").toString())));
    }

    @Test
    void byteaTravelsAsBinary() {
        byte[] result = (byte[]) call("bytes", List.of(new byte[] {1, 2, 3}), null).arg(0);
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, result);
    }

    @Test
    void resultColumnsBecomePlainValues() {
        List<?> rows = (List<?>) call("typed_row", null, null).arg(0);
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        assertEquals(7, row.get("i"));
        assertEquals(9007199254740993L, row.get("big"));
        assertEquals(new BigDecimal("12.50"), row.get("num"));
        assertEquals(1.1, row.get("ratio"));
        assertEquals(true, row.get("flag"));
        assertEquals("2024-05-01T10:00:00Z", row.get("at"), "timestamptz as ISO 8601 in UTC");
        assertEquals("2024-05-01T12:00", row.get("ts"));
        assertEquals("2024-05-01", row.get("d"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get("bin"));
        assertEquals(Map.of("a", List.of(1, 2)), row.get("doc"));
        assertEquals(List.of(1, 2, 3), row.get("arr"));
        assertEquals("00000000-0000-0000-0000-000000000001", row.get("u"));
    }

    @Test
    void compositeResultIsADictAndADictFillsACompositeParameter() {
        assertEquals(Map.of("x", 3, "y", -4), call("make_point", List.of(3, -4), null).arg(0));
        assertEquals(7, call("manhattan", List.of(Map.of("x", 3, "y", -4)), null).arg(0));
        assertEquals(Map.of("quotient", 3, "remainder", 1), call("divide", List.of(7, 2), null).arg(0),
                "OUT parameters make a dict");
    }

    @Test
    void setsBecomeListsAndTablesListsOfDicts() {
        assertEquals(List.of(1, 2, 3), call("series", List.of(3), null).arg(0));
        List<?> orders = (List<?>) call("orders_over", null, Map.of("min_total", 20)).arg(0);
        assertEquals(2, orders.size());
        assertEquals(Map.of("id", 2, "total", new BigDecimal("25.5")), orders.get(0));
        assertEquals(3, ((List<?>) call("orders_over", null, null).arg(0)).size(), "default min_total 0");
    }

    @Test
    void largeSetsComeAsProgressiveResultsWhenAskedAndAreRefusedOtherwise() {
        List<CallResult> progress = new CopyOnWriteArrayList<>();
        CallResult last = await(fixture.client.call(P + "series", List.of(1200), null,
                CallOptions.defaults().withProgress(progress::add)));
        List<Object> all = new ArrayList<>();
        progress.forEach(r -> all.addAll((List<?>) r.arg(0)));
        all.addAll((List<?>) last.arg(0));
        assertEquals(2, progress.size(), "two full batches of 500, then the final 200");
        assertEquals(1200, all.size());
        assertEquals(1, all.get(0));
        assertEquals(1200, all.get(1199));

        WampException tooLarge = callFails("series", List.of(1200), null);
        assertEquals(SqlErrors.RESULT_TOO_LARGE, tooLarge.uri());
    }

    @Test
    void voidVariadicAndOverloads() {
        CallResult nothing = call("add_order", List.of("z"), null);
        assertTrue(nothing.args().isEmpty());
        assertEquals(10, call("total", List.of(1, 2, 3, 4), null).arg(0));
        assertEquals(10, call("total", null, Map.of("nums", List.of(4, 6))).arg(0));
        assertEquals(12.0, call("area", List.of(2), null).arg(0), "one argument: area(r)");
        assertEquals(6.0, call("area", List.of(2, 3), null).arg(0), "two arguments: area(w, h)");
    }

    @Test
    void sqlErrorsBecomeWampErrorsWithSqlstateMessageAndDetail() {
        WampException plain = callFails("fail_plain", null, null);
        assertEquals(SqlErrors.DB_ERROR, plain.uri());
        assertEquals(List.of("boom"), plain.args());
        assertEquals("P0001", plain.kwargs().get("sqlstate"));
        assertEquals("boom", plain.kwargs().get("message"));
        assertEquals("it went boom", plain.kwargs().get("detail"));

        WampException unique = callFails("add_order", List.of("a"), null);
        assertEquals(SqlErrors.INTEGRITY, unique.uri());
        assertEquals("23505", unique.kwargs().get("sqlstate"));
        assertEquals("orders_code_key", unique.kwargs().get("constraint"));
    }

    @Test
    void sqlAuthorsChooseTheErrorUriWithAHintOrACustomSqlstate() {
        WampException notFound = callFails("find_order", List.of(42), null);
        assertEquals("com.example.error.not_found", notFound.uri());
        assertEquals(List.of("no order 42"), notFound.args());

        assertEquals("com.example.error.gone", callFails("fail_custom", null, null).uri());
    }

    @Test
    void badInputIsInvalidArgument() {
        WampException notANumber = callFails("add", List.of("x", 1), null);
        assertEquals("wamp.error.invalid_argument", notANumber.uri());
        assertEquals("22P02", notANumber.kwargs().get("sqlstate"));

        assertEquals("wamp.error.invalid_argument", callFails("add", List.of(1), null).uri(), "missing b");
        assertEquals("wamp.error.invalid_argument", callFails("add", List.of(1, 2, 3), null).uri());
        assertEquals("wamp.error.invalid_argument", callFails("add", List.of(1, 2), Map.of("c", 1)).uri());
        assertEquals("wamp.error.invalid_argument", callFails("add", List.of(Map.of(), 2), null).uri());
        assertEquals("wamp.error.invalid_argument", callFails("area", List.of(1, 2, 3), null).uri());
    }

    @Test
    void statementTimeoutEndsALongCall() {
        WampException timeout = callFails("sleepy", List.of(10), null);
        assertEquals(SqlErrors.TIMEOUT, timeout.uri());
        assertEquals("57014", timeout.kwargs().get("sqlstate"));
    }

    @Test
    void aCanceledCallCancelsItsStatement() throws Exception {
        long start = System.nanoTime();
        WampException canceled = awaitFailure(fixture.client.call(P + "sleepy", List.of(1.4), null,
                CallOptions.defaults().withTimeout(Duration.ofMillis(200))), WampException.class);
        assertEquals("wamp.error.timeout", canceled.uri());
        eventually("the sleeping statement is gone", () -> runningSleeps() == 0);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 1000, "the statement ended with the call (INTERRUPT), not by itself after "
                + elapsedMillis + " ms");
    }

    private static int runningSleeps() {
        try (Connection c = EmbeddedDatabase.connect(fixture.jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        + "AND query LIKE '%sleepy%' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void functionsThatCannotBeExposedAreReportedNotRegistered() {
        List<String> skipped = fixture.connector.catalog().skipped();
        assertTrue(skipped.stream().anyMatch(s -> s.contains("NotAUriName")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("any_value")), skipped.toString());
    }
}
