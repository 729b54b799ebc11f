package io.wsproxy.engine.data;

import io.wsproxy.wire.ColumnType;

/** MySQL column metadata for one result column, derived from H2's. */
public record Column(String schema, String table, String orgTable, String name, String orgName, ColumnType type,
        int flags, long length, int decimals, int characterSet) {
}
