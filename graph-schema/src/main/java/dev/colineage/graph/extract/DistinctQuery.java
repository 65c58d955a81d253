package dev.colineage.graph.extract;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import dev.colineage.graph.write.QueryRun;
import dev.colineage.graph.write.QueryRuns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * All runs of one query fingerprint in the window, folded: the query is analysed once, from its
 * newest run's text. Job ids are kept per day so that a row exported twice counts once. Merging is
 * associative and commutative, as Spark's {@code reduceByKey} needs.
 */
public final class DistinctQuery implements Serializable {

    private final JobRun latest;
    private final Instant firstSeen;
    private final Map<LocalDate, Set<String>> jobsByDay;
    private final Set<String> users;

    private DistinctQuery(JobRun latest, Instant firstSeen, Map<LocalDate, Set<String>> jobsByDay, Set<String> users) {
        this.latest = latest;
        this.firstSeen = firstSeen;
        this.jobsByDay = jobsByDay;
        this.users = users;
    }

    public static DistinctQuery of(JobRun run) {
        Objects.requireNonNull(run, "run is null");
        Map<LocalDate, Set<String>> days = new HashMap<>();
        days.computeIfAbsent(day(run.creationTime()), d -> new HashSet<>())
                .add(new QueryRun(run.creationTime(), QueryRun.storable(run.jobId())).stored());
        Set<String> users = new HashSet<>();
        if (!run.userEmail().isEmpty()) {
            users.add(run.userEmail());
        }
        return new DistinctQuery(run, run.creationTime(), days, users);
    }

    public DistinctQuery merge(DistinctQuery other) {
        if (!other.latest.fingerprint().equals(latest.fingerprint())) {
            throw new IllegalArgumentException("merging different fingerprints");
        }
        // the newest run is the sample; equal times break by job id so the merge order never matters
        int c = other.latest.creationTime().compareTo(latest.creationTime());
        JobRun newest = c > 0 || (c == 0 && other.latest.jobId().compareTo(latest.jobId()) > 0) ? other.latest : latest;
        // runs as stored text (time|job id): a job exported twice is one run
        Map<LocalDate, Set<String>> days = new HashMap<>();
        jobsByDay.forEach((d, runs) -> days.computeIfAbsent(d, k -> new HashSet<>()).addAll(runs));
        other.jobsByDay.forEach((d, runs) -> days.computeIfAbsent(d, k -> new HashSet<>()).addAll(runs));
        Set<String> allUsers = new HashSet<>(users);
        allUsers.addAll(other.users);
        Instant first = firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen;
        return new DistinctQuery(newest, first, days, allUsers);
    }

    public String fingerprint() {
        return latest.fingerprint();
    }

    /** The newest run: its text is the one analysed and shown. */
    public JobRun latest() {
        return latest;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Map<LocalDate, Integer> runsByDay() {
        Map<LocalDate, Integer> runs = new HashMap<>();
        jobsByDay.forEach((d, ids) -> runs.put(d, ids.size()));
        return runs;
    }

    public long runs() {
        return jobsByDay.values().stream().mapToLong(Set::size).sum();
    }

    /** Every run of the window, by time. */
    public QueryRuns jobRuns() {
        List<String> stored = new ArrayList<>();
        jobsByDay.values().forEach(stored::addAll);
        return QueryRuns.ofStored(stored);
    }

    public Set<String> users() {
        return Set.copyOf(users);
    }

    /** Jobs of a BigQuery session share temp tables, so they are analysed together, in order. */
    public String analysisUnit() {
        return latest.sessionId().isEmpty() ? "query:" + latest.fingerprint() : "session:" + latest.sessionId();
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
