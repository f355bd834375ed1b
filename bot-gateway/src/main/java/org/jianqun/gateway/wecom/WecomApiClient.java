package org.jianqun.gateway.wecom;

import java.net.URI;
import java.util.Optional;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;

/**
 * Builds WxJava's client of the WeCom server API for one secret of the corp (the app's
 * JIANQUN_WECOM_SECRET, or the message archive's own), pointed at JIANQUN_WECOM_API_BASE: production
 * speaks to qyapi.weixin.qq.com, tests to a WireMock standing in its place. WxJava fetches and
 * refreshes the access token itself (gettoken with corp id and secret).
 */
public final class WecomApiClient {
    private WecomApiClient() {
    }

    /** WxJava's settings: corp id, secret, the app's agent id when known, and the base URL of every call. */
    public static WxCpDefaultConfigImpl settings(String corpId, String secret, Optional<Integer> agentId, URI apiBase) {
        WxCpDefaultConfigImpl settings = new WxCpDefaultConfigImpl();
        settings.setCorpId(corpId);
        settings.setCorpSecret(secret);
        agentId.ifPresent(settings::setAgentId);
        // WxJava appends "/cgi-bin/…" to the base as it is: a trailing slash would double.
        String base = apiBase.toString();
        settings.setBaseApiUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return settings;
    }

    /** The client over {@code settings}; every WeCom answer comes back at once (see {@link Immediate}). */
    public static WxCpService service(WxCpDefaultConfigImpl settings) {
        WxCpServiceImpl service = new Immediate();
        service.setWxCpConfigStorage(settings);
        return service;
    }

    /**
     * WxJava retries errcode -1 itself, sleeping on the calling thread, and then throws an exception that
     * no longer carries the errcode; with retries off it drops every errcode. The callers here keep
     * their own retries (durable, backed off, off the worker), so each call is made once and WeCom's
     * errcode reaches them. The expired-token refresh (one more call with a new token) stays.
     */
    private static final class Immediate extends WxCpServiceImpl {
        @Override
        public <T, E> T execute(RequestExecutor<T, E> executor, String uri, E data) throws WxErrorException {
            return executeInternal(executor, uri, data, false);
        }
    }
}
