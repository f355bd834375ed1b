package org.jianqun.core.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.LoginName;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.Spelling;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;

/**
 * {@code people.csv}: name,role,scope_code,channel,channel_user_id,username,password. A person is
 * found again by username or by chat identity (channel + channel_user_id). The password column is
 * an initial password: it sets the password of an account this import creates, and is ignored for
 * an account that exists, so re-importing never undoes a password its owner has changed.
 */
final class PeopleImport {
    static final int MIN_PASSWORD = 8;

    private PeopleImport() {
    }

    private record Parsed(int line, Person person, String password) {
        String chatKey() {
            return person.channel() == null ? null : person.channel().wireName() + "/" + person.channelUserId();
        }
    }

    /** The initial passwords of the accounts a file creates, hashed before its transaction: username → (password, hash). */
    record InitialPasswords(Map<String, String> passwordOf, Map<String, String> hashOf, PasswordHasher hasher) {
        /** The hash prepared for this account, or one made now if the file's plan changed since (another import raced it). */
        String hashFor(String username, String password) {
            return password.equals(passwordOf.get(username)) ? hashOf.get(username) : hasher.hash(password);
        }
    }

    /**
     * Hashes (slow: ~150 ms each) the initial passwords of the accounts the file would create, reading
     * outside any transaction which usernames exist, so the import's transaction holds no lock and no
     * connection while it hashes. Rows that do not parse are left to {@link #run} to report.
     */
    static InitialPasswords hashNewAccounts(CsvTable table, Database database, PasswordHasher hasher) {
        Map<String, String> passwords = new HashMap<>();
        ImportProblems ignored = new ImportProblems();
        for (CsvTable.Row row : table.rows) {
            Parsed p = parse(row, ignored);
            if (p != null && p.person().username() != null && !p.password().isEmpty()) {
                passwords.putIfAbsent(p.person().username(), p.password());
            }
        }
        if (ignored.any()) {
            return new InitialPasswords(Map.of(), Map.of(), hasher); // run() rejects the file: hash nothing
        }
        Set<String> existing = new HashSet<>();
        for (var chunk : Chunks.of(passwords.keySet())) {
            database.<List<Person>>read(s -> s.getMapper(PersonMapper.class).findByUsernames(chunk)).forEach(p -> existing.add(p.username()));
        }
        passwords.keySet().removeAll(existing);
        List<String> usernames = List.copyOf(passwords.keySet());
        List<String> hashes = hashOnEveryCore(usernames.stream().map(passwords::get).toList(), hasher);
        Map<String, String> hashOf = new HashMap<>();
        for (int i = 0; i < usernames.size(); i++) {
            hashOf.put(usernames.get(i), hashes.get(i));
        }
        return new InitialPasswords(passwords, hashOf, hasher);
    }

