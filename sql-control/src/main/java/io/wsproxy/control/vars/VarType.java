package io.wsproxy.control.vars;

import io.wsproxy.control.ErrorCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A variable's type: how SET values and memsql.cnf text become canonical values (Long, Boolean,
 * String), and how values print in SHOW VARIABLES and SELECT @@. Wrong type is 1232, a value
 * the type cannot hold is 1231, as in MySQL.
 */
public sealed interface VarType {
    Object coerce(String name, Object value);

    Object fromConfig(String name, String raw);

    default String show(Object value) {
        return value == null ? "" : value.toString();
    }

    default Object select(Object value) {
        return value;
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    record IntType(long min, long max) implements VarType {
        @Override
        public Object coerce(String name, Object value) {
            long v;
            if (value instanceof Long l) {
                v = l;
            } else if (value instanceof String s && s.strip().matches("[+-]?\\d{1,18}")) {
                v = Long.parseLong(s.strip());
            } else {
                throw ErrorCode.WRONG_TYPE_FOR_VAR.error(name);
            }
            if (v < min || v > max) {
                throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, text(value));
            }
            return v;
        }

        @Override
        public Object fromConfig(String name, String raw) {
            String s = raw.strip().toUpperCase(Locale.ROOT);
            long unit = 1;
            if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
                unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : 1L << 30;
                s = s.substring(0, s.length() - 1);
            }
            if (!s.matches("[+-]?\\d{1,15}")) {
                throw ErrorCode.WRONG_TYPE_FOR_VAR.error(name);
            }
            try {
                return coerce(name, Math.multiplyExact(Long.parseLong(s), unit));
            } catch (ArithmeticException e) {
                // 17592186044417M would wrap around to 1M.
                throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, raw.strip());
            }
        }
    }

    record BoolType() implements VarType {
        @Override
        public Object coerce(String name, Object value) {
            if (value instanceof Long l && (l == 0 || l == 1)) {
                return l == 1;
            }
            if (value instanceof String s) {
                switch (s.strip().toUpperCase(Locale.ROOT)) {
                    case "ON", "TRUE", "1", "YES":
                        return true;
                    case "OFF", "FALSE", "0", "NO":
                        return false;
                    default:
                        break;
                }
            }
            if (value instanceof BigDecimal || value instanceof Double) {
                throw ErrorCode.WRONG_TYPE_FOR_VAR.error(name);
            }
            throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, value == null ? "NULL" : text(value));
        }

        @Override
        public Object fromConfig(String name, String raw) {
            return coerce(name, raw.isBlank() ? "ON" : raw);
        }

        @Override
        public String show(Object value) {
            return Boolean.TRUE.equals(value) ? "ON" : "OFF";
        }

        @Override
        public Object select(Object value) {
            return Boolean.TRUE.equals(value) ? 1L : 0L;
        }
    }

    record StringType(boolean nullable) implements VarType {
        @Override
        public Object coerce(String name, Object value) {
            if (value == null) {
                if (nullable) {
                    return null;
                }
                throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, "NULL");
            }
            return text(value);
        }

        @Override
        public Object fromConfig(String name, String raw) {
            return raw;
        }
    }

    record EnumType(List<String> values) implements VarType {
        public EnumType {
            values = List.copyOf(values);
        }

        @Override
        public Object coerce(String name, Object value) {
            if (value instanceof Long l && l >= 0 && l < values.size()) {
                return values.get(l.intValue());
            }
            if (value instanceof String s) {
                for (String candidate : values) {
                    if (candidate.equalsIgnoreCase(s.strip())) {
                        return candidate;
                    }
                }
            }
            if (value instanceof BigDecimal || value instanceof Double) {
                throw ErrorCode.WRONG_TYPE_FOR_VAR.error(name);
            }
            throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, value == null ? "NULL" : text(value));
        }

        @Override
        public Object fromConfig(String name, String raw) {
            return coerce(name, raw);
        }
    }
}
