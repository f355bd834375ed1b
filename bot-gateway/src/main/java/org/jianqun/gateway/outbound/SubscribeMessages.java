package org.jianqun.gateway.outbound;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceHttpClientImpl;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.error.WxErrorException;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.SubscribeTemplates;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.outbox.ReporterMapper;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.redis.SharedToken;

/**
 * Sends a {@link org.jianqun.core.outbox.Audience#REPORTER} message as a mini-program subscribe message
 * ({@code getSubscribeService().sendSubscribeMsg}), through the outbox like every delivery: paced
 * ({@link #PER_MINUTE}), retried when WeChat is busy or unreachable, recorded once sent. 43101 (the user has no
 * subscription for the template) is recorded on the report and the delivery fails for good, never retried; so is a
 * reporter who did not tick "notify me". The access token is the mini-program's one shared token (core's
 * {@link SharedToken}). Blocking: the dispatcher runs it on its senders' threads.
 */
public final class SubscribeMessages {
    static final String PACE_KEY = "miniapp:subscribe";
    /** Well under WeChat's per-template daily quota spread over a day's bursts; the outbox holds the rest. */
    static final int PER_MINUTE = 600;
    static final int NOT_SUBSCRIBED = 43101;
    private static final Set<Integer> BUSY = Set.of(-1, 45009, 45011);
    private static final Set<String> RESULT_STEPS = Set.of("RESOLVED", "CLOSED", "REJECTED", "MERGED", "RATING_REMINDED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    /** WeChat's "thing" field holds 20 characters. */
    static final int THING_CHARS = 20;

    private final Database database;
    private final WxMaService service;
    private final SubscribeTemplates templates;
    private final Clock clock;

    SubscribeMessages(Database database, WxMaService service, SubscribeTemplates templates, Clock clock) {
        this.database = database;
        this.service = service;
        this.templates = templates;
        this.clock = clock;
        database.addMapper(ReporterMapper.class);
    }

    /** On when the mini-program and at least one template are configured. */
    public static Optional<SubscribeMessages> configured(JianqunConfig config, Database database, RedisStore redis, Clock clock) {
        return config.miniapp().filter(m -> m.templates().on()).map(m -> {
            WxMaDefaultConfigImpl wx = new SharedTokenWxConfig(SharedToken.miniprogram(redis, m.appId()));
            wx.setAppid(m.appId());
            wx.setSecret(m.secret());
            wx.setApiHostUrl(trimSlash(config.miniappApiBase()));
            WxMaService service = new WxMaServiceHttpClientImpl();
            service.setWxMaConfig(wx);
            service.setMaxRetryTimes(0); // the outbox retries, with backoff; WxJava's own loop would block a sender thread
            return new SubscribeMessages(database, service, m.templates(), clock);
        });
    }

    private static String trimSlash(URI base) {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    Delivery send(OutboxMapper.Pending m) {
        long personId;
        try {
            personId = Long.parseLong(m.target());
        } catch (NumberFormatException e) {
            return new Delivery.Failed("not a person id");
        }
        if (m.ticketNo() == null) {
            return new Delivery.Failed("a subscribe message is about a ticket; this one names none");
        }
        long no = m.ticketNo();
        Long reported = database.read(s -> s.getMapper(TicketMapper.class).complainantVia(no, personId));
        long reportedNo = reported == null ? no : reported;
        ReporterMapper.Reporter reporter = database.read(s -> s.getMapper(ReporterMapper.class).find(personId, reportedNo));
        if (reporter == null) {
            return new Delivery.Failed("not a mini-program user");
        }
        if (!reporter.subscribed()) {
            return new Delivery.Failed("not subscribed: the reporter did not accept subscribe messages for #" + reportedNo
                    + " (or WeChat said 43101 before); they read it in the mini-program");
        }
        Optional<String> template = templates.forStep(m.eventType() != null && RESULT_STEPS.contains(m.eventType()));
        if (template.isEmpty()) {
            return new Delivery.Held("no subscribe-message template configured for this step");
        }
        WxMaSubscribeMessage message = WxMaSubscribeMessage.builder()
                .toUser(reporter.openid())
                .templateId(template.get())
                .page("pages/report/detail?no=" + no)
                .data(List.of(new WxMaSubscribeMessage.MsgData("character_string1", "#" + no),
                        new WxMaSubscribeMessage.MsgData("thing2", thing(m.text())),
                        new WxMaSubscribeMessage.MsgData("time3", TIME.format(clock.instant()))))
                .build();
        try {
            service.getSubscribeService().sendSubscribeMsg(message);
            return new Delivery.Sent();
        } catch (WxErrorException e) {
            int code = e.getError() == null ? -1 : e.getError().getErrorCode();
            if (code == NOT_SUBSCRIBED) {
                database.inTransaction(s -> {
                    s.getMapper(ReporterMapper.class).notSubscribed(personId, reportedNo);
                    return null;
                });
                return new Delivery.Failed("43101: the reporter has no subscription for this template; recorded, not retried");
            }
            if (BUSY.contains(code)) {
                return new Delivery.Retry("WeChat busy (errcode " + code + ")");
            }
            return new Delivery.Failed("WeChat refused the subscribe message (errcode " + code + ")");
        } catch (RuntimeException e) {
            return new Delivery.Retry("WeChat unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The step in at most 20 characters (WeChat refuses longer "thing" values outright). */
    static String thing(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= THING_CHARS ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, THING_CHARS - 1)) + "…";
    }

    /**
     * WxJava's mini-program config over the one shared token. The miniapp role has its twin
     * ({@code miniapp.wechat.SharedTokenConfig}): roles share code only through core, and core does not speak WxJava.
     */
    private static final class SharedTokenWxConfig extends WxMaDefaultConfigImpl {
        private static final long serialVersionUID = 1L;
        private final transient SharedToken token;

        SharedTokenWxConfig(SharedToken token) {
            this.token = token;
        }

        @Override
        public String getAccessToken() {
            return token.get();
        }

        @Override
        public boolean isAccessTokenExpired() {
            return token.expired();
        }

        @Override
        public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
            token.update(accessToken, expiresInSeconds);
        }

        @Override
        public void expireAccessToken() {
            token.expire();
        }

        @Override
        public Lock getAccessTokenLock() {
            return token.lock();
        }

        @Override
        public String toString() {
            return "SharedTokenWxConfig[appId=" + getAppid() + "]";
        }
    }
}
