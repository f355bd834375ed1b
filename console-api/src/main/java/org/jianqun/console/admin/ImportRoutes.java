package org.jianqun.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.ActorDirectory;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.importing.TableFile;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.importing.TableLimits;
import org.jianqun.core.importing.TableReader;
import org.jianqun.core.importing.TableReading;

/**
 * {@code POST /api/v1/admin/import/{regions|groups|people}}, body {@code text/csv} (UTF-8, with or without
 * BOM, or GB18030 as Excel saves "CSV" on a Chinese Windows) or an .xlsx workbook
 * ({@code application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}, its first sheet), with a header
 * row. 200 with counts and how the file was read ({@code format}, and a CSV's {@code encoding}) when applied;
 * 422 with {@code errors[{line,field,message}]} when the file or any row is wrong (and then nothing is written).
 */
public final class ImportRoutes {
    /** A county's sheets are a few hundred kB; a province is imported county by county. */
    public static final long BODY_LIMIT = TableLimits.UPLOAD.maxBytes();
    private static final String FORMAT = "jianqun.import.format";

    private final AuthService auth;
    private final OrganisationImporter importer;
    private final ActorDirectory actors;

    public ImportRoutes(AuthService auth, OrganisationImporter importer, ActorDirectory actors) {
        this.auth = auth;
        this.importer = importer;
        this.actors = actors;
    }

    public void mount(Router router, BlockingWork blocking) {
        // Vert.x reads the body before any user handler; a declared Content-Length over the limit is refused unread.
        Authentication.permitted(router.post("/api/v1/admin/import/:kind").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)),
                        auth, blocking, Permission.IMPORT_ORGANISATION)
                .handler(ImportRoutes::requireTable)
                .handler(ctx -> importTable(ctx, blocking));
    }

    private static void requireTable(RoutingContext ctx) {
        Optional<TableFormat> format = TableFormat.ofMediaType(ctx.request().getHeader("Content-Type"));
        if (format.isEmpty()) {
            ctx.fail(new ApiError(415, "unsupported_media_type", "请以 Content-Type: text/csv（CSV 文件，UTF-8 或 GB18030）或 "
                    + TableFormat.XLSX.mediaType() + "（Excel .xlsx 文件）上传"));
            return;
        }
        ctx.put(FORMAT, format.get());
        ctx.next();
    }

    /** What the worker hands back: the outcome, and how the file was read when it could be. */
    private record Answer(ImportOutcome outcome, Optional<TableFile> file) {
    }

    private void importTable(RoutingContext ctx, BlockingWork blocking) {
        String kindText = ctx.pathParam("kind");
        ImportKind kind = ImportKind.fromWire(kindText).orElseThrow(() ->
                new ApiError(404, "unknown_import_kind", "“" + kindText + "”不是可导入的表；可导入 regions（行政区划）、groups（群）或 people（人员）"));
        String scope = Authentication.actor(ctx).scopeCode();
        TableFormat declared = ctx.get(FORMAT);
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        // Reading a workbook is CPU and memory work: on the worker, with the import.
        blocking.run(() -> {
            TableReading reading = TableReader.read(bytes, Optional.of(declared), TableLimits.UPLOAD);
            if (reading instanceof TableReading.Unreadable unreadable) {
                return new Answer(new ImportOutcome.Rejected(kind, unreadable.problems()), Optional.empty());
            }
            TableFile file = ((TableReading.Read) reading).file();
            return new Answer(importer.importTable(kind, file, scope), Optional.of(file));
        }).onSuccess(answer -> {
            JsonObject readAs = new JsonObject();
            answer.file().ifPresent(f -> {
                readAs.put("format", f.format().wireName());
                f.encoding().ifPresent(e -> readAs.put("encoding", e.label()));
            });
            if (answer.outcome() instanceof ImportOutcome.Applied applied) {
                actors.forgetAll();
                Responses.json(ctx, 200, new JsonObject()
                        .put("kind", kind.wireName())
                        .put("rows", applied.rows())
                        .put("inserted", applied.inserted())
                        .put("updated", applied.updated())
                        .put("unchanged", applied.unchanged())
                        .mergeIn(readAs));
            } else if (answer.outcome() instanceof ImportOutcome.Rejected rejected) {
                JsonArray errors = new JsonArray();
                rejected.problems().forEach(p -> errors.add(new JsonObject().put("line", p.line()).put("field", p.field()).put("message", p.message())));
                ctx.fail(new ApiError(422, "invalid_csv", kind.wireName() + " 文件有 " + errors.size() + " 处问题，未导入任何内容",
                        readAs.copy().put("errors", errors)));
            }
        }).onFailure(ctx::fail);
    }
}