    static ImportOutcome run(CsvTable table, SqlSession session, Instant now, ImportScope scope, InitialPasswords passwords,
                             ImportProblems problems) {
        List<Parsed> parsed = new ArrayList<>();
        Map<String, Parsed> byUsername = new HashMap<>();
        Map<String, Parsed> byChat = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            Parsed p = parse(row, problems);
            if (p == null) {
                continue;
            }
            String personScope = p.person().scopeCode();
            if (personScope == null ? !scope.isPlatformWide() : !scope.covers(personScope)) {
                problems.add(row.line(), "scope_code", personScope == null
                        ? "only a platform-wide admin may create another platform-wide admin" : scope.outside(personScope));
                continue;
            }
            Parsed sameUser = p.person().username() == null ? null : byUsername.get(p.person().username());
            Parsed sameChat = p.chatKey() == null ? null : byChat.get(p.chatKey());
            Parsed earlier = sameUser != null ? sameUser : sameChat;
            if (earlier != null) {
                if (!earlier.person().equals(p.person()) || !earlier.password().equals(p.password())) {
                    problems.add(row.line(), sameUser != null ? "username" : "channel_user_id",
                            "this person is already on line " + earlier.line() + " with other values");
                }
                continue;
            }
            parsed.add(p);
            if (p.person().username() != null) {
                byUsername.put(p.person().username(), p);
            }
            if (p.chatKey() != null) {
                byChat.put(p.chatKey(), p);
            }
        }
        // Rows that read well are still checked against the database, so one answer lists every problem.
        Map<String, Region> scopes = new HashMap<>();
        Set<String> scopeCodes = new HashSet<>();
        parsed.forEach(p -> {
            if (p.person().scopeCode() != null) {
                scopeCodes.add(p.person().scopeCode());
            }
        });
        RegionMapper regions = session.getMapper(RegionMapper.class);
        for (var chunk : Chunks.of(scopeCodes)) {
            regions.findAll(chunk).forEach(r -> scopes.put(r.code(), r));
        }
        PersonMapper mapper = session.getMapper(PersonMapper.class);
        Map<String, Person> existingByUsername = new HashMap<>();
        Map<String, Person> existingByChat = new HashMap<>();
        for (var chunk : Chunks.of(byUsername.keySet())) {
            mapper.findByUsernames(chunk).forEach(p -> existingByUsername.put(p.username(), p));
        }
        Set<String> chatUserIds = new HashSet<>();
        parsed.forEach(p -> {
            if (p.person().channelUserId() != null) {
                chatUserIds.add(p.person().channelUserId());
            }
        });
        for (var chunk : Chunks.of(chatUserIds)) {
            mapper.findByChannelUserIds(chunk).forEach(p -> existingByChat.put(p.channel().wireName() + "/" + p.channelUserId(), p));
        }

        List<Person> inserts = new ArrayList<>();
        List<String> insertPasswords = new ArrayList<>();
        List<Person> updates = new ArrayList<>();
        int unchanged = 0;
        for (Parsed p : parsed) {
            Person person = p.person();
            if (person.scopeCode() != null) {
                Region scopeRegion = scopes.get(person.scopeCode());
                if (scopeRegion == null) {
                    problems.add(p.line(), "scope_code", "region " + person.scopeCode() + " is not imported; import regions first");
                    continue;
                }
                if (!person.role().scopeLevels().contains(scopeRegion.level())) {
                    problems.add(p.line(), "scope_code", "a " + person.role().wireName() + " is scoped to a "
                            + String.join(" or ", person.role().scopeLevels().stream().map(l -> l.wireName()).toList())
                            + ", and " + scopeRegion.code() + " is a " + scopeRegion.level().wireName());
                    continue;
                }
            }
            Person byUser = person.username() == null ? null : existingByUsername.get(person.username());
            Person byChatId = p.chatKey() == null ? null : existingByChat.get(p.chatKey());
            if (byUser != null && byChatId != null && !byUser.id().equals(byChatId.id())) {
                problems.add(p.line(), "username", "username " + person.username() + " and chat user "
                        + person.channelUserId() + " belong to two different people already");
                continue;
            }
            Person before = byUser != null ? byUser : byChatId;
            if (before == null) {
                if (person.username() != null && p.password().isEmpty()) {
                    problems.add(p.line(), "password", "is required to create the account " + person.username());
                    continue;
                }
                inserts.add(person);
                insertPasswords.add(p.password());
            } else {
                Person merged = new Person(before.id(), person.name(), person.role(), person.scopeCode(),
                        person.channel() != null ? person.channel() : before.channel(),
                        person.channel() != null ? person.channelUserId() : before.channelUserId(),
                        person.username() != null ? person.username() : before.username(), before.passwordHash());
                if (merged.equals(before)) {
                    unchanged++;
                } else {
                    updates.add(merged);
                }
            }
        }
        if (problems.any()) {
            return new ImportOutcome.Rejected(ImportKind.PEOPLE, problems.list());
        }

