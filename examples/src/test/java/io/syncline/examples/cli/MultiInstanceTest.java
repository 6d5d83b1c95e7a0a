package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.examples.fieldservice.FieldServiceResources;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several application instances, each an engine in its own JVM ({@link EngineInstance}), sharing
 * one PostgreSQL or MariaDB database and one API: every resource is synced by exactly one instance
 * at a time, every resource gets synced, busy resources are skipped rather than failed, and a
 * holder killed with {@code kill -9} loses its resource to another instance — after its lease
 * expires when that instance runs on another host, at once when it runs on the same host.
 */
class MultiInstanceTest {
  private static final String TOKEN = "multi-instance-token";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  Path dir;

  private FieldServiceServer server;
  private final List<Process> children = new ArrayList<>();
  private ServerDatabase db;
  private String prefix;

  /** One line of an instance's event log. */
  record Event(long nanos, String instance, String kind, String resource, String detail) {}

  @BeforeEach
  void startServer() {
    server = FieldServiceServer.builder().port(0).token(TOKEN).orders(1500).equipments(400).technicians(60)
        .seed(5).build().start();
  }

  @AfterEach
  void stopAll() {
    children.forEach(Process::destroyForcibly);
    server.stop();
    if (db != null) {
      Jdbi jdbi = db.jdbi();
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + prefix + "sync_record");
        h.execute("DROP TABLE IF EXISTS " + prefix + "sync_state");
        h.execute("DROP TABLE IF EXISTS " + prefix + "rejected_record");
      });
    }
  }

  private JdbcRecordStore prepare(ServerDatabase database) {
    database.assumeReachable();
    db = database;
    prefix = "slmulti_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet() + "_";
    JdbcRecordStore store = JdbcRecordStore.builder(database.jdbi()).tablePrefix(prefix).build();
    store.migrate();
    return store;
  }

  private Process instance(String name, String host, Duration lease, String mode) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), EngineInstance.class.getName(),
        server.baseUrl().toString(), TOKEN, db.url, db.user, prefix, host, Long.toString(lease.toMillis()), mode,
        dir.resolve(name + ".events").toString(), dir.resolve("go").toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile())
        .start();
    children.add(p);
    return p;
  }

  private List<Event> events(String name) throws Exception {
    Path f = dir.resolve(name + ".events");
    List<Event> list = new ArrayList<>();
    if (!Files.exists(f)) {
      return list;
    }
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String[] p = line.split(" ", 4);
      if (p.length >= 3) {
        list.add(new Event(Long.parseLong(p[0]), name, p[1], p[2], p.length > 3 ? p[3] : ""));
      }
    }
    return list;
  }

  private String output(String name) throws Exception {
    return Files.readString(dir.resolve(name + ".out")) + "\n--- events:\n"
        + (Files.exists(dir.resolve(name + ".events")) ? Files.readString(dir.resolve(name + ".events")) : "");
  }

  private void awaitReady(String... names) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String n : names) {
      while (events(n).stream().noneMatch(e -> e.kind().equals("READY"))) {
        assertThat(System.nanoTime()).as("%s not ready:%n%s", n, output(n)).isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private void await(String name, java.util.function.Predicate<List<Event>> condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.test(events(name))) {
      assertThat(System.nanoTime()).as("timed out waiting for %s:%n%s", what, output(name)).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private void awaitExit(Process p, String name) throws Exception {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s still running:%n%s", name, output(name)).isTrue();
    assertThat(p.exitValue()).as(output(name)).isZero();
  }

  private void assertEveryResourceMatchesTheServer(JdbcRecordStore store) throws Exception {
    for (Resource r : FieldServiceResources.all()) {
      assertThat(ApiSnapshot.stored(store, r.name())).as(r.name())
          .isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN, r.name()));
    }
  }

  /** Per resource, the runs of all instances ordered by start: none may begin before the previous one ended. */
  private static void assertOneRunAtATimePerResource(List<Event> all) {
    Map<String, List<long[]>> runs = new TreeMap<>();
    Map<String, Long> open = new TreeMap<>();
    for (Event e : all) {
      String key = e.instance() + "|" + e.resource();
      if (e.kind().equals("START")) {
        open.put(key, e.nanos());
      } else if (e.kind().equals("END") || e.kind().equals("FAILED")) {
        Long start = open.remove(key);
        if (start != null) {
          runs.computeIfAbsent(e.resource(), k -> new ArrayList<>()).add(new long[] {start, e.nanos()});
        }
      }
    }
    assertThat(open).as("runs that never ended").isEmpty();
    for (Map.Entry<String, List<long[]>> r : runs.entrySet()) {
      List<long[]> list = r.getValue();
      list.sort(Comparator.comparingLong(x -> x[0]));
      for (int i = 1; i < list.size(); i++) {
        assertThat(list.get(i)[0]).as("%s: run %d started before run %d ended", r.getKey(), i, i - 1)
            .isGreaterThanOrEqualTo(list.get(i - 1)[1]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ServerDatabase.class)
  @Timeout(240)
  void severalInstancesSyncEachResourceOneAtATimeAndTogetherSyncEverything(ServerDatabase database) throws Exception {
    JdbcRecordStore store = prepare(database);
    String[] names = {"a", "b", "c"};
    List<Process> ps = new ArrayList<>();
    for (String n : names) {
      ps.add(instance(n, "-", Duration.ofSeconds(30), "rounds:4"));
    }
    awaitReady(names);
    Files.createFile(dir.resolve("go"));
    for (int i = 0; i < names.length; i++) {
      awaitExit(ps.get(i), names[i]);
    }

    List<Event> all = new ArrayList<>();
    for (String n : names) {
      all.addAll(events(n));
    }
    all.sort(Comparator.comparingLong(Event::nanos));
    assertOneRunAtATimePerResource(all);
    assertThat(all).filteredOn(e -> e.kind().equals("FAILED")).as("no instance failed").isEmpty();
    assertThat(all).filteredOn(e -> e.kind().equals("SKIP")).as("busy resources were skipped, not failed")
        .isNotEmpty().allSatisfy(e -> assertThat(e.detail()).contains("skipped: busy, held by pid"));
    for (Resource r : FieldServiceResources.all()) {
      assertThat(all).filteredOn(e -> e.kind().equals("END") && e.resource().equals(r.name()))
          .as("%s synced", r.name()).isNotEmpty();
    }
    assertEveryResourceMatchesTheServer(store);
    long runs = all.stream().filter(e -> e.kind().equals("START")).count();
    long skips = all.stream().filter(e -> e.kind().equals("SKIP")).count();
    System.out.printf("%s: 3 instances x 4 rounds: %d runs, %d skipped as busy, no overlap%n", database, runs, skips);
  }

  @ParameterizedTest
  @EnumSource(ServerDatabase.class)
  @Timeout(240)
  void aKilledHoldersResourceIsPickedUpOnAnotherHostOnceItsLeaseExpires(ServerDatabase database) throws Exception {
    JdbcRecordStore store = prepare(database);
    // Long enough that the second JVM surely starts while the killed holder's lease still runs
    // (a loaded machine took over 20 s to start it), short enough to wait out.
    Duration lease = Duration.ofSeconds(30);
    server.faults().delay(Duration.ofMillis(40));
    Process killed = instance("killed", "host-k", lease, "until-synced");
    awaitReady("killed");
    Files.createFile(dir.resolve("go"));
    await("killed", ev -> ev.stream().filter(e -> e.kind().equals("PAGE") && e.resource().equals("orders")).count() >= 3,
        "the first instance to commit orders pages");
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    server.faults().delay(Duration.ZERO);

    Process other = instance("other", "host-o", lease, "until-synced");
    awaitExit(other, "other");

    List<Event> ev = events("other");
    Event firstOrders = ev.stream().filter(e -> e.resource().equals("orders") && !e.kind().equals("PAGE"))
        .findFirst().orElseThrow();
    assertThat(firstOrders.kind()).as(output("other")).isEqualTo("SKIP");
    assertThat(firstOrders.detail()).contains("on host host-k");
    Event took = ev.stream().filter(e -> e.resource().equals("orders") && e.kind().equals("START")).findFirst()
        .orElseThrow();
    assertThat(took.detail()).doesNotContain("took over");
    assertThat(Duration.ofNanos(took.nanos() - killedAt)).as("waited for the lease")
        .isLessThan(lease.plusSeconds(10));
    assertEveryResourceMatchesTheServer(store);
    System.out.printf("%s: other host took the killed holder's orders %d ms after the kill (lease %d s)%n",
        database, (took.nanos() - killedAt) / 1_000_000, lease.toSeconds());
  }

  @ParameterizedTest
  @EnumSource(ServerDatabase.class)
  @Timeout(240)
  void aKilledHoldersResourceIsPickedUpAtOnceOnTheSameHost(ServerDatabase database) throws Exception {
    JdbcRecordStore store = prepare(database);
    Duration lease = Duration.ofMinutes(5);
    server.faults().delay(Duration.ofMillis(40));
    Process killed = instance("killed", "-", lease, "until-synced");
    awaitReady("killed");
    Files.createFile(dir.resolve("go"));
    await("killed", ev -> ev.stream().filter(e -> e.kind().equals("PAGE") && e.resource().equals("orders")).count() >= 3,
        "the first instance to commit orders pages");
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    server.faults().delay(Duration.ZERO);

    Process other = instance("other", "-", lease, "until-synced");
    awaitExit(other, "other");

    List<Event> ev = events("other");
    assertThat(ev).filteredOn(e -> e.kind().equals("SKIP")).as(output("other")).isEmpty();
    Event took = ev.stream().filter(e -> e.resource().equals("orders") && e.kind().equals("START")).findFirst()
        .orElseThrow();
    assertThat(took.detail()).contains("took over the lease of").contains("whose process is gone");
    assertEveryResourceMatchesTheServer(store);
  }
}
