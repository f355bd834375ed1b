package org.jianqun.console.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.jianqun.console.RecordedFlaggedMessages;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.content.ShownWords;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.polls.CommentVerdict;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.PollResults;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 网巡 and 线索库 over HTTP, the console verticle deployed as in production: the queue's items of every kind
 * (a flagged message through the chat side's port), review → log → gone from the office's queue (not from the
 * office above), earlier days' unreviewed items still shown, the clue lifecycle and its named rules, a clue's
 * confidentiality, and the 403s of everyone who is not a discipline officer of the scope. Tickets are made
 * through the desk's routes; a real-name report is marked in SQL, as only the mini-program's issue makes one.
 * 待审内容 (issue 12: "review waits for an officer"): a report's words and a poll comment the content check left for
 * review wait in the queues of the offices over their village until one verdict releases or refuses them, audited;
 * released text then shows where it was held back, refused never does (the check's row is written in SQL, as only the
 * mini-program's content check writes it).
 */
class PatrolAndCluesApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    /** Monday 2026-03-02, 09:00 in Asia/Shanghai. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String OTHER_TOWN_VILLAGE = "359901101201";
    private static final String PASSWORD = "console-password";
    private static final List<String> NOT_DISCIPLINE = List.of("villager", "cadre", "town", "county", "admin");
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static CoreServices core;
    private static final RecordedFlaggedMessages FLAGGED = new RecordedFlaggedMessages();
    private static final Map<String, Long> IDS = new HashMap<>();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static Instant tokensAt = Instant.EPOCH;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        List<String> regions = new ArrayList<>(List.of(REGIONS));
        regions.add("359901101,西岭镇,town,359901");
        regions.add(OTHER_TOWN_VILLAGE + ",西岭村,village,359901101");
        core.importer().importCsv(ImportKind.REGIONS, csv(regions.toArray(String[]::new)), null);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, null, null, "villager", hash),
                new Person(null, "西岭村民", Role.VILLAGER, OTHER_TOWN_VILLAGE, null, null, "west-villager", hash),
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash),
                new Person(null, "西岭村干部", Role.VILLAGE_CADRE, OTHER_TOWN_VILLAGE, null, null, "west-cadre", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash),
                new Person(null, "清源县办事员", Role.COUNTY_OFFICER, "359901", null, null, "county", hash),
                new Person(null, "清源县纪委", Role.DISCIPLINE_OFFICER, "359901", null, null, "county-jjw", hash),
                new Person(null, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw", hash),
                new Person(null, "东岭镇纪委二", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw-2", hash),
                new Person(null, "西岭镇纪委", Role.DISCIPLINE_OFFICER, "359901101", null, null, "west-jjw", hash),
                new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, CLOCK.instant()));
            people.forEach(p -> IDS.put(p.username(), mapper.findByUsername(p.username()).id()));
            return null;
        });
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, new RecordedChatSide()).withFlagged(FLAGGED))));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    /** A login per person, again after the clock moved on past a session (the scenario lives through two days). */
    private static synchronized String token(String username) {
        if (!CLOCK.peek().equals(tokensAt)) {
            TOKENS.clear();
            tokensAt = CLOCK.peek();
        }
        return TOKENS.computeIfAbsent(username, u -> server.post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8)).json().getString("token"));
    }

    private static TestServer.Reply post(String who, String path, JsonObject body) {
        return server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer.Reply send(String method, String who, String path, JsonObject body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token(who))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    }

    private static JsonObject ok(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply.json();
    }

    private static long register(String cadre, String village, String villager, String content) {
        return ok(post(cadre, "/api/v1/tickets", new JsonObject().put("villageCode", village).put("content", content)
                .put("complainantId", IDS.get(villager)))).getLong("no");
    }

    private static void routeTo(long no, String office) {
        jdbc("UPDATE ticket SET confidential = TRUE, confidential_office = '" + office + "' WHERE no = " + no);
    }

    private static void jdbc(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject queue(String who, String query) {
        return ok(server.get("/api/v1/patrol/queue" + query, token(who)));
    }

    /** The queue's items by key. */
    private static Map<String, JsonObject> items(JsonObject queue) {
        Map<String, JsonObject> byKey = new HashMap<>();
        queue.getJsonArray("items").forEach(i -> byKey.put(((JsonObject) i).getString("key"), (JsonObject) i));
        return byKey;
    }

    private static JsonObject item(String kind, Object ref) {
        return new JsonObject().put("kind", kind).put("ref", ref.toString());
    }

    @Test
    void theQueueHoldsEveryKindReviewsLeaveItAndEarlierDaysStayUntilReviewed() {
        long plain = register("cadre", VILLAGE, "villager", "村口路灯坏了三个月没人修");
        long twiceUnhappy = register("cadre", VILLAGE, "villager", "低保评定不公开不透明");
        long townReport = register("cadre", VILLAGE, "villager", "村主任虚报危房改造补贴");
        routeTo(townReport, "359901100");
        long countyReport = register("cadre", VILLAGE, "villager", "镇干部收受工程老板好处");
        routeTo(countyReport, "359901");
        long otherTown = register("west-cadre", OTHER_TOWN_VILLAGE, "west-villager", "西岭村水渠堵塞");
        for (int round = 0; round < 2; round++) {
            if (round == 0) {
                ok(post("cadre", "/api/v1/tickets/" + twiceUnhappy + "/claim", new JsonObject()));
            }
            ok(post("cadre", "/api/v1/tickets/" + twiceUnhappy + "/resolve", new JsonObject().put("result", "已公示名单")));
            ok(post("villager", "/api/v1/tickets/" + twiceUnhappy + "/rate", new JsonObject().put("rating", "不满意")));
        }
        long message = FLAGGED.add(VILLAGE, "听说低保名额都是优亲厚友", List.of("优亲厚友"), CLOCK.instant()).id();

        JsonObject town = queue("town-jjw", "?date=2026-03-02");
        assertThat(town.getString("date")).isEqualTo("2026-03-02");
        assertThat(town.getString("scope")).isEqualTo("359901100");
        Map<String, JsonObject> mine = items(town);
        assertThat(mine).containsKeys("new_ticket:" + plain, "new_ticket:" + twiceUnhappy, "real_name_report:" + townReport,
                "red_warning:" + twiceUnhappy, "flagged_message:" + message);
        assertThat(mine).doesNotContainKeys("new_ticket:" + townReport, "real_name_report:" + countyReport, "new_ticket:" + countyReport,
                "new_ticket:" + otherTown);
        List<JsonObject> unhappy = mine.values().stream().filter(i -> i.getString("kind").equals("unsatisfied_rating")).toList();
        assertThat(unhappy).as("one item per 不满意").hasSize(2).allSatisfy(i -> {
            assertThat(i.getLong("ticketNo")).isEqualTo(twiceUnhappy);
            assertThat(i.getString("ref")).startsWith(twiceUnhappy + "@");
            assertThat(i.getJsonObject("source")).isEqualTo(new JsonObject().put("kind", "ticket").put("ref", Long.toString(twiceUnhappy)));
        });
        JsonObject flagged = mine.get("flagged_message:" + message);
        assertThat(flagged.getJsonArray("words")).isEqualTo(new JsonArray().add("优亲厚友"));
        assertThat(flagged.getString("summary")).isEqualTo("听说低保名额都是优亲厚友");
        assertThat(flagged.getJsonObject("source")).isEqualTo(new JsonObject().put("kind", "message").put("ref", Long.toString(message)));
        assertThat(mine.get("red_warning:" + twiceUnhappy).getJsonObject("source").getString("kind")).isEqualTo("warning");
        JsonObject plainItem = mine.get("new_ticket:" + plain);
        assertThat(plainItem.getString("summary")).isEqualTo("村口路灯坏了三个月没人修");
        assertThat(plainItem.getString("villageCode")).isEqualTo(VILLAGE);
        assertThat(plainItem.getString("at")).isEqualTo("2026-03-02T09:00:00+08:00");
        assertThat(plainItem.getBoolean("earlier")).isFalse();

        // The county's office: the whole county, its own report, not the town's (the routing is the conflict shield).
        Map<String, JsonObject> county = items(queue("county-jjw", "?date=2026-03-02"));
        assertThat(county).containsKeys("new_ticket:" + plain, "new_ticket:" + otherTown, "real_name_report:" + countyReport,
                "flagged_message:" + message);
        assertThat(county).doesNotContainKeys("real_name_report:" + townReport);
        assertThat(items(queue("county-jjw", "?date=2026-03-02&scope=359901101"))).containsKey("new_ticket:" + otherTown)
                .doesNotContainKey("new_ticket:" + plain);
        assertThat(items(queue("west-jjw", ""))).containsKey("new_ticket:" + otherTown).doesNotContainKeys("new_ticket:" + plain,
                "flagged_message:" + message);

        // Reviewing is the log; the items leave the office's queue (for its other officer too), not the county's.
        JsonObject review = ok(post("town-jjw", "/api/v1/patrol/reviews", new JsonObject()
                .put("items", new JsonArray().add(item("new_ticket", plain)).add(item("flagged_message", message)))
                .put("note", "已电话核实，路灯已报修"))).getJsonObject("review");
        assertThat(review.getJsonObject("officer").getString("name")).isEqualTo("东岭镇纪委");
        assertThat(review.getString("office")).isEqualTo("359901100");
        assertThat(review.getString("at")).isEqualTo("2026-03-02T09:00:00+08:00");
        JsonObject log = ok(server.get("/api/v1/patrol/log", token("town-jjw-2")));
        JsonObject entry = log.getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getLong("id")).isEqualTo(review.getLong("id"));
        assertThat(entry.getString("note")).isEqualTo("已电话核实，路灯已报修");
        assertThat(entry.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("key")))
                .containsExactlyInAnyOrder("new_ticket:" + plain, "flagged_message:" + message);
        assertThat(items(queue("town-jjw-2", "?date=2026-03-02"))).doesNotContainKeys("new_ticket:" + plain, "flagged_message:" + message)
                .containsKey("new_ticket:" + twiceUnhappy);
        assertThat(items(queue("county-jjw", "?date=2026-03-02"))).containsKeys("new_ticket:" + plain, "flagged_message:" + message);
        assertThat(ok(server.get("/api/v1/patrol/log", token("county-jjw"))).getJsonArray("entries").encode())
                .as("the county reads its towns' logs").contains("已电话核实");
        assertThat(ok(server.get("/api/v1/patrol/log", token("west-jjw"))).getJsonArray("entries").encode()).doesNotContain("已电话核实");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'PATROL_REVIEWED' AND chain_key = '359901'")).isEqualTo(1);

        // A second review of the same item: 409 with the rule; an item not in the queue: 400 naming it; nothing written.
        TestServer.Reply again = post("town-jjw-2", "/api/v1/patrol/reviews", new JsonObject()
                .put("items", new JsonArray().add(item("new_ticket", twiceUnhappy)).add(item("new_ticket", plain))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getString("rule")).isEqualTo("ALREADY_REVIEWED");
        assertThat(again.json().getJsonArray("items")).isEqualTo(new JsonArray().add("new_ticket:" + plain));
        TestServer.Reply foreign = post("town-jjw", "/api/v1/patrol/reviews", new JsonObject()
                .put("items", new JsonArray().add(item("new_ticket", twiceUnhappy)).add(item("real_name_report", countyReport))));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().getString("error")).isEqualTo("not_in_queue");
        assertThat(foreign.json().getJsonArray("items")).isEqualTo(new JsonArray().add("real_name_report:" + countyReport));
        assertThat(items(queue("town-jjw", "?date=2026-03-02"))).as("all or nothing").containsKey("new_ticket:" + twiceUnhappy);
        TestServer.Reply unknownKind = post("town-jjw", "/api/v1/patrol/reviews", new JsonObject()
                .put("items", new JsonArray().add(item("gossip", 1))));
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().getString("message")).contains("items[0].kind");

        // Two days later the claim deadline has passed: the sweep turns the plain ticket orange. Today's queue has
        // the new warning and still Monday's unreviewed items; Monday's own queue does not know Wednesday's warning.
        CLOCK.advance(Duration.ofDays(2).plusHours(1));
        core.sweep().sweep(100);
        Map<String, JsonObject> wednesday = items(queue("town-jjw", ""));
        assertThat(wednesday).containsKeys("orange_warning:" + plain, "new_ticket:" + twiceUnhappy, "real_name_report:" + townReport)
                .doesNotContainKey("new_ticket:" + plain);
        assertThat(wednesday.get("orange_warning:" + plain).getString("day")).isEqualTo("2026-03-04");
        assertThat(wednesday.get("orange_warning:" + plain).getBoolean("earlier")).isFalse();
        assertThat(wednesday.get("new_ticket:" + twiceUnhappy).getString("day")).isEqualTo("2026-03-02");
        assertThat(wednesday.get("new_ticket:" + twiceUnhappy).getBoolean("earlier")).isTrue();
        assertThat(items(queue("town-jjw", "?date=2026-03-02"))).doesNotContainKey("orange_warning:" + plain);

        // One step from the queue to the library: the item's own source.
        JsonObject fromWarning = ok(post("town-jjw", "/api/v1/clues", new JsonObject()
                .put("source", wednesday.get("orange_warning:" + plain).getJsonObject("source"))
                .put("summary", "路灯维修款去向不明").put("value", "中")));
        assertThat(fromWarning.getString("status")).isEqualTo("待初核");
        assertThat(fromWarning.getJsonObject("source")).isEqualTo(new JsonObject().put("kind", "warning").put("ref", Long.toString(plain)));
        assertThat(fromWarning.getString("villageCode")).isEqualTo(VILLAGE);
        assertThat(fromWarning.getBoolean("confidential")).isFalse();
        JsonObject fromMessage = ok(post("town-jjw", "/api/v1/clues", new JsonObject()
                .put("source", flagged.getJsonObject("source")).put("summary", "低保优亲厚友").put("value", "高")));
        assertThat(fromMessage.getString("villageCode")).isEqualTo(VILLAGE);
        TestServer.Reply noWarning = post("town-jjw", "/api/v1/clues", new JsonObject()
                .put("source", new JsonObject().put("kind", "warning").put("ref", Long.toString(townReport + 1000)))
                .put("summary", "x").put("value", "低"));
        assertThat(noWarning.status()).isEqualTo(400);
        assertThat(noWarning.json().getString("message")).contains("source.ref");
    }

    @Test
    void aClueMovesByItsRulesIsLinkedAndEveryChangeIsAudited() {
        long before = count("SELECT COUNT(*) FROM audit_event WHERE type LIKE 'CLUE_%'");
        JsonObject clue = ok(post("town-jjw", "/api/v1/clues", new JsonObject().put("source", new JsonObject().put("kind", "manual"))
                .put("summary", "群众来电反映村会计挪用集体资金").put("value", "低")));
        long id = clue.getLong("id");
        assertThat(clue.getString("status")).isEqualTo("待初核");
        assertThat(clue.getString("office")).isEqualTo("359901100");
        assertThat(clue.getJsonObject("createdBy").getString("name")).isEqualTo("东岭镇纪委");

        TestServer.Reply skip = send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "了结"));
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.json().getString("error")).isEqualTo("refused");
        assertThat(skip.json().getString("rule")).isEqualTo("CLOSING_UNCHECKED_NEEDS_NOTE");
        TestServer.Reply file = send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "已立案"));
        assertThat(file.json().getString("rule")).isEqualTo("FILING_NEEDS_PRELIMINARY_CHECK");
        assertThat(ok(server.get("/api/v1/clues/" + id, token("town-jjw"))).getString("status")).as("nothing changed").isEqualTo("待初核");

        ok(send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "初核中")));
        JsonObject valued = ok(send("PATCH", "town-jjw-2", "/api/v1/clues/" + id, new JsonObject().put("value", "高").put("note", "账目有出入")));
        assertThat(valued.getString("value")).isEqualTo("高");
        assertThat(valued.getString("status")).isEqualTo("初核中");
        assertThat(ok(send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "已立案"))).getString("status"))
                .isEqualTo("已立案");
        assertThat(send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "初核中").put("note", "重新核查"))
                .json().getString("rule")).isEqualTo("FINAL_STATUS");
        TestServer.Reply badStatus = send("PATCH", "town-jjw", "/api/v1/clues/" + id, new JsonObject().put("status", "done"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().getString("message")).contains("status").contains("待初核|初核中|已立案|了结|暂存");

        // 待初核 → 了结 with a note is allowed (settled without a check, saying why).
        long other = ok(post("town-jjw", "/api/v1/clues", new JsonObject().put("source", new JsonObject().put("kind", "manual"))
                .put("summary", "同一会计报销重复发票").put("value", "中"))).getLong("id");
        assertThat(ok(send("PATCH", "town-jjw", "/api/v1/clues/" + other, new JsonObject().put("status", "了结").put("note", "已并入另案")))
                .getString("status")).isEqualTo("了结");

        JsonObject linked = ok(post("town-jjw", "/api/v1/clues/" + id + "/links", new JsonObject().put("clue", other).put("note", "同一会计")));
        assertThat(linked.getJsonArray("links").getJsonObject(0).getJsonObject("clue").getLong("id")).isEqualTo(other);
        assertThat(ok(server.get("/api/v1/clues/" + other, token("town-jjw"))).getJsonArray("links").getJsonObject(0)
                .getJsonObject("clue").getLong("id")).isEqualTo(id);
        assertThat(post("town-jjw", "/api/v1/clues/" + other + "/links", new JsonObject().put("clue", id)).json().getString("rule"))
                .isEqualTo("LINK_EXISTS");
        assertThat(post("town-jjw", "/api/v1/clues/" + id + "/links", new JsonObject().put("clue", id)).json().getString("rule"))
                .isEqualTo("LINK_TO_ITSELF");
        assertThat(ok(send("DELETE", "town-jjw", "/api/v1/clues/" + id + "/links/" + other, null)).getJsonArray("links")).isEmpty();

        JsonObject shown = ok(server.get("/api/v1/clues/" + id, token("town-jjw")));
        assertThat(shown.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("type")))
                .containsExactly("created", "status", "value", "status", "linked", "unlinked");
        assertThat(shown.getJsonArray("steps").getJsonObject(2).getString("note")).isEqualTo("账目有出入");
        assertThat(ok(server.get("/api/v1/clues?status=已立案", token("town-jjw"))).getJsonArray("clues").stream()
                .map(c -> ((JsonObject) c).getLong("id"))).contains(id).doesNotContain(other);
        assertThat(ok(server.get("/api/v1/clues?value=中&status=了结", token("town-jjw"))).getJsonArray("clues").stream()
                .map(c -> ((JsonObject) c).getLong("id"))).containsExactly(other);
        assertThat(server.get("/api/v1/clues?value=极高", token("town-jjw")).status()).isEqualTo(400);
        // created ×2, changed ×4 accepted + 3 refused, linked ×2, unlinked ×2
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type LIKE 'CLUE_%'") - before).isEqualTo(13);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'CLUE_CHANGED' AND outcome = 'refused'")).isGreaterThanOrEqualTo(3);

        // The county's office supervises the town's clues; another town's does not know them.
        assertThat(server.get("/api/v1/clues/" + id, token("county-jjw")).status()).isEqualTo(200);
        TestServer.Reply west = server.get("/api/v1/clues/" + id, token("west-jjw"));
        TestServer.Reply missing = server.get("/api/v1/clues/987654321", token("west-jjw"));
        assertThat(west.status()).isEqualTo(404);
        assertThat(west.body().replace("#" + id, "#?")).isEqualTo(missing.body().replace("#987654321", "#?"));
        assertThat(send("PATCH", "west-jjw", "/api/v1/clues/" + id, new JsonObject().put("note", "x")).status()).isEqualTo(404);
    }

    @Test
    void aClueOfARealNameReportIsItsOfficesAloneEveryoneElseMeetsA404() {
        long countyReport = register("cadre", VILLAGE, "villager", "镇纪委书记与包工头吃喝");
        routeTo(countyReport, "359901");
        long townReport = register("cadre", VILLAGE, "villager", "村支书截留征地补偿款");
        routeTo(townReport, "359901100");

        TestServer.Reply notTheirs = post("town-jjw", "/api/v1/clues", new JsonObject()
                .put("source", new JsonObject().put("kind", "ticket").put("ref", countyReport)).put("summary", "x").put("value", "高"));
        assertThat(notTheirs.status()).as("the town office does not know the county's report").isEqualTo(400);

        JsonObject countyClue = ok(post("county-jjw", "/api/v1/clues", new JsonObject()
                .put("source", new JsonObject().put("kind", "ticket").put("ref", countyReport)).put("summary", "镇纪委书记违规吃喝").put("value", "高")));
        assertThat(countyClue.getBoolean("confidential")).isTrue();
        assertThat(countyClue.getString("office")).isEqualTo("359901");
        long countyId = countyClue.getLong("id");
        JsonObject townClue = ok(post("town-jjw", "/api/v1/clues", new JsonObject()
                .put("source", new JsonObject().put("kind", "ticket").put("ref", townReport)).put("summary", "截留补偿款").put("value", "中")));
        assertThat(townClue.getBoolean("confidential")).isTrue();
        assertThat(townClue.getString("office")).as("inherits the report's office").isEqualTo("359901100");
        long townId = townClue.getLong("id");

        for (String[] pair : new String[][] {{"town-jjw", Long.toString(countyId)}, {"town-jjw-2", Long.toString(countyId)},
                {"west-jjw", Long.toString(countyId)}, {"county-jjw", Long.toString(townId)}, {"west-jjw", Long.toString(townId)}}) {
            TestServer.Reply hidden = server.get("/api/v1/clues/" + pair[1], token(pair[0]));
            TestServer.Reply missing = server.get("/api/v1/clues/987654321", token(pair[0]));
            assertThat(hidden.status()).as(pair[0] + " on " + pair[1]).isEqualTo(404);
            assertThat(hidden.body().replace("#" + pair[1], "#?")).isEqualTo(missing.body().replace("#987654321", "#?"));
            assertThat(send("PATCH", pair[0], "/api/v1/clues/" + pair[1], new JsonObject().put("status", "初核中")).status()).isEqualTo(404);
            assertThat(ok(server.get("/api/v1/clues?limit=200", token(pair[0]))).getJsonArray("clues").stream()
                    .map(c -> ((JsonObject) c).getLong("id"))).doesNotContain(Long.parseLong(pair[1]));
        }
        TestServer.Reply crossLink = post("county-jjw", "/api/v1/clues/" + countyId + "/links", new JsonObject().put("clue", townId));
        assertThat(crossLink.status()).isEqualTo(404);
        assertThat(ok(server.get("/api/v1/clues/" + countyId, token("county-jjw"))).getString("summary")).isEqualTo("镇纪委书记违规吃喝");
        assertThat(ok(server.get("/api/v1/clues/" + townId, token("town-jjw-2"))).getString("summary")).isEqualTo("截留补偿款");
        for (String who : NOT_DISCIPLINE) {
            assertThat(server.get("/api/v1/clues/" + countyId, token(who)).status()).as(who).isEqualTo(403);
        }
    }

    @Test
    void everyoneButADisciplineOfficerOfTheScopeIsRefused() {
        for (String who : NOT_DISCIPLINE) {
            List<TestServer.Reply> replies = List.of(server.get("/api/v1/patrol/queue", token(who)),
                    post(who, "/api/v1/patrol/reviews", new JsonObject().put("items", new JsonArray().add(item("new_ticket", 1)))),
                    server.get("/api/v1/patrol/log", token(who)),
                    server.get("/api/v1/clues", token(who)),
                    post(who, "/api/v1/clues", new JsonObject().put("source", new JsonObject().put("kind", "manual"))
                            .put("summary", "x").put("value", "高")),
                    server.get("/api/v1/clues/1", token(who)),
                    send("PATCH", who, "/api/v1/clues/1", new JsonObject().put("status", "初核中")));
            replies.forEach(r -> {
                assertThat(r.status()).as(who + ": " + r.body()).isEqualTo(403);
                assertThat(r.json().getString("error")).isEqualTo("forbidden");
            });
        }
        assertThat(server.get("/api/v1/patrol/queue", null).status()).isEqualTo(401);
        for (String scope : List.of("359901", "359901101", "3599", "359902100")) {
            TestServer.Reply outside = server.get("/api/v1/patrol/queue?scope=" + scope, token("town-jjw"));
            assertThat(outside.status()).as(scope).isEqualTo(403);
            assertThat(outside.json().getString("error")).isEqualTo("out_of_scope");
            assertThat(server.get("/api/v1/patrol/log?scope=" + scope, token("town-jjw")).status()).isEqualTo(403);
        }
        assertThat(queue("county-jjw", "?scope=359901100").getString("scope")).isEqualTo("359901100");
        assertThat(queue("town-jjw", "?scope=" + VILLAGE).getString("scope")).isEqualTo(VILLAGE);
        assertThat(server.get("/api/v1/patrol/queue?scope=35990", token("town-jjw")).json().getString("message")).contains("scope");
        assertThat(server.get("/api/v1/patrol/queue?date=2026/03/02", token("town-jjw")).json().getString("message")).contains("date");
        assertThat(server.get("/api/v1/patrol/queue?date=2099-01-01", token("town-jjw")).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/patrol/queue?limit=0", token("town-jjw")).status()).isEqualTo(400);
    }

    /** A mini-program report whose words the content check left for review. */
    private static long heldReport(String content) {
        long no = ok(post("cadre", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", content)
                .put("complainantId", IDS.get("villager")))).getLong("no");
        jdbc("INSERT INTO content_check (ticket_no, verdict, checked_at, attempts, created_at) VALUES (" + no
                + ", 'REVIEW', '2026-03-02 00:30:00', 1, '2026-03-02 00:30:00')");
        return no;
    }

    private static String text(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestServer.Reply verdict(String who, String ref, String verdict, String reason) {
        return post(who, "/api/v1/patrol/held/" + ref + "/verdict", new JsonObject().put("verdict", verdict).put("reason", reason));
    }

    @Test
    void heldReportsWaitInTheQueueOfTheirOfficesUntilOneVerdictReleasesOrRefusesThem() {
        long released = heldReport("村主任把低保名额给了自家亲戚王某某");
        long refused = heldReport("某某干部家住几号楼电话多少大家去找他");
        String releasedRef = "report-" + released;
        String refusedRef = "report-" + refused;

        Map<String, JsonObject> town = items(queue("town-jjw", ""));
        assertThat(town).containsKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
        JsonObject item = town.get("held_content:" + releasedRef);
        assertThat(item.getString("kind")).isEqualTo("held_content");
        assertThat(item.getLong("ticketNo")).isEqualTo(released);
        assertThat(item.getString("summary")).contains("待审内容", "工单简报", "村主任把低保名额给了自家亲戚王某某");
        assertThat(items(queue("county-jjw", ""))).as("the county's office patrols the same village").containsKey("held_content:" + releasedRef);
        assertThat(items(queue("west-jjw", ""))).as("another town's office").doesNotContainKey("held_content:" + releasedRef);

        JsonObject shown = ok(server.get("/api/v1/patrol/held/" + releasedRef, token("town-jjw")));
        assertThat(shown.getString("text")).isEqualTo("村主任把低保名额给了自家亲戚王某某");
        assertThat(shown.getString("state")).isEqualTo("待审");
        assertThat(shown.getString("where")).contains("工单简报");

        for (String who : List.of("villager", "cadre", "town")) {
            assertThat(verdict(who, releasedRef, "放行", "无不当言论").status()).as(who).isEqualTo(403);
            assertThat(server.get("/api/v1/patrol/held/" + releasedRef, token(who)).status()).as(who).isEqualTo(403);
        }
        TestServer.Reply otherScope = verdict("west-jjw", releasedRef, "放行", "无不当言论");
        assertThat(otherScope.status()).as(otherScope.body()).isEqualTo(404);
        assertThat(otherScope.json().getString("message")).contains(releasedRef);
        assertThat(server.get("/api/v1/patrol/held/" + releasedRef, token("west-jjw")).status()).isEqualTo(404);
        assertThat(verdict("town-jjw", "report-999999", "放行", "无不当言论").status()).as("no such report").isEqualTo(404);
        assertThat(verdict("town-jjw", "ticket-1", "放行", "无不当言论").status()).as("not a held ref").isEqualTo(404);
        TestServer.Reply badWord = verdict("town-jjw", releasedRef, "通过", "无不当言论");
        assertThat(badWord.status()).isEqualTo(400);
        assertThat(badWord.json().getString("message")).contains("放行", "不予显示");
        TestServer.Reply noReason = post("town-jjw", "/api/v1/patrol/held/" + releasedRef + "/verdict", new JsonObject().put("verdict", "放行"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().getString("message")).contains("理由");
        TestServer.Reply onlyRead = post("town-jjw", "/api/v1/patrol/reviews", new JsonObject()
                .put("items", new JsonArray().add(new JsonObject().put("kind", "held_content").put("ref", releasedRef))));
        assertThat(onlyRead.status()).as("已阅 is no verdict").isEqualTo(409);
        assertThat(onlyRead.json().getString("rule")).isEqualTo("NEEDS_VERDICT");

        JsonObject decided = ok(verdict("town-jjw", releasedRef, "放行", "反映的是事实，无不当言论"));
        assertThat(decided.getString("state")).isEqualTo("已放行");
        assertThat(decided.getJsonObject("verdict").getString("reason")).isEqualTo("反映的是事实，无不当言论");
        assertThat(decided.getJsonObject("verdict").getJsonObject("officer").getLong("id")).isEqualTo(IDS.get("town-jjw"));
        assertThat(ok(verdict("county-jjw", refusedRef, "不予显示", "含他人住址电话")).getString("state")).isEqualTo("不予显示");

        TestServer.Reply again = verdict("county-jjw", releasedRef, "不予显示", "改变主意");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().getString("state")).isEqualTo("已放行");
        assertThat(verdict("town-jjw", refusedRef, "放行", "再看看").status()).isEqualTo(409);

        assertThat(items(queue("town-jjw", ""))).doesNotContainKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
        assertThat(items(queue("county-jjw", ""))).doesNotContainKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
        // What the village digest asks of the words (ShownWords): released ones show, refused ones never.
        assertThat(ShownWords.mayShowToOthers(text("SELECT verdict FROM content_check WHERE ticket_no = " + released))).isTrue();
        assertThat(ShownWords.mayShowToOthers(text("SELECT verdict FROM content_check WHERE ticket_no = " + refused))).isFalse();
        assertThat(text("SELECT detail FROM audit_event WHERE type = 'CONTENT_RELEASED' AND detail LIKE '%" + releasedRef + "%'"))
                .contains(releasedRef, "放行", "反映的是事实，无不当言论");
        assertThat(text("SELECT actor FROM audit_event WHERE type = 'CONTENT_REFUSED' AND detail LIKE '%" + refusedRef + "%'")).contains("清源县纪委");
    }

    @Test
    void aReleasedPollCommentShowsToVotersAndARefusedOneNever() {
        long poll = ok(post("town", "/api/v1/polls", new JsonObject().put("question", "村道硬化先修哪一段？").put("kind", "single")
                .put("options", new JsonArray().add("东段").add("西段")).put("commentAllowed", true).put("scopeCode", "359901100")
                .put("opensAt", "2026-03-02T08:00:00+08:00").put("closesAt", "2026-03-09T18:00:00+08:00").put("resultsShown", "live"))).getLong("id");
        Polls polls = new Polls(db.database(), CLOCK);
        Polls.Voter release = new Polls.Voter(701, Optional.of(VILLAGE));
        Polls.Voter refuse = new Polls.Voter(702, Optional.of(VILLAGE));
        assertThat(polls.vote(release, poll, List.of(1), "东段坑多，雨天孩子上学难走", CommentVerdict.REVIEW)).isInstanceOf(PollOutcome.Done.class);
        assertThat(polls.vote(refuse, poll, List.of(2), "西段是某某家门口，他收了钱", CommentVerdict.REVIEW)).isInstanceOf(PollOutcome.Done.class);
        assertThat(comments(polls, release, poll)).as("held back while in review").isEmpty();

        String releaseRef = "comment-" + poll + "-701";
        String refuseRef = "comment-" + poll + "-702";
        JsonObject item = items(queue("town-jjw", "")).get("held_content:" + releaseRef);
        assertThat(item).isNotNull();
        assertThat(item.getString("summary")).contains("民意调查「村道硬化先修哪一段？」的留言", "东段坑多");
        assertThat(items(queue("town-jjw", ""))).containsKey("held_content:" + refuseRef);

        assertThat(ok(verdict("town-jjw", releaseRef, "放行", "说的是路况")).getString("state")).isEqualTo("已放行");
        assertThat(ok(verdict("town-jjw", refuseRef, "不予显示", "指名道姓未经核实")).getString("state")).isEqualTo("不予显示");
        assertThat(verdict("county-jjw", releaseRef, "放行", "说的是路况").status()).isEqualTo(409);

        assertThat(comments(polls, release, poll)).containsExactly("东段坑多，雨天孩子上学难走");
        assertThat(items(queue("town-jjw", ""))).doesNotContainKeys("held_content:" + releaseRef, "held_content:" + refuseRef);
        assertThat(text("SELECT detail FROM audit_event WHERE type = 'CONTENT_REFUSED' AND detail LIKE '%" + refuseRef + "%'"))
                .contains("不予显示", "指名道姓未经核实");
    }

    /** The comments a voter reads under the poll's results. */
    private static List<String> comments(Polls polls, Polls.Voter voter, long poll) {
        return polls.forVoter(voter, poll).flatMap(Polls.VoterView::results).map(PollResults::comments).orElseThrow()
                .stream().map(PollResults.Comment::text).toList();
    }
}
