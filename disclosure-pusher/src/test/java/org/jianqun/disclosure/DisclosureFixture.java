package org.jianqun.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.ClientAddress;
import org.jianqun.core.account.LoginResult;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.CsvFiles;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;

/**
 * Two towns of a county: 东岭村 and 上洋村 in 东岭镇, 西溪村 in 西溪镇; a bookkeeper per village, the town's
 * resident cadre (scoped to the town, as the demo assigns them), one of the other town, a village cadre;
 * two villagers' groups for 东岭村, one for 上洋村.
 */
final class DisclosureFixture implements AutoCloseable {
    static final String DONGLING = "359901100201";
    static final String SHANGYANG = "359901100202";
    static final String XIXI = "359901101201";
    static final String PASSWORD = "fixture-password";
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);

    final TestDatabase db;
    final RedisStore redis;
    final MutableClock clock;
    final CoreServices core;

    DisclosureFixture(Instant start, Map<String, String> env) {
        db = TestDatabase.fresh();
        redis = org.jianqun.core.testing.TestRedis.fresh();
        clock = new MutableClock(start);
        core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(env)), clock, db.database(), redis, HASHER);
        core.importer().importCsv(ImportKind.REGIONS, CsvFiles.csv("code,name,level,parent_code", "3599,示范市,city,", "359901,清源县,county,3599",
                "359901100,东岭镇,town,359901", DONGLING + ",东岭村,village,359901100", SHANGYANG + ",上洋村,village,359901100",
                "359901101,西溪镇,town,359901", XIXI + ",西溪村,village,359901101"), null);
        String hash = HASHER.hash(PASSWORD);
        db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            Instant now = clock.instant();
            people.insert(new Person(null, "东岭村报账员", Role.BOOKKEEPER, DONGLING, null, null, "bk-dongling", hash), now);
            people.insert(new Person(null, "上洋村报账员", Role.BOOKKEEPER, SHANGYANG, null, null, "bk-shangyang", hash), now);
            people.insert(new Person(null, "东岭村村干部", Role.VILLAGE_CADRE, DONGLING, null, null, "cadre-dongling", hash), now);
            people.insert(new Person(null, "东岭镇驻村干部", Role.RESIDENT_CADRE, "359901100", null, null, "rc-dongling", hash), now);
            people.insert(new Person(null, "西溪镇驻村干部", Role.RESIDENT_CADRE, "359901101", null, null, "rc-xixi", hash), now);
            people.insert(new Person(null, "县级督办员", Role.COUNTY_OFFICER, "359901", null, null, "county-officer", hash), now);
            GroupMapper groups = s.getMapper(GroupMapper.class);
            groups.insert(new ChatGroup(null, Channel.BRIDGE, "g-dongling-1", DONGLING, "东岭村村务监督群", GroupPurpose.VILLAGERS, null), now);
            groups.insert(new ChatGroup(null, Channel.BRIDGE, "g-dongling-2", DONGLING, "东岭村村务监督二群", GroupPurpose.VILLAGERS, null), now);
            groups.insert(new ChatGroup(null, Channel.BRIDGE, "g-shangyang-1", SHANGYANG, "上洋村村务监督群", GroupPurpose.VILLAGERS, null), now);
            return null;
        });
    }

    String token(String username) {
        LoginResult r = core.auth().login(username, PASSWORD, ClientAddress.UNKNOWN);
        if (r instanceof LoginResult.Success ok) {
            return ok.token();
        }
        throw new IllegalStateException("login of " + username + ": " + r);
    }

    static JsonObject invoice(String code, String number, String amount, String payee, String date, String method, String purpose) {
        return new JsonObject().put("code", code).put("number", number).put("amount", amount).put("payee", payee).put("date", date)
                .put("paymentMethod", method).put("purpose", purpose);
    }

    /** 东岭村's March: three invoices (the first one 上洋村 reimbursed too; the second paid in cash), a project, two subsidies. */
    static JsonObject donglingMarch(String thirdAmount) {
        return new JsonObject()
                .put("finance", new JsonArray()
                        .add(new JsonObject().put("kind", "income").put("item", "上级转移支付").put("amount", "50000.00"))
                        .add(new JsonObject().put("kind", "spending").put("item", "村道修补材料").put("amount", "3200.00").put("invoice", "00012345"))
                        .add(new JsonObject().put("kind", "spending").put("item", "办公用品").put("amount", "860.50").put("invoice", "00022222"))
                        .add(new JsonObject().put("kind", "spending").put("item", "水渠清淤").put("amount", thirdAmount).put("invoice", "00033333")))
                .put("invoices", new JsonArray()
                        .add(invoice("3500191130", "00012345", "3200.00", "清源建材店", "2026-03-04", "transfer", "村道修补"))
                        .add(invoice("3500191130", "00022222", "860.50", "东岭文具店", "2026-03-11", "现金", "办公用品"))
                        .add(invoice("3500191130", "00033333", thirdAmount, "溪口劳务队", "2026-03-20", "transfer", "水渠清淤")))
                .put("projects", new JsonArray().add(new JsonObject().put("name", "东岭村村道硬化").put("budget", "200000").put("spent", "86000")
                        .put("progress", 45).put("contractor", "清源路桥公司")))
                .put("subsidies", new JsonArray()
                        .add(new JsonObject().put("recipient", "林某某").put("kind", "临时救助").put("amount", "800"))
                        .add(new JsonObject().put("recipient", "陈某某").put("kind", "高龄补贴").put("amount", "100")));
    }

    @Override
    public void close() {
        redis.close();
        db.close();
    }
}
