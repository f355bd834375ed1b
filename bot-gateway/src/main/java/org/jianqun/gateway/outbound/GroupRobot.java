package org.jianqun.gateway.outbound;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.cp.api.WxCpGroupRobotService;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.jianqun.gateway.wecom.WecomApiClient;

/**
 * Speaks unasked into an internal WeCom group through the group robot (群机器人) added to it, via
 * WxJava's {@link WxCpGroupRobotService}: {@code POST <api base>/cgi-bin/webhook/send?key=<robot key>}.
 * WeCom takes 20 messages a minute per robot (the dispatcher paces) and a text of 2,048 bytes (the
 * dispatcher splits). WxJava's own retry (errcode -1 only, sleeping on the worker) is off ({@link WecomApiClient}):
 * -1, 45009 (over the rate) and unreachable are retried by the outbox with backoff; any other errcode
 * (a removed robot, a bad key) is permanent and recorded. The key is a credential: it is never put
 * into a reason or a log line. Blocking: run on a worker.
 */
public final class GroupRobot {
    static final int MESSAGES_PER_MINUTE = 20;
    /** 群机器人配置说明: an image "最大不能超过2M" before base64. */
    static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    private static final int SYSTEM_BUSY = -1;
    private static final int OVER_RATE = 45009;
    /**
     * Not WeCom's: WxJava's code for trouble below the API, an HTTP status that was not 200 ("status
     * code: 502" in the message) or no answer at all (connection refused, timeout).
     */
    private static final int WXJAVA_HTTP_STATUS = -99;
    private static final Pattern HTTP_STATUS = Pattern.compile("status code: (\\d{3})");

    private final WxCpGroupRobotService robots;
    private final String webhook;

    public GroupRobot(URI apiBase) {
        // A robot needs no corp credentials: its key is its whole authority.
        WxCpDefaultConfigImpl settings = WecomApiClient.settings("", "", Optional.empty(), apiBase);
        this.robots = WecomApiClient.service(settings).getGroupRobotService();
        this.webhook = settings.getApiUrl("/cgi-bin/webhook/send?key=");
    }

    public Delivery send(String robotKey, String text) {
        return judged(() -> robots.sendText(webhook + robotKey, text, null, null));
    }

    /**
     * Posts an image ({@code {"msgtype":"image","image":{"base64","md5"}}}); WeCom takes at most
     * {@value #MAX_IMAGE_BYTES} bytes before base64, so a larger one fails here, with the reason, without a call.
     */
    public Delivery sendImage(String robotKey, PushImage png) {
        if (png.size() > MAX_IMAGE_BYTES) {
            return new Delivery.Failed("image of " + png.size() + " bytes is over the group robot's " + MAX_IMAGE_BYTES + " bytes");
        }
        return judged(() -> robots.sendImage(webhook + robotKey, png.base64(), png.md5()));
    }

    private interface Call {
        void run() throws WxErrorException;
    }

    private static Delivery judged(Call call) {
        try {
            call.run();
            return new Delivery.Sent();
        } catch (WxErrorException e) {
            int code = e.getError().getErrorCode();
            String message = brief(e.getError().getErrorMsg());
            if (code == WXJAVA_HTTP_STATUS) {
                Matcher status = HTTP_STATUS.matcher(message);
                if (!status.find()) {
                    return new Delivery.Retry("WeCom group robot unreachable");
                }
                String why = "WeCom group robot answered HTTP " + status.group(1);
                return status.group(1).startsWith("5") || status.group(1).equals("429") ? new Delivery.Retry(why) : new Delivery.Failed(why);
            }
            String why = "WeCom group robot errcode " + code + " (" + message + ")";
            return code == SYSTEM_BUSY || code == OVER_RATE ? new Delivery.Retry(why) : new Delivery.Failed(why);
        } catch (WxRuntimeException e) {
            // WxJava wraps an unreachable server or an answer that is not JSON (a 5xx page) this way.
            return new Delivery.Retry("WeCom group robot unreachable or answered no JSON");
        }
    }

    /** WeCom's errmsg ends with a hint URL and request id; the first words say enough. */
    private static String brief(String message) {
        if (message == null) {
            return "no message";
        }
        String first = message.split(",", 2)[0].strip();
        return first.length() > 80 ? first.substring(0, 80) : first;
    }
}
