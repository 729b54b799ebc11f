package io.wsproxy.ws;

import java.util.Objects;

/** One entry of a {@code columns} message: the column label, its MySQL type name and nullability. */
public record ColumnInfo(String name, String type, boolean nullable) {
    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
