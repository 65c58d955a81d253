package dev.colineage.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the BigQuery REST endpoints the Java client calls on the query path:
 * {@code jobs.query} (POST .../queries), {@code jobs.get}, {@code jobs.getQueryResults} and
 * {@code tabledata.list}, with paging by {@code pageToken}. It answers two kinds of SQL the way
 * BigQuery would for its fixture: the JOBS view (rows filtered by the {@code @since}/{@code @until}
 * parameters it was sent), a dataset's COLUMN_FIELD_PATHS, and the metadata views VIEWS, TABLES,
 * TABLE_SNAPSHOTS, ROUTINES and PARAMETERS, region-qualified (every dataset of the project) or
 * dataset-qualified, with the columns the SQL selects. A refused dataset or project answers 403
 * accessDenied, as BigQuery does for a caller without access. Every request is recorded.
 */
final class BigQueryStandIn implements AutoCloseable {

    /** One JOBS row, in the column order of the source's SELECT. */
    record JobRow(String jobId, String project, String user, Instant created, String statementType, String query,
                  String destination, List<String> referenced, String sessionId) {
    }

    /** A request as the server saw it. */
    record Request(String method, String path, boolean gzip, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOBS_VIEW = Pattern.compile("`([^`]+)`\\.`region-([^`]+)`\\.INFORMATION_SCHEMA\\.JOBS");
    private static final Pattern FIELD_PATHS = Pattern.compile("`([^`]+)`\\.`([^`]+)`\\.INFORMATION_SCHEMA\\.COLUMN_FIELD_PATHS");
    private static final Pattern METADATA_VIEW = Pattern.compile(
            "(?s)SELECT (.+) FROM `([^`]+)`\\.`([^`]+)`\\.INFORMATION_SCHEMA\\.(VIEWS|TABLES|TABLE_SNAPSHOTS|ROUTINES|PARAMETERS)\\b(.*)");
    /** The column naming each metadata view's project and dataset. */
    private static final Map<String, String> CATALOG_COLUMN = Map.of("VIEWS", "table", "TABLES", "table", "TABLE_SNAPSHOTS", "table",
            "ROUTINES", "routine", "PARAMETERS", "specific");

    private final HttpServer server;
    private final int pageSize;
    private final List<JobRow> jobs = new CopyOnWriteArrayList<>();
    /** project.dataset -> rows of (table_name, field_path, data_type); absent: the dataset is not found. */
    private final Map<String, List<List<String>>> fieldPaths = new ConcurrentHashMap<>();
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    /** Metadata rows by view name, each a map of column to value (text; ordinal_position a number). */
    private final Map<String, List<Map<String, Object>>> metadata = new ConcurrentHashMap<>();
    /** project or project.dataset the caller may not read. */
    private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();

    private record Result(String project, String sql, ArrayNode schema, List<ArrayNode> rows, List<Boolean> timestampColumns) {
    }

    BigQueryStandIn(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void addJob(JobRow row) {
        jobs.add(row);
    }

    void addColumns(String project, String dataset, String table, String... pathAndType) {
        List<List<String>> rows = fieldPaths.computeIfAbsent(project + "." + dataset, k -> new CopyOnWriteArrayList<>());
        for (int i = 0; i + 1 < pathAndType.length; i += 2) {
            rows.add(List.of(table, pathAndType[i], pathAndType[i + 1]));
        }
    }

    /** One row of a metadata view, its columns and values in pairs. */
    void addMetadata(String view, Object... columnAndValue) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < columnAndValue.length; i += 2) {
            row.put((String) columnAndValue[i], columnAndValue[i + 1]);
        }
        metadata.computeIfAbsent(view, k -> new CopyOnWriteArrayList<>()).add(row);
    }

    /** A project, or a {@code project.dataset}, whose INFORMATION_SCHEMA the caller may not read. */
    void refuse(String projectOrDataset) {
        refused.add(projectOrDataset);
    }

