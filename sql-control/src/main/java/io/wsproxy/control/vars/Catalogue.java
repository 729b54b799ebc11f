package io.wsproxy.control.vars;

import io.wsproxy.control.vars.VarType.BoolType;
import io.wsproxy.control.vars.VarType.EnumType;
import io.wsproxy.control.vars.VarType.IntType;
import io.wsproxy.control.vars.VarType.StringType;
import java.util.ArrayList;
import java.util.List;

/**
 * The system variables the engine knows: the proxy's (DESIGN.md section 3), the node's read-only
 * facts, and the ones real drivers read or set at connect (Connector/J's SELECT @@... list,
 * MariaDB Connector/J's SET, the mariadb CLI's @@version_comment).
 */
final class Catalogue {
    private static final VarType PORT = new IntType(0, 65535);
    private static final VarType BOOL = new BoolType();
    private static final VarType STRING = new StringType(false);
    private static final VarType UINT = new IntType(0, 4294967295L);
    private static final VarType ISOLATION =
            new EnumType(List.of("READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"));

    private final List<VariableSpec> specs = new ArrayList<>();

    static List<VariableSpec> standard() {
        Catalogue c = new Catalogue();
        // The proxy: global only, SET GLOBAL needs SUPER, applied by RESTART PROXY.
        c.specs.addAll(ProxyVariables.all());
        c.global("max_connections", new IntType(1, 100000), 1000L);
        c.global("connect_timeout", new IntType(2, 31536000), 10L);
        // Bounds the memory server-side prepared statements hold, node-wide, as in MySQL.
        c.global("max_prepared_stmt_count", new IntType(0, 4194304), 16382L);
        c.global("init_connect", STRING, "");
        c.global("query_cache_size", UINT, 0L);
        c.global("query_cache_type", new EnumType(List.of("OFF", "ON", "DEMAND")), "OFF");

        // Facts of the node: memsql.cnf or the engine sets them, SET cannot.
        for (String path : List.of("ssl_cert", "ssl_key", "ssl_ca", "socket", "datadir", "tracelogsdir", "basedir")) {
            c.readOnly(path, STRING, "");
        }
        c.readOnly("have_ssl", new EnumType(List.of("DISABLED", "YES")), "DISABLED");
        c.readOnly("have_openssl", new EnumType(List.of("DISABLED", "YES")), "DISABLED");
        c.readOnly("port", PORT, 3306L);
        c.readOnly("bind_address", STRING, "127.0.0.1");
        c.readOnly("version", STRING, "8.0.35-wsproxy");
        c.readOnly("version_comment", STRING, "wsproxy engine-sim");
        c.readOnly("version_compile_os", STRING, "Linux");
        c.readOnly("version_compile_machine", STRING, "x86_64");
        c.readOnly("protocol_version", UINT, 10L);
        c.readOnly("hostname", STRING, "localhost");
        c.readOnly("license", STRING, "Apache-2.0");
        c.readOnly("lower_case_table_names", UINT, 0L);
        c.readOnly("system_time_zone", STRING, "UTC");
        c.readOnly("character_set_system", STRING, "utf8mb3");
        c.readOnly("performance_schema", BOOL, "OFF");
        c.readOnly("tls_version", STRING, "TLSv1.2,TLSv1.3");

        // Session variables (with a global default) that drivers and clients read or set.
        c.both("autocommit", BOOL, "ON");
        c.both("auto_increment_increment", new IntType(1, 65535), 1L);
        c.both("auto_increment_offset", new IntType(1, 65535), 1L);
        for (String cs : List.of("character_set_client", "character_set_connection", "character_set_database",
                "character_set_server", "character_set_filesystem")) {
            c.both(cs, STRING, cs.endsWith("filesystem") ? "binary" : "utf8mb4");
        }
        c.both("character_set_results", new StringType(true), "utf8mb4");
        for (String co : List.of("collation_connection", "collation_database", "collation_server")) {
            c.both(co, STRING, "utf8mb4_general_ci");
        }
        c.both("interactive_timeout", new IntType(1, 31536000), 28800L);
        c.both("wait_timeout", new IntType(1, 31536000), 28800L);
        c.both("net_write_timeout", new IntType(1, 31536000), 60L);
        c.both("net_read_timeout", new IntType(1, 31536000), 30L);
        c.both("net_buffer_length", new IntType(1024, 1048576), 16384L);
        c.both("net_retry_count", UINT, 10L);
        c.both("max_allowed_packet", new IntType(1024, 1073741824), 67108864L);
        c.both("sql_mode", STRING, "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION");
        c.both("time_zone", STRING, "SYSTEM");
        c.both("transaction_isolation", ISOLATION, "REPEATABLE-READ");
        c.both("tx_isolation", ISOLATION, "REPEATABLE-READ");
        c.both("transaction_read_only", BOOL, "OFF");
        c.both("tx_read_only", BOOL, "OFF");
        c.both("sql_select_limit", new IntType(0, Long.MAX_VALUE), Long.MAX_VALUE);
        c.both("group_concat_max_len", new IntType(4, 4294967295L), 1024L);
        c.both("max_execution_time", UINT, 0L);
        c.both("div_precision_increment", new IntType(0, 30), 4L);
        c.both("default_week_format", new IntType(0, 7), 0L);
        c.both("completion_type", new EnumType(List.of("NO_CHAIN", "CHAIN", "RELEASE")), "NO_CHAIN");
        c.both("lc_messages", STRING, "en_US");
        c.both("lc_time_names", STRING, "en_US");
        c.both("default_storage_engine", STRING, "InnoDB");
        c.both("long_query_time", new IntType(0, 31536000), 10L);
        c.both("session_track_system_variables", new StringType(true), "time_zone,autocommit,character_set_client,"
                + "character_set_results,character_set_connection");
        c.both("session_track_transaction_info", new EnumType(List.of("OFF", "STATE", "CHARACTERISTICS")), "OFF");
        for (String flag : List.of("sql_auto_is_null", "sql_safe_updates", "big_tables", "profiling",
                "session_track_schema", "session_track_state_change", "explicit_defaults_for_timestamp")) {
            c.both(flag, BOOL, flag.equals("session_track_schema") || flag.startsWith("explicit") ? "ON" : "OFF");
        }
        for (String flag : List.of("unique_checks", "foreign_key_checks", "sql_notes", "sql_warnings",
                "sql_quote_show_create")) {
            c.both(flag, BOOL, flag.equals("sql_warnings") ? "OFF" : "ON");
        }
        return List.copyOf(c.specs);
    }

    private void global(String name, VarType type, Object value) {
        specs.add(VariableSpec.global(name, type, value));
    }

    private void readOnly(String name, VarType type, Object value) {
        specs.add(VariableSpec.readOnly(name, type, value));
    }

    private void both(String name, VarType type, Object value) {
        specs.add(VariableSpec.both(name, type, value));
    }
}
