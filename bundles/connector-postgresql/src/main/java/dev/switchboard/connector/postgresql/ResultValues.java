package dev.switchboard.connector.postgresql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads result columns as the plain values of WAMP payloads: Integer/Long/BigInteger and Double/BigDecimal for
 * numbers, String, Boolean, {@code byte[]} for binary, List for arrays, parsed JSON for json/jsonb, and ISO 8601
 * strings for dates and times ({@code timestamptz} in UTC, e.g. {@code 2024-05-01T12:00:00Z}). Works on JDBC types
 * and type names only, so it is not PostgreSQL-specific except for the names it recognises (json, jsonb,
 * timestamptz); other types (uuid, interval, enums, nested composites, ...) come back as their text.
 */
final class ResultValues {
    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ResultValues() {}

    /** The current row as a dict, keyed by column label, in column order. */
    static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), column(rs, i));
        }
        return Collections.unmodifiableMap(row);
    }

    /** Column {@code i} (1-based) of the current row. */
    static Object column(ResultSet rs, int i) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int type = meta.getColumnType(i);
        String typeName = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        Object value = switch (type) {
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> rs.getInt(i);
            case Types.BIGINT -> rs.getLong(i);
            // float4 through its shortest decimal form: 1.1, not 1.100000023841858
            case Types.REAL -> Double.parseDouble(Float.toString(rs.getFloat(i)));
            case Types.FLOAT, Types.DOUBLE -> rs.getDouble(i);
            case Types.NUMERIC, Types.DECIMAL -> number(rs.getBigDecimal(i));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(i);
            case Types.DATE -> isoDate(rs.getObject(i, LocalDate.class));
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> rs.getString(i);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(rs, i, typeName);
            case Types.ARRAY -> array(rs.getArray(i));
            default -> isJson(typeName) ? Json.parse(rs.getString(i)) : rs.getString(i);
        };
        return rs.wasNull() ? null : value;
    }

    private static boolean isJson(String typeName) {
        return typeName.equals("json") || typeName.equals("jsonb");
    }

    private static Object timestamp(ResultSet rs, int i, String typeName) throws SQLException {
        if (typeName.equals("timestamptz") || typeName.contains("with time zone")) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : UTC_TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.toString();
    }

    private static String isoDate(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** Integral numerics as the narrowest integer type; others keep their exact decimal value. */
    static Object number(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integer = stripped.toBigIntegerExact();
            if (integer.compareTo(LONG_MIN) >= 0 && integer.compareTo(LONG_MAX) <= 0) {
                long l = integer.longValue();
                return l == (int) l ? Integer.valueOf((int) l) : Long.valueOf(l);
            }
            return integer;
        }
        return value;
    }

    private static List<Object> array(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            String base = array.getBaseTypeName().toLowerCase(Locale.ROOT);
            return elements((Object[]) array.getArray(), base);
        } finally {
            array.free();
        }
    }

    private static List<Object> elements(Object[] values, String baseType) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(element(value, baseType));
        }
        return Collections.unmodifiableList(list);
    }

    /** An array element, converted by its Java class (JDBC gives no per-element metadata). */
    private static Object element(Object value, String baseType) {
        if (value == null) {
            return null;
        }
        if (value instanceof Object[] nested) {
            return elements(nested, baseType);
        }
        if (value instanceof BigDecimal big) {
            return number(big);
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Short s) {
            return s.intValue();
        }
        if (value instanceof Timestamp t) {
            return baseType.equals("timestamptz")
                    ? UTC_TIMESTAMP.format(t.toInstant().atOffset(ZoneOffset.UTC))
                    : t.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time t) {
            return LocalTime.parse(t.toString()).toString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof byte[]) {
            return isJson(baseType) && value instanceof String s ? Json.parse(s) : value;
        }
        return isJson(baseType) ? Json.parse(value.toString()) : value.toString();
    }
}