        for (int i = 0; i < inserts.size(); i++) {
            Person n = inserts.get(i);
            String password = insertPasswords.get(i);
            String hash = password.isEmpty() ? null : passwords.hashFor(n.username(), password);
            mapper.insert(new Person(null, n.name(), n.role(), n.scopeCode(), n.channel(), n.channelUserId(), n.username(), hash), now);
        }
        updates.forEach(u -> mapper.update(u, now));
        return new ImportOutcome.Applied(ImportKind.PEOPLE, table.rows.size(), inserts.size(), updates.size(), unchanged);
    }

    /** The slow hashes of new accounts, one thread per core (the common pool would leave a core idle on 2 cores). */
    private static List<String> hashOnEveryCore(List<String> passwords, PasswordHasher hasher) {
        long toHash = passwords.stream().filter(pw -> !pw.isEmpty()).count();
        if (toHash < 2) {
            return passwords.stream().map(pw -> pw.isEmpty() ? null : hasher.hash(pw)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String pw : passwords) {
                futures.add(pw.isEmpty() ? CompletableFuture.completedFuture(null) : pool.submit(() -> hasher.hash(pw)));
            }
            List<String> hashes = new ArrayList<>();
            for (Future<String> f : futures) {
                hashes.add(f.get());
            }
            return hashes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing passwords", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing a password failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Parsed parse(CsvTable.Row row, ImportProblems problems) {
        String name = Cells.required(row, "name", 100, problems);
        String roleText = Cells.required(row, "role", 24, problems);
        String scope = Cells.optional(row, "scope_code", 12, problems);
        String channelText = Cells.optional(row, "channel", 8, problems);
        String chatUser = Spelling.id(Cells.optional(row, "channel_user_id", 128, problems));
        String username = Cells.optional(row, "username", 64, problems);
        String password = Cells.optional(row, "password", 128, problems);
        if (name == null || roleText == null || scope == null || channelText == null || chatUser == null || username == null || password == null) {
            return null;
        }
        Optional<Role> role = Role.fromWire(roleText);
        if (role.isEmpty()) {
            problems.add(row.line(), "role", "'" + roleText + "' is not a role; use one of "
                    + String.join("|", java.util.Arrays.stream(Role.values()).map(Role::wireName).toList()));
            return null;
        }
        if (scope.isEmpty() && !role.get().mayBePlatformWide()) {
            problems.add(row.line(), "scope_code", "is required for a " + role.get().wireName());
            return null;
        }
        if (!scope.isEmpty()) {
            DivisionCode.Reading reading = DivisionCode.read(scope);
            if (reading instanceof DivisionCode.Refused refused) {
                problems.add(row.line(), "scope_code", refused.reason());
                return null;
            }
            scope = ((DivisionCode.Read) reading).code();
        }
        Channel channel = null;
        if (!channelText.isEmpty()) {
            channel = Channel.fromWire(channelText).orElse(null);
            if (channel == null) {
                problems.add(row.line(), "channel", "'" + channelText + "' is not a channel; use bridge, wecom or aibot");
                return null;
            }
        }
        if ((channel == null) != chatUser.isEmpty()) {
            problems.add(row.line(), channel == null ? "channel" : "channel_user_id", "channel and channel_user_id go together: give both or neither");
            return null;
        }
        // Folded as a login folds what is typed (LoginName), so the account has the one spelling it is found by.
        Optional<LoginName> account = username.isEmpty() ? Optional.empty() : LoginName.parse(username);
        if (!username.isEmpty() && account.isEmpty()) {
            problems.add(row.line(), "username", "'" + username + "' must be 3-64 letters, digits, '.', '_' or '-'");
            return null;
        }
        String login = account.map(LoginName::value).orElse("");
        if (login.isEmpty() && !password.isEmpty()) {
            problems.add(row.line(), "password", "is given without a username");
            return null;
        }
        if (!password.isEmpty() && password.length() < MIN_PASSWORD) {
            problems.add(row.line(), "password", "must be at least " + MIN_PASSWORD + " characters");
            return null;
        }
        if (channel == null && login.isEmpty()) {
            problems.add(row.line(), "username", "a person needs a chat identity (channel + channel_user_id), a username, or both");
            return null;
        }
        Person person = new Person(null, name, role.get(), scope.isEmpty() ? null : scope, channel,
                chatUser.isEmpty() ? null : chatUser, login.isEmpty() ? null : login, null);
        return new Parsed(row.line(), person, Objects.requireNonNull(password));
    }
}