    List<String> sqlReceived() {
        return requests.stream().filter(r -> r.body() != null && r.body().has("query")).map(r -> r.body().get("query").asText()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
            byte[] raw = in.readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), path, gzip, body));
            String[] p = path.replaceFirst("^/bigquery/v2/", "").split("/");
            ObjectNode reply;
            if (exchange.getRequestMethod().equals("POST") && p.length == 3 && p[0].equals("projects") && p[2].equals("queries")) {
                reply = query(p[1], body);
            } else if (exchange.getRequestMethod().equals("GET") && p.length == 4 && p[2].equals("jobs")) {
                reply = job(p[1], p[3]);
            } else if (exchange.getRequestMethod().equals("GET") && p.length == 4 && p[2].equals("queries")) {
                reply = page(p[3], params, "bigquery#getQueryResultsResponse");
            } else if (exchange.getRequestMethod().equals("GET") && p.length == 7 && p[2].equals("datasets") && p[6].equals("data")) {
                reply = page(p[5].substring("anon_".length()), params, "bigquery#tableDataList");
            } else {
                reply = null;
            }
            if (reply == null) {
                unexpected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                send(exchange, 404, error(404, "notFound", "the stand-in does not serve " + path));
            } else if (reply.has("error")) {
                send(exchange, reply.get("error").get("code").asInt(), reply);
            } else {
                send(exchange, 200, reply);
            }
        }
    }

    private ObjectNode query(String project, JsonNode body) {
        String sql = body.get("query").asText();
        Map<String, String> parameters = new HashMap<>();
        for (JsonNode p : body.path("queryParameters")) {
            parameters.put(p.get("name").asText(), p.path("parameterValue").path("value").asText());
        }
        boolean int64 = body.path("formatOptions").path("useInt64Timestamp").asBoolean(false);
        ArrayNode schema = JSON.createArrayNode();
        List<ArrayNode> rows = new ArrayList<>();
        Matcher jobsView = JOBS_VIEW.matcher(sql);
        Matcher fieldView = FIELD_PATHS.matcher(sql);
        Matcher metadataView = METADATA_VIEW.matcher(sql);
        if (metadataView.matches()) {
            String viewProject = metadataView.group(2);
            String scope = metadataView.group(3);
            String view = metadataView.group(4);
            boolean region = scope.startsWith("region-");
            if (refused.contains(viewProject) || (!region && refused.contains(viewProject + "." + scope))) {
                return error(403, "accessDenied", "Access Denied: Table " + viewProject + ":" + (region ? "" : scope + ".")
                        + "INFORMATION_SCHEMA." + view + ": User does not have permission to query table");
            }
            List<String> columns = java.util.Arrays.stream(metadataView.group(1).split(",")).map(String::strip).toList();
            for (String c : columns) {
                schema.addObject().put("name", c).put("type", c.endsWith("_time") || c.equals("last_altered") ? "TIMESTAMP"
                        : c.equals("ordinal_position") ? "INTEGER" : "STRING").put("mode", "NULLABLE");
            }
            String prefix = CATALOG_COLUMN.get(view);
            boolean noBaseTables = metadataView.group(5).contains("table_type != 'BASE TABLE'");
            for (Map<String, Object> r : metadata.getOrDefault(view, List.of())) {
                if (!viewProject.equals(r.get(prefix + "_catalog")) || (!region && !scope.equals(r.get(prefix + "_schema")))
                        || (noBaseTables && "BASE TABLE".equals(r.get("table_type")))) {
                    continue;
                }
                ArrayNode f = JSON.createArrayNode();
                for (String c : columns) {
                    Object v = r.get(c);
                    if (v == null) {
                        f.addObject().putNull("v");
                    } else if (v instanceof Instant t) {
                        // BigQuery's JSON rows carry timestamps as epoch seconds in floating-point text
                        f.addObject().put("v", new java.math.BigDecimal(t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000)
                                .movePointLeft(6).toString());
                    } else {
                        f.addObject().put("v", v.toString());
                    }
                }
                rows.add(f);
            }
        } else if (jobsView.find()) {
            String viewProject = jobsView.group(1);
            Instant since = timestamp(parameters.get("since"));
            Instant until = timestamp(parameters.get("until"));
            for (String c : List.of("job_id", "project_id", "user_email", "creation_time", "statement_type", "query",
                    "destination_project", "destination_dataset", "destination_table", "referenced_tables", "session_id")) {
                ObjectNode f = schema.addObject().put("name", c).put("type", c.equals("creation_time") ? "TIMESTAMP" : "STRING")
                        .put("mode", "NULLABLE");
                if (c.equals("referenced_tables")) {
                    f.put("mode", "REPEATED");
                }
            }
            jobs.stream().filter(j -> j.project().equals(viewProject) && !j.created().isBefore(since) && j.created().isBefore(until))
                    .sorted(java.util.Comparator.comparing(JobRow::created))
                    .forEach(j -> rows.add(row(j, int64)));
        } else if (fieldView.find()) {
            List<List<String>> paths = fieldPaths.get(fieldView.group(1) + "." + fieldView.group(2));
            if (paths == null) {
                return error(404, "notFound", "Not found: Dataset " + fieldView.group(1) + ":" + fieldView.group(2));
            }
            for (String c : List.of("table_name", "field_path", "data_type")) {
                schema.addObject().put("name", c).put("type", "STRING").put("mode", "NULLABLE");
            }
            for (List<String> r : paths) {
                ArrayNode f = JSON.createArrayNode();
                r.forEach(v -> f.addObject().put("v", v));
                rows.add(f);
            }
        } else {
            return error(400, "invalidQuery", "the stand-in only answers INFORMATION_SCHEMA queries: " + sql);
        }
        String jobId = "standin_" + results.size();
        results.put(jobId, new Result(project, sql, schema, rows, List.of()));
        ObjectNode reply = page(jobId, Map.of(), "bigquery#queryResponse");
        reply.set("schema", JSON.createObjectNode().set("fields", schema));
        return reply;
    }

    private ObjectNode page(String jobId, Map<String, String> params, String kind) {
        Result result = results.get(jobId);
        if (result == null) {
            return error(404, "notFound", "Not found: Job " + jobId);
        }
        int from = params.containsKey("pageToken") ? Integer.parseInt(params.get("pageToken")) : 0;
        int to = Math.min(result.rows().size(), from + pageSize);
        ObjectNode reply = JSON.createObjectNode().put("kind", kind).put("totalRows", String.valueOf(result.rows().size()))
                .put("jobComplete", true);
        reply.putObject("jobReference").put("projectId", result.project()).put("jobId", jobId).put("location", "US");
        if (kind.equals("bigquery#getQueryResultsResponse")) {
            reply.set("schema", JSON.createObjectNode().set("fields", result.schema()));
        }
        ArrayNode rows = reply.putArray("rows");
        for (ArrayNode r : result.rows().subList(from, to)) {
            rows.addObject().set("f", r);
        }
        if (to < result.rows().size()) {
            reply.put("pageToken", String.valueOf(to));
        }
        return reply;
    }

    private ObjectNode job(String project, String jobId) {
        Result result = results.get(jobId);
        if (result == null) {
            return error(404, "notFound", "Not found: Job " + jobId);
        }
        ObjectNode job = JSON.createObjectNode().put("kind", "bigquery#job").put("id", project + ":US." + jobId);
        job.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
        ObjectNode query = job.putObject("configuration").putObject("query").put("query", result.sql());
        query.putObject("destinationTable").put("projectId", project).put("datasetId", "_standin").put("tableId", "anon_" + jobId);
        job.putObject("status").put("state", "DONE");
        long now = System.currentTimeMillis();
        job.putObject("statistics").put("creationTime", String.valueOf(now)).put("startTime", String.valueOf(now))
                .put("endTime", String.valueOf(now));
        return job;
    }

    private static ArrayNode row(JobRow j, boolean int64Timestamps) {
        ArrayNode f = JSON.createArrayNode();
        f.addObject().put("v", j.jobId());
        f.addObject().put("v", j.project());
        f.addObject().put("v", j.user());
        long micros = j.created().getEpochSecond() * 1_000_000 + j.created().getNano() / 1_000;
        // BigQuery sends timestamps as epoch seconds in floating-point text, or as int64 micros when asked
        f.addObject().put("v", int64Timestamps ? String.valueOf(micros)
                : new java.math.BigDecimal(micros).movePointLeft(6).toString());
        f.addObject().put("v", j.statementType());
        f.addObject().put("v", j.query());
        if (j.destination() == null) {
            f.addObject().putNull("v");
            f.addObject().putNull("v");
            f.addObject().putNull("v");
        } else {
            String[] d = j.destination().split("\\.");
            f.addObject().put("v", d[0]);
            f.addObject().put("v", d[1]);
            f.addObject().put("v", d[2]);
        }
        ArrayNode refs = f.addObject().putArray("v");
        j.referenced().forEach(r -> refs.addObject().put("v", r));
        if (j.sessionId() == null) {
            f.addObject().putNull("v");
        } else {
            f.addObject().put("v", j.sessionId());
        }
        return f;
    }

    /** Query parameter timestamps as the client formats them ({@code 2026-11-01 00:00:00.000000+00:00}). */
    static Instant timestamp(String value) {
        String v = value.replace('T', ' ').replaceAll("(\\+00:00|Z| UTC)$", "");
        return LocalDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]")).toInstant(ZoneOffset.UTC);
    }

    private static ObjectNode error(int code, String reason, String message) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode e = o.putObject("error").put("code", code).put("message", message).put("status", reason);
        e.putArray("errors").addObject().put("reason", reason).put("message", message);
        return o;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
