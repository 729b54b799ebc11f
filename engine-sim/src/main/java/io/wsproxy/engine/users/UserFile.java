package io.wsproxy.engine.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code data/users.json}: accounts with hashes and grants; written atomically, mode 0600. */
final class UserFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Grant(String database, String table, List<Privilege> privileges) {
    }

    record Account(String user, String host, String nativeHash, boolean requireSsl, List<Grant> grants) {
    }

    record Document(int version, List<Account> accounts) {
    }

    private UserFile() {
    }

    static List<UserAccount> read(Path file) throws IOException {
        Document doc = JSON.readValue(file.toFile(), Document.class);
        List<UserAccount> accounts = new ArrayList<>();
        for (Account a : doc.accounts()) {
            Map<GrantTarget, Set<Privilege>> grants = new LinkedHashMap<>();
            for (Grant g : a.grants()) {
                grants.put(new GrantTarget(g.database(), g.table()),
                        g.privileges().isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(g.privileges()));
            }
            accounts.add(new UserAccount(new UserRef(a.user(), a.host()), a.nativeHash(), a.requireSsl(), grants));
        }
        return accounts;
    }

    static void write(Path file, List<UserAccount> accounts) throws IOException {
        List<Account> out = new ArrayList<>();
        for (UserAccount a : accounts) {
            List<Grant> grants = new ArrayList<>();
            a.grants().forEach((t, p) -> grants.add(new Grant(t.database(), t.table(), List.copyOf(p))));
            out.add(new Account(a.ref().user(), a.ref().host(), a.nativeHash(), a.requireSsl(), grants));
        }
        byte[] bytes = JSON.writeValueAsBytes(new Document(1, out));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
