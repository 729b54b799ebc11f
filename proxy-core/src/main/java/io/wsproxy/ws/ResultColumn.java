package io.wsproxy.ws;

import io.wsproxy.wire.ColumnType;
import java.util.Objects;

/**
 * What this package needs of a result set column definition (ColumnDefinition41): its label,
 * type, flags and character set id.
 */
public record ResultColumn(String name, ColumnType type, int flags, int charset) {
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The {@code columns} message entry. */
    public ColumnInfo info() {
        return new ColumnInfo(name, TypeNames.typeName(type, flags, charset), TypeNames.nullable(flags));
    }

    public JsonKind kind() {
        return JsonKind.of(type, flags, charset);
    }
}
