package org.jianqun.gateway.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Instant;
import java.util.Map;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12 item 6 at the sender: sent once, busy retried, 43101 recorded as not subscribed and not retried. */
class SubscribeMessagesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private RedisStore redis;
    private WireMockServer wechat;
    private SubscribeMessages sender;
    private long person;
    private long no;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        wechat = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wechat.start();
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
        new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock).importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        db.database().inTransaction(s -> {
            s.getMapper(PersonMapper.class).insert(new Person(null, "微信用户", Role.VILLAGER, "359901100201", null, null, null, null), clock.instant());
            return null;
        });
        person = db.database().read(s -> {
            try (var st = s.getConnection().createStatement(); var rs = st.executeQuery("SELECT MAX(id) FROM person")) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Actor villager = new Actor(person, "微信用户", Role.VILLAGER, "359901100201");
        no = ((DeskResult.Done) new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock)
                .execute(new DeskCommand.Register("359901100201", person, "村口路灯坏了", null), villager, Via.MINIAPP)).ticket().no();
        sql("INSERT INTO miniapp_user (person_id, openid, created_at, updated_at) VALUES (" + person + ", 'o-sub', NOW(), NOW())");
        sql("INSERT INTO miniapp_report (ticket_no, person_id, subscribed, created_at) VALUES (" + no + ", " + person + ", TRUE, NOW())");
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_MINIAPP_APPID", "wx-sub", "JIANQUN_MINIAPP_SECRET", "s",
                "JIANQUN_MINIAPP_API_BASE", "http://127.0.0.1:" + wechat.port(), "JIANQUN_MINIAPP_TEMPLATE_PROGRESS", "tmpl-p")));
        sender = SubscribeMessages.configured(config, db.database(), redis, clock).orElseThrow();
    }

    @AfterEach
    void close() {
        wechat.stop();
        redis.close();
        db.close();
    }

    private void sql(String statement) {
        db.database().inTransaction(s -> {
            try (var st = s.getConnection().createStatement()) {
                st.executeUpdate(statement);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private OutboxMapper.Pending message(String text) {
        return new OutboxMapper.Pending(1, "d-1.1", no, "CLAIMED", Audience.REPORTER, Long.toString(person), text, 0, null, null, null);
    }

    private void answer(int errcode) {
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(okJson("{\"errcode\":" + errcode + ",\"errmsg\":\"x\"}")));
    }

    @Test
    void sentOnceWithTheStepClippedToTwentyCharacters() {
        answer(0);
        assertThat(sender.send(message("工单 #" + no + " 已由 东岭村干部 认领，办理期限 2026-03-05 24:00。"))).isInstanceOf(Delivery.Sent.class);
        wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
        String body = wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))).get(0).getBodyAsString();
        assertThat(body).contains("\"touser\":\"o-sub\"", "\"template_id\":\"tmpl-p\"", "#" + no);
    }

    @Test
    void busyIsRetriedAndNotSubscribedIsRecordedAndNotRetried() {
        answer(45009);
        assertThat(sender.send(message("进展"))).isInstanceOf(Delivery.Retry.class);
        answer(SubscribeMessages.NOT_SUBSCRIBED);
        Delivery refused = sender.send(message("进展"));
        assertThat(refused).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) refused).why()).contains("43101");
        wechat.resetRequests();
        Delivery next = sender.send(message("又有进展"));
        assertThat(next).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) next).why()).contains("not subscribed");
        wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
    }
}
