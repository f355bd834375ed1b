package org.jianqun.miniapp.media;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.media.ImageRefusal;
import org.jianqun.core.media.ImageUploads;
import org.jianqun.core.media.MediaStore;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappUser;

/**
 * {@code POST /miniapp/v1/media} (multipart, file field {@code file}) → 201 {@code {"mediaId"}}: one photo for a
 * report, cleaned of every metadata by core's {@link MediaStore}. 413 over 5 MB, 415 when the bytes are no JPEG or
 * PNG (whatever the name or declared type), 422 when they claim one and do not decode.
 */
public final class MediaRoutes {
    private final MiniappAuth auth;
    private final MediaStore media;
    private final RateLimits limits;
    private final ImageUploads uploads = new ImageUploads();

    public MediaRoutes(MiniappAuth auth, MediaStore media, RateLimits limits) {
        this.auth = auth;
        this.media = media;
        this.limits = limits;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/miniapp/v1/media").handler(auth.handler(blocking)).handler(uploads.reader()).handler(ctx -> upload(ctx, blocking));
    }

    private void upload(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        byte[] bytes = ImageUploads.bytes(ctx);
        blocking.run(() -> {
            MiniappAuth.limited(limits.take(RateLimits.MEDIA_PER_USER, Long.toString(user.personId())));
            MediaStore.Stored stored = media.store(user.personId(), bytes);
            if (stored instanceof MediaStore.Stored.Refused refused) {
                ImageRefusal r = refused.refusal();
                throw new ApiError(r.status(), r.code(), r.message());
            }
            MediaStore.Stored.Kept kept = (MediaStore.Stored.Kept) stored;
            return new JsonObject().put("mediaId", kept.mediaId()).put("contentType", kept.image().kind().contentType())
                    .put("width", kept.image().width()).put("height", kept.image().height()).put("bytes", kept.image().bytes().length);
        }).onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(ctx::fail);
    }
}
