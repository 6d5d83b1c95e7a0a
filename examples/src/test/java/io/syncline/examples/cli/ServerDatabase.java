package io.syncline.examples.cli;

import io.syncline.testing.CiAssumptions;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jdbi.v3.core.Jdbi;

/**
 * The database servers the examples' tests share, as this machine and CI provide them (the same
 * servers as jdbc-store's {@code TestServer}). Unreachable: the test is skipped with a message
 * saying what to start; under {@code CI=true} it fails instead, since CI starts both.
 */
enum ServerDatabase {
  /** PostgreSQL at 127.0.0.1:5432, user postgres (trust), database test. */
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", 5432),
  /** MariaDB at 127.0.0.1:3306, user root without password, database test. */
  MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", 3306);

  final String url;
  final String user;
  private final int port;

  ServerDatabase(String url, String user, int port) {
    this.url = url;
    this.user = user;
    this.port = port;
  }

  /** Skips (or, in CI, fails) the calling test when the server does not answer. */
  void assumeReachable() {
    boolean up;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      up = true;
    } catch (Exception e) {
      up = false;
    }
    CiAssumptions.assumeAvailable(up, name() + " not reachable at 127.0.0.1:" + port + " (" + url + ", user " + user
        + "); start it (.ci/run does) to run this test");
  }

  /** @return a Jdbi on the server (a small pool) */
  Jdbi jdbi() {
    return SyncWiring.jdbi(url, user, null);
  }
}
