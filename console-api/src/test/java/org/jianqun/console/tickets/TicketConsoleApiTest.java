package org.jianqun.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The officers' ticket console over real HTTP, on the real database and Redis (MariaDB and Redis in
 * CI): the lifecycle, every refusal's shape, scope, and the form checks. The clock stands still at
 * Monday 2026-03-02 09:00 (+08:00), so every deadline below is exact.
 */
class TicketConsoleApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE_A = "359901100201";
    private static final String VILLAGE_B = "359901100202";
    private static final String VILLAGE_X = "359902100201";
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
        regions.addAll(List.of("359902,另一县,county,3599", "359902100,西山镇,town,359902", VILLAGE_X + ",西山村,village,359902100"));
        assertThat(core.importer().importCsv(ImportKind.REGIONS, csv(regions.toArray(String[]::new)), null))
                .isInstanceOf(ImportOutcome.Applied.class);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE_A, null, null, "cadre-a", hash),
                new Person(null, "上洋村干部", Role.VILLAGE_CADRE, VILLAGE_B, null, null, "cadre-b", hash),
                new Person(null, "西山村干部", Role.VILLAGE_CADRE, VILLAGE_X, null, null, "cadre-x", hash),
                new Person(null, "东岭村民甲", Role.VILLAGER, VILLAGE_A, null, null, "villager-a", hash),
                new Person(null, "东岭村民乙", Role.VILLAGER, VILLAGE_A, null, null, "villager-a2", hash),
                new Person(null, "西山村民", Role.VILLAGER, VILLAGE_X, null, null, "villager-x", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash),
                new Person(null, "清源县办事员", Role.COUNTY_OFFICER, "359901", null, null, "county", hash),
                new Person(null, "示范市办事员", Role.CITY_OFFICER, "3599", null, null, "city", hash),
                new Person(null, "另一县办事员", Role.COUNTY_OFFICER, "359902", null, null, "other-county", hash),
                new Person(null, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw", hash),
                new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, CLOCK.instant()));
            people.forEach(p -> IDS.put(p.username(), mapper.findByUsername(p.username()).id()));
            return null;
        });
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, new RecordedChatSide()))));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    private static String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            TestServer.Reply reply = server.post("/api/v1/auth/login", null, "application/json",
                    new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json().getString("token");
        });
    }

    private static TestServer.Reply post(String who, String path, JsonObject body) {
        return server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer.Reply postRaw(String who, String path, String body) {
        return server.post(path, token(who), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer.Reply get(String who, String path) {
        return server.get(path, token(who));
    }

    private static JsonObject ok(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** A cadre of village A registers a complaint for villager A; returns its number. */
    private static long registerForVillagerA(String content) {
        return ok(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", content)
                .put("complainantId", IDS.get("villager-a")))).getLong("no");
    }

    private static void assertRefused(TestServer.Reply reply, String rule, String... messageParts) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        JsonObject body = reply.json();
        assertThat(body.getString("error")).isEqualTo("refused");
        assertThat(body.getString("rule")).isEqualTo(rule);
        assertThat(body.getString("message")).contains(messageParts);
    }

    private static void assertNotFound(TestServer.Reply reply, long no) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("error", "not_found").put("message", "没有找到工单 #" + no + "（或不在你的范围内）"));
    }

    /** The ticket as its own cadre sees it, minus the trail (which refusals do lengthen). */
    private static JsonObject withoutTrail(long no) {
        JsonObject json = ok(get("town-jjw", "/api/v1/tickets/" + no));
        json.remove("events");
        return json;
    }

    private static List<String> eventTypes(JsonObject ticket) {
        return ticket.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).collect(Collectors.toList());
    }

    private static long auditRows(String whereDetailStartsWith) {
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE outcome = 'refused' AND detail LIKE ?")) {
            ps.setString(1, whereDetailStartsWith + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void registerClaimResolveAndASatisfiedRatingCloseTheTicket() {
        JsonObject registered = ok(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("complainantId", IDS.get("villager-a")).put("content", "村口路灯坏了三个月，晚上出行不安全")));
        long no = registered.getLong("no");
        assertThat(registered.getString("state")).isEqualTo("open");
        assertThat(registered.getString("level")).isEqualTo("village");
        assertThat(registered.getString("villageCode")).isEqualTo(VILLAGE_A);
        assertThat(registered.getString("tier")).isEqualTo("一般");
        // Registered Monday 09:00: one working day to claim, counted from Tuesday, so the end of Tuesday.
        assertThat(registered.getString("deadline")).isEqualTo("2026-03-04T00:00:00+08:00");
        assertThat(registered.getString("warning")).isEqualTo("none");
        assertThat(registered.getValue("handler")).isNull();
        assertThat(registered.getBoolean("confidential")).isFalse();
        assertThat(registered.getString("content")).isEqualTo("村口路灯坏了三个月，晚上出行不安全");
        assertThat(eventTypes(registered)).containsExactly("registered");

        JsonObject claimed = ok(post("cadre-a", "/api/v1/tickets/" + no + "/claim", new JsonObject()));
        assertThat(claimed.getString("state")).isEqualTo("claimed");
        assertThat(claimed.getString("handler")).isEqualTo("东岭村干部");
        // 一般: three working days from arrival (Tue, Wed, Thu): the end of Thursday.
        assertThat(claimed.getString("deadline")).isEqualTo("2026-03-06T00:00:00+08:00");

        JsonObject resolved = ok(post("cadre-a", "/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已更换路灯并通电测试")));
        assertThat(resolved.getString("state")).isEqualTo("resolved");
        assertThat(resolved.getValue("deadline")).isNull();
        assertThat(resolved.getString("resolution")).isEqualTo("已更换路灯并通电测试");

        // The villager may rate but not read the console: the answer carries the step just taken.
        JsonObject rated = ok(post("villager-a", "/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "满意")));
        assertThat(rated.getString("state")).isEqualTo("closed");
        assertThat(rated.getString("ending")).isEqualTo("satisfied");
        assertThat(eventTypes(rated)).containsExactly("closed");

        JsonObject closed = ok(get("cadre-a", "/api/v1/tickets/" + no));
        assertThat(closed.getString("state")).isEqualTo("closed");
        assertThat(closed.getInteger("complainants")).isEqualTo(1);
        assertThat(closed.getString("handler")).isEqualTo("东岭村干部");
        assertThat(eventTypes(closed)).containsExactly("registered", "claimed", "resolved", "closed");
        JsonObject last = closed.getJsonArray("events").getJsonObject(3);
        assertThat(last.getString("channel")).isEqualTo("console");
        assertThat(last.getString("actor")).contains("东岭村民甲");
        assertThat(last.getString("detail")).contains("满意");
        assertThat(last.getString("at")).isEqualTo("2026-03-02T09:00:00+08:00");
        assertThat(closed.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("outcome"))).containsOnly("accepted");
    }

    @Test
    void refusalsNameTheirRuleChangeNothingAndAreAudited() {
        long no = registerForVillagerA("村委会账目三年没有公开");
        JsonObject before = withoutTrail(no);

        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已处理")),
                "STATE_ALLOWS_COMMAND", "待认领", "不能办结");
        assertRefused(post("town", "/api/v1/tickets/" + no + "/claim", new JsonObject()),
                "ROLE_FITS_TICKET_LEVEL", "村级");
        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/tier", new JsonObject().put("tier", "紧急")),
                "KNOWN_TIER_WORD", "紧急", "一般、特殊、复杂");
        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/reject", new JsonObject().put("reason", "不属于平台受理范围")),
                "ROLE_FITS_TICKET_LEVEL", "村干部");
        // Outside the caller's scope the ticket does not exist, for reading and for acting alike.
        assertNotFound(post("cadre-b", "/api/v1/tickets/" + no + "/claim", new JsonObject()), no);
        assertNotFound(get("cadre-b", "/api/v1/tickets/" + no), no);
        assertNotFound(get("other-county", "/api/v1/tickets/" + no), no);
        assertNotFound(post("other-county", "/api/v1/tickets/" + no + "/urge", new JsonObject()), no);
        assertNotFound(get("town", "/api/v1/tickets/987654321"), 987654321);
        assertNotFound(post("town", "/api/v1/tickets/987654321/claim", new JsonObject()), 987654321);
        assertRefused(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_B).put("content", "上洋村的事")),
                "ACTOR_IN_SCOPE", VILLAGE_B, "不在你的范围内");

        assertThat(withoutTrail(no)).as("nothing changed").isEqualTo(before);
        JsonArray events = ok(get("cadre-a", "/api/v1/tickets/" + no)).getJsonArray("events");
        List<String> refused = events.stream().map(e -> (JsonObject) e).filter(e -> e.getString("outcome").equals("refused"))
                .map(e -> e.getString("type") + ":" + e.getString("detail").split("：")[0]).collect(Collectors.toList());
        assertThat(refused).containsExactly("resolve:STATE_ALLOWS_COMMAND", "claim:ROLE_FITS_TICKET_LEVEL",
                "set_tier:KNOWN_TIER_WORD", "reject:ROLE_FITS_TICKET_LEVEL");
        // Not-found refusals name no ticket (the caller must not learn it exists) but are audited all the same.
        assertThat(auditRows("TICKET_EXISTS：没有找到工单 #" + no + "（")).isEqualTo(2);

        ok(post("cadre-a", "/api/v1/tickets/" + no + "/claim", new JsonObject()));
        ok(post("cadre-a", "/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已张榜公开近三年账目")));
        JsonObject resolved = withoutTrail(no);
        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "满意")),
                "ONLY_COMPLAINANT_RATES", "只有反映人可以评价");
        assertRefused(post("villager-a", "/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "还行")),
                "KNOWN_RATING_WORD", "满意、基本满意、不满意");
        assertThat(withoutTrail(no)).isEqualTo(resolved);

        ok(post("villager-a", "/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "基本满意")));
        JsonObject closed = withoutTrail(no);
        assertThat(closed.getString("state")).isEqualTo("closed");
        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "群众仍有意见")),
                "STATE_ALLOWS_COMMAND", "已结案", "不能上报");
        assertThat(withoutTrail(no)).isEqualTo(closed);
    }

    @Test
    void aTicketClimbsToTheCityAndNoFurther() {
        long no = registerForVillagerA("河道采砂场夜间偷采，村里管不了");
        JsonObject atTown = ok(post("cadre-a", "/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "超出村级权限")));
        assertThat(atTown.getString("level")).isEqualTo("town");
        assertThat(atTown.getString("state")).isEqualTo("open");
        assertRefused(post("cadre-a", "/api/v1/tickets/" + no + "/claim", new JsonObject()), "ROLE_FITS_TICKET_LEVEL", "镇级");
        assertThat(ok(post("town", "/api/v1/tickets/" + no + "/tier", new JsonObject().put("tier", "复杂"))).getString("tier")).isEqualTo("复杂");
        assertThat(ok(post("town", "/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "涉及跨镇河道"))).getString("level"))
                .isEqualTo("county");
        assertThat(ok(post("county", "/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "涉及跨县河道"))).getString("level"))
                .isEqualTo("city");
        JsonObject atCity = ok(post("city", "/api/v1/tickets/" + no + "/claim", new JsonObject()));
        assertThat(atCity.getString("handler")).isEqualTo("示范市办事员");
        JsonObject before = withoutTrail(no);
        assertRefused(post("city", "/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "还想上报")),
                "CITY_IS_TOP", "已在市级");
        assertThat(withoutTrail(no)).isEqualTo(before);
        assertThat(eventTypes(ok(get("city", "/api/v1/tickets/" + no))))
                .containsExactly("registered", "escalated", "claim", "tier_set", "escalated", "escalated", "claimed", "escalate");
    }

    /** The complainant is a person of the ticket's village, or the one registering: nobody else can be named. */
    @Test
    void onlyAPersonOfTheVillageOrTheCallerIsTheComplainant() {
        for (String other : List.of("villager-x", "admin", "town", "cadre-b")) {
            assertRefused(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                    .put("complainantId", IDS.get(other)).put("content", "以别人的名义反映：" + other)), "COMPLAINANT_OF_VILLAGE", "本村", "本人");
        }
        assertRefused(post("county", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("complainantId", IDS.get("villager-x")).put("content", "县里替外县村民登记")), "COMPLAINANT_OF_VILLAGE", "本村");
        JsonObject forVillager = ok(post("county", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("complainantId", IDS.get("villager-a2")).put("content", "县里替本村村民登记：水渠堵塞")));
        assertThat(forVillager.getString("villageCode")).isEqualTo(VILLAGE_A);
        JsonObject forHimself = ok(post("town", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("content", "镇办事员自己发现：村道塌方")));
        assertThat(forHimself.getString("villageCode")).isEqualTo(VILLAGE_A);
    }

    @Test
    void duplicatesAreFlaggedMergedAndRejectedByTheRightPeople() {
        // Villagers with a login register for themselves; they may act but not read the console.
        JsonObject first = ok(post("villager-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("content", "自来水停水两天了，一直没人来修")));
        JsonObject second = ok(post("villager-a2", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("content", "自来水停水两天了一直没人来修！")));
        long one = first.getLong("no");
        long two = second.getLong("no");
        assertThat(second.getLong("possibleDuplicateOf")).isEqualTo(one);
        assertRefused(post("villager-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)
                .put("complainantId", IDS.get("villager-a2")).put("content", "替邻居反映：水管漏水")), "VILLAGERS_REPORT_FOR_THEMSELVES", "群众只能反映自己的问题");

        JsonObject urged = ok(post("villager-a2", "/api/v1/tickets/" + two + "/urge", new JsonObject()));
        assertThat(urged.getJsonObject("counts").getInteger("urged")).isEqualTo(1);

        JsonObject merged = ok(post("cadre-a", "/api/v1/tickets/" + two + "/merge", new JsonObject().put("into", one)));
        assertThat(merged.getString("state")).isEqualTo("merged");
        assertThat(merged.getLong("mergedInto")).isEqualTo(one);
        assertThat(ok(get("cadre-a", "/api/v1/tickets/" + one)).getInteger("complainants")).isEqualTo(2);
        assertRefused(post("cadre-a", "/api/v1/tickets/" + one + "/merge", new JsonObject().put("into", one)), "MERGE_TARGET_VALID", "自身");

        assertRefused(post("town", "/api/v1/tickets/" + one + "/reject", new JsonObject().put("reason", "已由水务公司处理")),
                "ROLE_FITS_TICKET_LEVEL", "村级");
        JsonObject rejected = ok(post("town-jjw", "/api/v1/tickets/" + one + "/reject", new JsonObject().put("reason", "属供水公司服务范围，已转办")));
        assertThat(rejected.getString("state")).isEqualTo("rejected");
        assertThat(rejected.getString("endingDetail")).isEqualTo("属供水公司服务范围，已转办");
    }

    @Test
    void theListShowsOnlyTheCallersScopeNewestFirstInPages() {
        long a = registerForVillagerA("东岭村：垃圾清运不及时，气味很大");
        long b = ok(post("cadre-b", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_B).put("content", "上洋村：桥面护栏松动"))).getLong("no");
        long x = ok(post("cadre-x", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_X).put("content", "西山村：低保名单有疑问"))).getLong("no");

        assertThat(listed("cadre-a", "")).contains(a).doesNotContain(b, x);
        assertThat(villagesListed("cadre-a", "")).containsOnly(VILLAGE_A);
        assertThat(listed("town", "")).contains(a, b).doesNotContain(x);
        assertThat(listed("county", "")).contains(a, b).doesNotContain(x);
        assertThat(listed("other-county", "")).containsExactly(x);
        assertThat(listed("city", "")).contains(a, b, x);
        assertThat(villagesListed("town", "?village=" + VILLAGE_B)).containsOnly(VILLAGE_B);
        assertThat(listed("town", "?village=" + VILLAGE_B)).contains(b);
        assertThat(listed("town", "?village=359901100000")).as("the town, in its 12-digit form").contains(a, b);
        assertThat(listed("city", "?village=359901000000")).as("the county, in its 12-digit form").contains(a, b).doesNotContain(x);
        assertThat(get("town", "/api/v1/tickets?village=35990110").json().getString("message")).contains("参数 'village'", "350521100000");
        assertThat(listed("cadre-a", "?village=" + VILLAGE_B)).as("a filter outside the scope finds nothing").isEmpty();
        assertThat(listed("other-county", "?village=" + VILLAGE_A)).isEmpty();

        ok(post("cadre-b", "/api/v1/tickets/" + b + "/escalate", new JsonObject().put("reason", "需镇里协调")));
        assertThat(listed("town", "?level=town&state=open")).contains(b).doesNotContain(a);
        assertThat(listed("town", "?level=village")).contains(a).doesNotContain(b);
        JsonObject row = ok(get("town", "/api/v1/tickets?level=town")).getJsonArray("tickets").stream().map(t -> (JsonObject) t)
                .filter(t -> t.getLong("no") == b).findFirst().orElseThrow();
        assertThat(row.getString("level")).isEqualTo("town");
        assertThat(row.containsKey("events")).isFalse();
        assertThat(row.getString("deadline")).endsWith("+08:00");

        List<Long> all = listed("town", "");
        assertThat(all).isSortedAccordingTo((p, q) -> Long.compare(q, p)).hasSizeGreaterThanOrEqualTo(3);
        JsonObject page1 = ok(get("town", "/api/v1/tickets?limit=2"));
        assertThat(page1.getLong("next")).isEqualTo(all.get(1));
        JsonObject page2 = ok(get("town", "/api/v1/tickets?limit=2&before=" + page1.getLong("next")));
        assertThat(numbers(page2)).containsExactlyElementsOf(all.subList(2, Math.min(4, all.size())));
        JsonObject everything = ok(get("town", "/api/v1/tickets?limit=200"));
        assertThat(everything.getValue("next")).as("the last page has no next").isNull();

        TestServer.Reply admin = get("admin", "/api/v1/tickets");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().getString("error")).isEqualTo("forbidden");
        assertThat(get("villager-a", "/api/v1/tickets").status()).isEqualTo(403);
        assertThat(server.get("/api/v1/tickets", null).status()).isEqualTo(401);
    }

    @Test
    void confidentialTicketsStayOutOfOfficersListsAndViewsWithoutShorteningPages() {
        long older = registerForVillagerA("村道硬化工程质量差，刚修好就开裂");
        long secret = registerForVillagerA("实名举报：村干部虚报冒领危房改造补贴");
        long newer = registerForVillagerA("村卫生室经常白天关门");
        // Real-name reports arrive through the mini-program; until that exists the flag is set by hand.
        jdbc("UPDATE ticket SET confidential = TRUE WHERE no = " + secret);

        assertNotFound(get("town", "/api/v1/tickets/" + secret), secret);
        assertThat(listed("town", "")).contains(older, newer).doesNotContain(secret);
        JsonObject seen = ok(get("town-jjw", "/api/v1/tickets/" + secret));
        assertThat(seen.getBoolean("confidential")).isTrue();
        assertThat(listed("town-jjw", "")).contains(older, secret, newer);

        // A page of one just above the confidential ticket still knows the older one follows it.
        JsonObject page = ok(get("town", "/api/v1/tickets?village=" + VILLAGE_A + "&limit=1&before=" + (newer + 1)));
        assertThat(numbers(page)).containsExactly(newer);
        assertThat(page.getLong("next")).isEqualTo(newer);
        assertThat(numbers(ok(get("town", "/api/v1/tickets?village=" + VILLAGE_A + "&limit=1&before=" + newer)))).containsExactly(older);
    }

    private static void jdbc(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> numbers(JsonObject page) {
        return page.getJsonArray("tickets").stream().map(t -> ((JsonObject) t).getLong("no")).collect(Collectors.toList());
    }

    private static List<Long> listed(String who, String query) {
        return numbers(ok(get(who, "/api/v1/tickets" + (query.isEmpty() ? "?limit=200" : query + "&limit=200"))));
    }

    private static List<String> villagesListed(String who, String query) {
        return ok(get(who, "/api/v1/tickets" + (query.isEmpty() ? "?limit=200" : query + "&limit=200"))).getJsonArray("tickets").stream()
                .map(t -> ((JsonObject) t).getString("villageCode")).collect(Collectors.toList());
    }

    @Test
    void malformedRequestsAre400sNamingTheFieldOrParameter() {
        assertBad(get("town", "/api/v1/tickets?state=done"), "'state'", "open|claimed|resolved|closed|merged|rejected");
        assertBad(get("town", "/api/v1/tickets?state=OPEN"), "'state'");
        assertBad(get("town", "/api/v1/tickets?level=province"), "'level'", "village|town|county|city");
        assertBad(get("town", "/api/v1/tickets?limit=0"), "'limit'", "1 到 200");
        assertBad(get("town", "/api/v1/tickets?limit=201"), "'limit'");
        assertBad(get("town", "/api/v1/tickets?limit=ten"), "'limit'");
        assertBad(get("town", "/api/v1/tickets?before=-3"), "'before'");
        assertBad(get("town", "/api/v1/tickets?village=35990110020%25"), "'village'");
        assertBad(get("town", "/api/v1/tickets/abc"), "不是工单编号");

        assertBad(postRaw("cadre-a", "/api/v1/tickets", "{\"villageCode\":"), "不是有效的 JSON");
        assertBad(postRaw("cadre-a", "/api/v1/tickets", "[1,2]"), "JSON 对象");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A)), "'content'", "必须填写");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", "   ")), "'content'");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", 42)), "'content'", "字符串");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", "长".repeat(2001))),
                "'content'", "2000");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", 359901100201L).put("content", "x")), "'villageCode'");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", "x").put("complainantId", "7")),
                "'complainantId'");
        assertBad(post("cadre-a", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE_A).put("content", "x").put("complainantId", 99999999)),
                "'complainantId'", "没有编号为");

        long no = registerForVillagerA("广场健身器材损坏");
        String t = "/api/v1/tickets/" + no;
        assertBad(post("cadre-a", t + "/resolve", new JsonObject()), "'result'");
        assertBad(post("cadre-a", t + "/escalate", new JsonObject().put("reason", "理".repeat(1001))), "'reason'", "1000");
        assertBad(post("cadre-a", t + "/tier", new JsonObject().put("tier", 3)), "'tier'");
        assertBad(post("cadre-a", t + "/rate", new JsonObject().put("rating", List.of("满意"))), "'rating'");
        assertBad(post("cadre-a", t + "/merge", new JsonObject().put("into", String.valueOf(no - 1))), "'into'");
        assertBad(post("cadre-a", t + "/merge", new JsonObject().put("into", 1.5)), "'into'");
        assertBad(post("cadre-a", t + "/reject", new JsonObject()), "'reason'");
        assertBad(postRaw("cadre-a", t + "/claim", "not json"), "不是有效的 JSON");
        assertThat(withoutTrail(no).getString("state")).as("none of that reached the ticket").isEqualTo("open");

        assertThat(server.rawPost("/api/v1/tickets", token("cadre-a"), "application/json", 70_000, 70_000)).startsWith("HTTP/1.1 413").contains("payload_too_large");
        assertThat(server.post(t + "/claim", null, "application/json", new byte[0]).status()).isEqualTo(401);

        // An unknown village is the desk's refusal, not a form error: the code is well-formed.
        assertRefused(post("town", "/api/v1/tickets", new JsonObject().put("villageCode", "359901100299").put("content", "路面塌陷")),
                "VALID_COMPLAINT", "359901100299");
    }

    private static void assertBad(TestServer.Reply reply, String... messageParts) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getString("error")).isEqualTo("bad_request");
        assertThat(reply.json().getString("message")).contains(messageParts);
    }
}
