package dev.colineage.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.graph.openlineage.IngestResult;
import dev.colineage.graph.openlineage.OpenLineageExport;
import dev.colineage.graph.openlineage.OpenLineageIngest;
import dev.colineage.graph.openlineage.OpenLineageJson;
import dev.colineage.graph.openlineage.QueryRunStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * OpenLineage over HTTP: {@code GET /openlineage/events} gives the runs of an interval as run events (a JSON
 * array, by time, paged with {@code limit} and {@code offset}: {@code X-Total-Count} says how many there are, a
 * {@code Link: rel="next"} header where the next page starts); {@code POST /openlineage} (admin) takes events
 * in, one or an array.
 */
final class OpenLineageResource {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_BODY = 64_000_000;

    private final QueryRunStore store;
    private final OpenLineageIngest ingest;
    private final AdminAuth admin;
    private final Runnable written;

    /** @param written run after events were written: the read model takes them in at once (read your writes) */
    OpenLineageResource(QueryRunStore store, OpenLineageIngest ingest, AdminAuth admin, Runnable written) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.ingest = Objects.requireNonNull(ingest, "ingest is null");
        this.admin = Objects.requireNonNull(admin, "admin is null");
        this.written = Objects.requireNonNull(written, "written is null");
    }

    void events(Context ctx) {
        Params.only(ctx, Set.of("since", "until", "limit", "offset"));
        String sinceText = Params.required(ctx, "since", 40);
        Instant since = Params.instant("since", sinceText, false);
        String untilText = ctx.queryParam("until");
        Instant until = untilText == null || untilText.isBlank() ? Instant.now() : Params.instant("until", untilText, false);
        if (!until.isAfter(since)) {
            throw Problem.badParameter("until", "until must be after since");
        }
        int limit = Params.integer(ctx, "limit", 1, Params.MAX_LIMIT).orElse(DEFAULT_LIMIT);
        long offset = Params.integer(ctx, "offset", 0, Integer.MAX_VALUE).orElse(0);
        OpenLineageExport export = new OpenLineageExport(store);
        long total = export.count(since, until);
        ctx.header("X-Total-Count", Long.toString(total));
        if (offset + limit < total) {
            // the next page keeps this page's end: "now" must not move between pages
            String end = untilText == null || untilText.isBlank() ? until.toString() : untilText;
            ctx.header("Link", "</api/v1/openlineage/events?since=" + encode(sinceText) + "&until=" + encode(end) + "&limit=" + limit
                    + "&offset=" + (offset + limit) + ">; rel=\"next\"");
        }
        ctx.contentType("application/json");
        try (OutputStream out = ctx.outputStream(); JsonGenerator json = OpenLineageJson.MAPPER.createGenerator(out)) {
            json.writeStartArray();
            export.export(since, until, offset, limit, event -> {
                try {
                    json.writeRawValue(event);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void ingest(Context ctx) {
        admin.check(ctx);
        Params.only(ctx, Set.of());
        JsonNode body;
        try (InputStream in = ctx.req().getInputStream()) {
            // read here, not with ctx.body(): a delivery of events is larger than the 1 MB every other body may be
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Problem(413, "Payload too large", "a delivery of OpenLineage events is at most " + MAX_BODY / 1_000_000
                        + " MB: send fewer events at a time");
            }
            body = ApiJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw Problem.badParameter("body", "the body is not JSON");
        }
        if (body == null) {
            throw Problem.badParameter("body", "the body is empty: one OpenLineage run event or an array of them");
        }
        IngestResult result;
        try {
            result = ingest.ingest(body);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "Malformed OpenLineage event", e.getMessage());
        }
        if (result.written() > 0) {
            written.run();
        }
        ctx.json(result);
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
