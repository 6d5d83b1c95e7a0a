package io.syncline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JobRepositoryFactoryBean;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What a Java team would write instead of Syncline: a Spring Batch 5 job with a hand-written
 * keyset reader over the same API ({@code per_page=500&sort=id&since_id=…}, the same requests
 * Syncline's backfill sends, restartable from the last id in the step's execution context),
 * chunks of 500, and a {@link JdbcBatchItemWriter} doing a batch
 * {@code INSERT … ON CONFLICT DO UPDATE} (H2: {@code MERGE … KEY}) of the JSON payload and two
 * timestamp columns, with Spring Batch's JDBC job repository in the same database (what Spring
 * Boot configures). It keeps no version guard, no counts of what changed, no state row of its
 * own: the chunk's step execution is its checkpoint.
 *
 * <p>Runs in-process ({@link #run}) or as a whole process ({@link #main}). Not thread-safe.
 */
public final class SpringBatchJob {
  /** The job's own table; every table it creates starts with {@code bench_sb_}. */
  static final String TABLE = "bench_sb_orders";
  private static final String BATCH_PREFIX = "BENCH_SB_BATCH_";
  private static final int CHUNK = 500;

  private final Database db;
  private final DataSource dataSource;

  /**
   * @param db the database kind
   * @param dataSource where the job writes
   */
  public SpringBatchJob(Database db, DataSource dataSource) {
    this.db = db;
    this.dataSource = dataSource;
  }

  /**
   * Creates the job's table and Spring Batch's tables, dropping earlier ones.
   *
   * @throws SQLException on failure
   */
  public void recreate() throws SQLException {
    drop();
    String ddl = db == Database.POSTGRESQL
        ? "CREATE TABLE " + TABLE + " (id VARCHAR(255) PRIMARY KEY, payload JSON NOT NULL,"
            + " updated_at TIMESTAMPTZ, fetched_at TIMESTAMPTZ NOT NULL)"
        : "CREATE TABLE " + TABLE + " (id VARCHAR(255) PRIMARY KEY, payload CHARACTER VARYING NOT NULL,"
            + " updated_at TIMESTAMP(6) WITH TIME ZONE, fetched_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(ddl);
    }
    script("schema-" + scriptName() + ".sql", false);
  }

  /**
   * Drops the job's tables.
   *
   * @throws SQLException on failure
   */
  public void drop() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
    }
    script("schema-drop-" + scriptName() + ".sql", true);
  }

  private String scriptName() {
    return db == Database.POSTGRESQL ? "postgresql" : "h2";
  }

  private void script(String name, boolean continueOnError) {
    String path = "org/springframework/batch/core/" + name;
    String text;
    try (InputStream in = SpringBatchJob.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
        new ByteArrayResource(text.replace("BATCH_", BATCH_PREFIX).getBytes(StandardCharsets.UTF_8)));
    populator.setContinueOnError(continueOnError);
    populator.execute(dataSource);
  }

  /**
   * Runs the job once, from the first order.
   *
   * @param api the API's base URL
   * @param token the bearer token
   * @return how many orders it wrote
   * @throws Exception on failure
   */
  public long run(URI api, String token) throws Exception {
    JdbcTransactionManager tx = new JdbcTransactionManager(dataSource);
    JobRepositoryFactoryBean factory = new JobRepositoryFactoryBean();
    factory.setDataSource(dataSource);
    factory.setTransactionManager(tx);
    factory.setTablePrefix(BATCH_PREFIX);
    factory.afterPropertiesSet();
    JobRepository repository = factory.getObject();

    Instant fetchedAt = Instant.now();
    String sql = db == Database.POSTGRESQL
        ? "INSERT INTO " + TABLE + " (id, payload, updated_at, fetched_at) VALUES (:id, CAST(:payload AS JSON),"
            + " :updatedAt, :fetchedAt) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload,"
            + " updated_at = EXCLUDED.updated_at, fetched_at = EXCLUDED.fetched_at"
        : "MERGE INTO " + TABLE + " (id, payload, updated_at, fetched_at) KEY (id)"
            + " VALUES (:id, :payload, :updatedAt, :fetchedAt)";
    JdbcBatchItemWriter<Order> writer = new JdbcBatchItemWriterBuilder<Order>().dataSource(dataSource).sql(sql)
        .itemSqlParameterSourceProvider(o -> new MapSqlParameterSource().addValue("id", o.id())
            .addValue("payload", o.json()).addValue("updatedAt", o.updatedAt())
            .addValue("fetchedAt", OffsetDateTime.ofInstant(fetchedAt, ZoneOffset.UTC)))
        .build();
    writer.afterPropertiesSet();
    Step step = new StepBuilder("orders", repository).<Order, Order>chunk(CHUNK, tx)
        .reader(new KeysetReader(api, token)).writer(writer).build();
    Job job = new JobBuilder("backfill-orders", repository).start(step).build();
    TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
    launcher.setJobRepository(repository);
    launcher.afterPropertiesSet();
    JobExecution execution = launcher.run(job, new JobParametersBuilder()
        .addLong("run", System.nanoTime()).toJobParameters());
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      throw new IllegalStateException("Spring Batch job ended " + execution.getStatus() + ": "
          + execution.getAllFailureExceptions());
    }
    return execution.getStepExecutions().iterator().next().getWriteCount();
  }

  /** One order as the job carries it. */
  record Order(String id, String json, OffsetDateTime updatedAt) {}

  /**
   * A keyset reader over the API: one page of 500 per request, ordered by id, from the last id
   * read; the last id goes into the step's execution context at every chunk (restartable).
   */
  static final class KeysetReader implements ItemStreamReader<Order> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI api;
    private final String token;
    private final Deque<Order> buffer = new ArrayDeque<>();
    private long lastId;
    private long lastReturned;
    private boolean more = true;

    KeysetReader(URI api, String token) {
      this.api = api;
      this.token = token;
    }

    @Override
    public void open(ExecutionContext context) {
      lastId = context.getLong("lastId", 0L);
      lastReturned = lastId;
    }

    @Override
    public void update(ExecutionContext context) {
      context.putLong("lastId", lastReturned);
    }

    @Override
    public Order read() throws Exception {
      if (buffer.isEmpty() && more) {
        fetch();
      }
      Order next = buffer.poll();
      if (next != null) {
        lastReturned = Long.parseLong(next.id());
      }
      return next;
    }

    private void fetch() throws IOException, InterruptedException {
      URI uri = api.resolve("/v1/orders?page=1&per_page=" + CHUNK + "&sort=id&since_id=" + lastId);
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
      }
      JsonNode body = JSON.readTree(response.body());
      for (JsonNode record : body.path("data")) {
        lastId = record.path("id").asLong();
        buffer.add(new Order(Long.toString(lastId), JSON.writeValueAsString(record),
            OffsetDateTime.parse(record.path("updated_at").asText())));
      }
      more = !body.path("data").isEmpty() && body.path("meta").path("has_more").asBoolean(false);
    }
  }

  /**
   * The job as a whole process: {@code <api-url> <token> <jdbc-url> [user]}; creates its tables,
   * runs once, prints the count written.
   *
   * @param args the arguments
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SpringBatchJob <api-url> <token> <jdbc-url> [user]");
      System.exit(2);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[2]);
    if (args.length > 3) {
      config.setUsername(args[3]);
    }
    try (HikariDataSource ds = new HikariDataSource(config)) {
      Database db = args[2].startsWith("jdbc:postgresql:") ? Database.POSTGRESQL : Database.H2;
      SpringBatchJob job = new SpringBatchJob(db, ds);
      job.recreate();
      long written = job.run(URI.create(args[0]), args[1]);
      System.out.printf(Locale.ROOT, "%d%n", written);
    }
  }
}
