package org.jianqun.gateway.groupsend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import me.chanjar.weixin.common.bean.result.WxMediaUploadResult;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpMediaService;
import me.chanjar.weixin.cp.bean.external.msg.Attachment;
import me.chanjar.weixin.cp.bean.external.msg.MiniProgram;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.persistence.Database;

/**
 * The mini-program card a disclosure's group-send carries (add_msg_template's {@code miniprogram} attachment): it
 * opens the version's page in the mini-program ({@code pages/disclosure/index?id=<version>}), its cover the
 * version's rendered image, uploaded as temporary media when the task is created. Temporary media lives 3 days
 * (WeCom's 上传临时素材), so it is uploaded again at every attempt rather than kept: a retry days later would
 * otherwise name a media id that is gone. Without JIANQUN_MINIAPP_APPID, or without an image, the task goes as
 * its text alone, with a note saying why. Blocking: run on a worker.
 */
public final class DisclosureCards {
    /** miniprogram.page of a version; the mini-program's disclosure page reads the id. */
    static final String PAGE = "pages/disclosure/index?id=";

    /** What goes with a disclosure's text: the card, or nothing and why. */
    public sealed interface Card {
    }

    public record Attached(Attachment attachment) implements Card {
    }

    public record TextOnly(String note) implements Card {
    }

    private final Database database;
    private final Optional<WxCpMediaService> media;
    private final Optional<String> appId;

    /** @param appId the mini-program's appid (JIANQUN_MINIAPP_APPID); empty: no cards */
    public DisclosureCards(Database database, WxCpMediaService media, Optional<String> appId) {
        this.database = Objects.requireNonNull(database, "database");
        this.media = Optional.of(media);
        this.appId = Objects.requireNonNull(appId, "appId");
        database.addMapper(DisclosureMapper.class);
    }

    private DisclosureCards(Database database) {
        this.database = database;
        this.media = Optional.empty();
        this.appId = Optional.empty();
    }

    /** No cards: every disclosure's group-send is its text, with the note that the appid is not set. */
    public static DisclosureCards off(Database database) {
        return new DisclosureCards(database);
    }

    /** The card for {@code disclosureId}, its cover uploaded now; WeCom's refusal or silence is thrown, for the task to retry or fail. */
    Card of(long disclosureId) throws WxErrorException {
        if (appId.isEmpty() || media.isEmpty()) {
            return new TextOnly("未配置 JIANQUN_MINIAPP_APPID，仅发送文字 (no mini-program appid: text only)");
        }
        DisclosureMapper.Png png = database.read(s -> s.getMapper(DisclosureMapper.class).publishedPng(disclosureId));
        if (png == null || png.png() == null) {
            return new TextOnly("本版公开无明细图，仅发送文字 (the version has no rendered image: text only)");
        }
        WxMediaUploadResult uploaded;
        try {
            uploaded = media.get().upload("image", "png", new ByteArrayInputStream(png.png()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (uploaded == null || uploaded.getMediaId() == null || uploaded.getMediaId().isBlank()) {
            throw new IllegalStateException("WeCom answered the upload without a media_id");
        }
        String month = database.read(s -> s.getMapper(DisclosureMapper.class).publishedImages(java.util.List.of(disclosureId))).stream()
                .findFirst().map(DisclosureMapper.ImageState::disclosureMonth).orElse("");
        MiniProgram card = new MiniProgram().setTitle(title(month)).setPicMediaId(uploaded.getMediaId()).setAppid(appId.get())
                .setPage(PAGE + disclosureId);
        return new Attached(new Attachment().setMiniProgram(card));
    }

    /** "2026年3月三务公开明细": WeCom takes a title of 64 bytes at most. */
    static String title(String month) {
        if (month.length() != 7) {
            return "三务公开明细";
        }
        return month.substring(0, 4) + "年" + Integer.parseInt(month.substring(5)) + "月三务公开明细";
    }
}
