package io.wsproxy.control.parse;

import io.wsproxy.control.parse.Statement.AddAggregator;
import io.wsproxy.control.parse.Statement.AddLeaf;
import io.wsproxy.control.parse.Statement.AggregatorSetAsMaster;
import io.wsproxy.control.parse.Statement.ClusterSync;
import io.wsproxy.control.parse.Statement.NodeLogin;
import io.wsproxy.control.parse.Statement.RemoveAggregator;

/**
 * The cluster management statements of DESIGN.md section 7, in SingleStore's syntax ("Cluster
 * Management Commands"): {@code ADD AGGREGATOR}, {@code ADD LEAF}, {@code REMOVE AGGREGATOR},
 * {@code AGGREGATOR SET AS MASTER}, and the nodes' own {@code CLUSTER SYNC}. Returns null for
 * other statements that start with ADD or REMOVE, which are the data plane's.
 */
final class ClusterParser {
    private ClusterParser() {
    }

    static Statement parse(Parser p) {
        Token verb = p.next();
        return switch (verb.upper()) {
            case "ADD" -> add(p);
            case "REMOVE" -> remove(p);
            case "AGGREGATOR" -> setAsMaster(p);
            default -> sync(p);
        };
    }

    private static Statement add(Parser p) {
        if (p.accept("AGGREGATOR")) {
            NodeLogin login = login(p);
            p.expectEnd();
            return new AddAggregator(login);
        }
        if (!p.accept("LEAF")) {
            return null;
        }
        NodeLogin login = login(p);
        int group = 0;
        if (p.accept("INTO")) {
            p.expect("GROUP");
            Token t = p.peek();
            long n = p.integer();
            if (n != 1 && n != 2) {
                throw Parser.syntaxError(p.sql(), t.start(), t.line());
            }
            group = (int) n;
        }
        p.expectEnd();
        return new AddLeaf(login, group);
    }

    private static Statement remove(Parser p) {
        if (!p.accept("AGGREGATOR")) {
            return null;
        }
        String host = p.nameOrString();
        p.expectSymbol(":");
        int port = port(p);
        p.expectEnd();
        return new RemoveAggregator(host, port);
    }

    private static Statement setAsMaster(Parser p) {
        p.expect("SET");
        p.expect("AS");
        p.expect("MASTER");
        p.expectEnd();
        return new AggregatorSetAsMaster();
    }

    private static Statement sync(Parser p) {
        p.expect("SYNC");
        String document = p.string();
        p.expectEnd();
        return new ClusterSync(document);
    }

    /** {@code user[:'password']@'host':port}; the host may also be unquoted ({@code root@127.0.0.1:3307}). */
    private static NodeLogin login(Parser p) {
        Token user = p.peek();
        if (user.kind() != Token.Kind.STRING && !user.isName()) {
            throw p.error();
        }
        p.next();
        String password = "";
        if (p.acceptSymbol(":")) {
            password = p.string();
        }
        if (p.peek().kind() != Token.Kind.USERVAR) {
            throw p.error();
        }
        String host = p.next().text();
        p.expectSymbol(":");
        return new NodeLogin(user.text(), password, host, port(p));
    }

    private static int port(Parser p) {
        Token t = p.peek();
        long port = p.integer();
        if (port < 1 || port > 65535) {
            throw Parser.syntaxError(p.sql(), t.start(), t.line());
        }
        return (int) port;
    }
}
