package org.jianqun.gateway.wecom;

import com.tencent.wework.Finance;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.chanjar.weixin.cp.api.WxCpMsgAuditService;
import me.chanjar.weixin.cp.bean.msgaudit.WxCpChatDatas;
import me.chanjar.weixin.cp.bean.msgaudit.WxCpChatModel;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message archive through WxJava's {@link WxCpMsgAuditService}: {@code getChatDatas} fetches the
 * encrypted messages (the native WeWorkFinanceSdk does the call), each is decrypted with the
 * archive's RSA private key and the SDK, and the SDK instance is freed. Deliberately thin: it cannot
 * run without WeCom's native library and a corp with the archive enabled, so no test here exercises
 * it; {@link ArchivePuller} and everything after it are tested with a fake archive.
 */
public final class WxMessageArchive implements MessageArchive {
    private static final Logger LOG = LoggerFactory.getLogger(WxMessageArchive.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final WxCpMsgAuditService audit;
    private final String privateKeyPem;
    /** 1: the key file is PKCS#1 ("BEGIN RSA PRIVATE KEY"); 2: PKCS#8 ("BEGIN PRIVATE KEY"), as WxJava numbers them. */
    private final int keyFormat;

    /**
     * @param libraryPath    WxJava's msgAuditLibPath: the SDK library file, or a folder followed by the
     *                       comma-separated libraries to load in order
     * @param privateKeyPem  the archive's RSA private key (PEM)
     */
    public WxMessageArchive(String corpId, String secret, String libraryPath, String privateKeyPem, URI apiBase) {
        WxCpDefaultConfigImpl config = WecomApiClient.settings(corpId, secret, Optional.empty(), apiBase);
        config.setMsgAuditSecret(secret);
        config.setMsgAuditLibPath(libraryPath);
        config.setMsgAuditPriKey(privateKeyPem);
        this.audit = WecomApiClient.service(config).getMsgAuditService();
        this.privateKeyPem = privateKeyPem;
        this.keyFormat = privateKeyPem.contains("BEGIN RSA PRIVATE KEY") ? 1 : 2;
    }

    @Override
    public List<Archived> pull(long afterSeq, int limit) throws Unavailable {
        WxCpChatDatas datas;
        try {
            datas = audit.getChatDatas(afterSeq, limit, null, null, TIMEOUT_SECONDS);
        } catch (Exception e) {
            throw new Unavailable("getChatDatas failed: " + e.getClass().getSimpleName(), e);
        }
        List<Archived> out = new ArrayList<>();
        try {
            for (WxCpChatDatas.WxCpChatData data : datas.getChatData()) {
                out.add(decrypt(datas.getSdk(), data));
            }
        } finally {
            Finance.DestroySdk(datas.getSdk());
        }
        return out;
    }

    /**
     * One message, decrypted: the random key with our RSA private key (WxJava), the message with it
     * (the SDK). Done here rather than with {@code getDecryptData}, which destroys the SDK instance on a
     * failure and leaves the rest of the batch without one. A private key that does not fit is a
     * configuration fault: nothing advances until it is fixed. A message the SDK will not decrypt is
     * passed over with its seq, logged by id only: stopping the archive at it would lose all after it.
     */
    private Archived decrypt(long sdk, WxCpChatDatas.WxCpChatData data) throws Unavailable {
        String randomKey;
        try {
            randomKey = WxCpCryptUtil.decryptPriKey(data.getEncryptRandomKey(), privateKeyPem, keyFormat);
        } catch (Exception e) {
            throw new Unavailable("the archive's private key does not open message seq " + data.getSeq()
                    + " (check JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY and the key version " + data.getPublickeyVer() + ")", e);
        }
        long slice = Finance.NewSlice();
        String json;
        try {
            int ret = Finance.DecryptData(sdk, randomKey, data.getEncryptChatMsg(), slice);
            if (ret != 0) {
                LOG.error("archived message seq {} msgid {} does not decrypt (SDK error {}); passed over", data.getSeq(), data.getMsgId(), ret);
                return new Archived(data.getSeq(), data.getMsgId(), "undecryptable", null, null, null, null, null, null);
            }
            json = Finance.GetContentFromSlice(slice);
        } finally {
            Finance.FreeSlice(slice);
        }
        WxCpChatModel m = WxCpChatModel.fromJson(json);
        String text = m.getText() == null ? null : m.getText().getContent();
        Integer seconds = m.getVoice() == null || m.getVoice().getPlayLength() == null ? null : m.getVoice().getPlayLength().intValue();
        Instant sentAt = m.getMsgTime() == null ? null : Instant.ofEpochMilli(m.getMsgTime());
        return new Archived(data.getSeq(), m.getMsgId(), m.getAction(), m.getRoomId(), m.getFrom(), m.getMsgType(), text, seconds, sentAt);
    }
}
