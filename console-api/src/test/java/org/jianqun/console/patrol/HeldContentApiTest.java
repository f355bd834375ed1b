package org.jianqun.console.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.RecordedChatSide;
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
 * 待审内容 over HTTP (issue 12: "review waits for an officer"): a mini-program report's words and a poll comment the
 * content check left for review are items of the patrol queue of the offices over their village; an officer releases
 * or refuses each once, audited; released text then shows where it was held back, refused never does. Reports are
 * made through the desk's routes and their check row written in SQL, as only the mini-program's content check writes it.
 */
class HeldContentApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    /** Monday 2026-03-02, 09:00 in Asia/Shanghai. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String OTHER_TOWN_VILLAGE = "359901101201";
    private static final String PASSWORD = "console-password";
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static final Map<String, Long> IDS = new HashMap<>();
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        List<String> regions = new ArrayList<>(List.of(REGIONS));
        regions.add("359901101,西岭镇,town,359901");
        regions.add(OTHER_TOWN_VILLAGE + ",西岭村,village,359901101");
        core.importer().importCsv(ImportKind.REGIONS, csv(regions.toArray(String[]::new)), null);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, null, null, "villager", hash),
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash),
                new Person(null, "清源县纪委", Role.DISCIPLINE_OFFICER, "359901", null, null, "county-jjw", hash),
                new Person(null, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw", hash),
                new Person(null, "西岭镇纪委", Role.DISCIPLINE_OFFICER, "359901101", null, null, "west-jjw", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, CLOCK.instant()));
            people.forEach(p -> IDS.put(p.username(), mapper.findByUsername(p.username()).id()));
            return null;
        });
        server = TestServer.start(List.of(new ConsoleApi(core, new RecordedChatSide())));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    private static synchronized String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> server.post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8)).json().getString("token"));
    }

    private static TestServer.Reply post(String who, String path, JsonObject body) {
        return server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject ok(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply.json();
    }

    /** A mini-program report whose words the content check left for review. */
    private static long heldReport(String content) {
        long no = ok(post("cadre", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", content)
                .put("complainantId", IDS.get("villager")))).getLong("no");
        jdbc("INSERT INTO content_check (ticket_no, verdict, checked_at, attempts, created_at) VALUES (" + no
                + ", 'REVIEW', '2026-03-02 00:30:00', 1, '2026-03-02 00:30:00')");
        return no;
    }

    private static void jdbc(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonObject> queueItems(String who) {
        Map<String, JsonObject> byKey = new HashMap<>();
        ok(server.get("/api/v1/patrol/queue", token(who))).getJsonArray("items").forEach(i -> byKey.put(((JsonObject) i).getString("key"), (JsonObject) i));
        return byKey;
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

        Map<String, JsonObject> town = queueItems("town-jjw");
        assertThat(town).containsKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
        JsonObject item = town.get("held_content:" + releasedRef);
        assertThat(item.getString("kind")).isEqualTo("held_content");
        assertThat(item.getLong("ticketNo")).isEqualTo(released);
        assertThat(item.getString("summary")).contains("待审内容", "工单简报", "村主任把低保名额给了自家亲戚王某某");
        assertThat(queueItems("county-jjw")).as("the county's office patrols the same village").containsKey("held_content:" + releasedRef);
        assertThat(queueItems("west-jjw")).as("another town's office").doesNotContainKey("held_content:" + releasedRef);

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

        assertThat(queueItems("town-jjw")).doesNotContainKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
        assertThat(queueItems("county-jjw")).doesNotContainKeys("held_content:" + releasedRef, "held_content:" + refusedRef);
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
        JsonObject item = queueItems("town-jjw").get("held_content:" + releaseRef);
        assertThat(item).isNotNull();
        assertThat(item.getString("summary")).contains("民意调查「村道硬化先修哪一段？」的留言", "东段坑多");
        assertThat(queueItems("town-jjw")).containsKey("held_content:" + refuseRef);

        assertThat(ok(verdict("town-jjw", releaseRef, "放行", "说的是路况")).getString("state")).isEqualTo("已放行");
        assertThat(ok(verdict("town-jjw", refuseRef, "不予显示", "指名道姓未经核实")).getString("state")).isEqualTo("不予显示");
        assertThat(verdict("county-jjw", releaseRef, "放行", "说的是路况").status()).isEqualTo(409);

        assertThat(comments(polls, release, poll)).containsExactly("东段坑多，雨天孩子上学难走");
        assertThat(queueItems("town-jjw")).doesNotContainKeys("held_content:" + releaseRef, "held_content:" + refuseRef);
        assertThat(text("SELECT detail FROM audit_event WHERE type = 'CONTENT_REFUSED' AND detail LIKE '%" + refuseRef + "%'"))
                .contains("不予显示", "指名道姓未经核实");
    }

    /** The comments a voter reads under the poll's results. */
    private static List<String> comments(Polls polls, Polls.Voter voter, long poll) {
        return polls.forVoter(voter, poll).flatMap(Polls.VoterView::results).map(PollResults::comments).orElseThrow()
                .stream().map(PollResults.Comment::text).toList();
    }
}
