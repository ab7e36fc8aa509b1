// Checks that PostgreSQL and Redis answer, without any dependency (used by `pnpm start` and `pnpm test`).
import net from "node:net";

function tcpAnswers(host, port, probe, expect, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let data = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => {
      if (!probe) return done(true);
      socket.write(probe);
    });
    socket.on("data", (chunk) => {
      data += chunk.toString();
      if (expect.test(data)) done(true);
    });
  });
}

export async function checkServices({ databaseUrl, redisUrl }) {
  const db = new URL(databaseUrl);
  const redis = new URL(redisUrl);
  const problems = [];
  if (!(await tcpAnswers(db.hostname, Number(db.port || 5432), null, /./))) {
    problems.push(
      `PostgreSQL does not answer at ${db.hostname}:${db.port || 5432}. Start it:\n` +
        "    pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n" +
        "  or with Docker: docker compose up -d postgres",
    );
  }
  if (!(await tcpAnswers(redis.hostname, Number(redis.port || 6379), "PING\r\n", /\+PONG|-NOAUTH/))) {
    problems.push(
      `Redis does not answer at ${redis.hostname}:${redis.port || 6379}. Start it:\n` +
        '    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log\n' +
        "  or with Docker: docker compose up -d redis",
    );
  }
  return problems;
}
