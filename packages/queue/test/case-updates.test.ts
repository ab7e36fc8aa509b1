import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCaseUpdate, CaseUpdateHub } from "../src/case-updates.ts";
import { caseUpdatesChannel } from "../src/names.ts";

// pub/sub channels are server-wide (not per database): every case id here is random
const REDIS_URL = "redis://127.0.0.1:6379/5";
let publisher: Redis;
let admin: Redis;

beforeAll(() => {
  publisher = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  admin = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(() => {
  publisher.disconnect();
  admin.disconnect();
});

const caseId = () => `c${randomUUID().replaceAll("-", "")}`;
const subscribers = async (id: string) => ((await admin.call("PUBSUB", "NUMSUB", caseUpdatesChannel(id))) as [string, number])[1];

describe("CaseUpdateHub", () => {
  it("calls the listeners of a case, and only them", async () => {
    const hub = new CaseUpdateHub(REDIS_URL);
    const [a, b] = [caseId(), caseId()];
    const heard: string[] = [];
    const stopA = await hub.listen(a, () => heard.push("a"));
    const stopB = await hub.listen(b, () => heard.push("b"));
    await announceCaseUpdate(publisher, a);
    await expect.poll(() => heard).toEqual(["a"]);
    await announceCaseUpdate(publisher, b);
    await expect.poll(() => heard).toEqual(["a", "b"]);
    stopA();
    stopB();
    await hub.close();
  });

  it("passes the announced status to listeners (null for a bare change)", async () => {
    const hub = new CaseUpdateHub(REDIS_URL);
    const id = caseId();
    const heard: Array<string | null> = [];
    const stop = await hub.listen(id, (status) => heard.push(status));
    await announceCaseUpdate(publisher, id, "processing");
    await announceCaseUpdate(publisher, id, "done");
    await announceCaseUpdate(publisher, id);
    await publisher.publish(caseUpdatesChannel(id), "garbage");
    await expect.poll(() => heard).toEqual(["processing", "done", null, null]);
    stop();
    await hub.close();
  });

  it("shares one connection and one subscription per case between listeners, and unsubscribes after the last", async () => {
    const hub = new CaseUpdateHub(REDIS_URL);
    const id = caseId();
    let first = 0;
    let second = 0;
    const stopFirst = await hub.listen(id, () => first++);
    const stopSecond = await hub.listen(id, () => second++);
    await hub.listen(caseId(), () => {});
    expect(await subscribers(id)).toBe(1);
    expect(hub.channelCount).toBe(2);

    await announceCaseUpdate(publisher, id);
    await expect.poll(() => [first, second]).toEqual([1, 1]);
    stopFirst();
    stopFirst(); // twice is harmless
    await announceCaseUpdate(publisher, id);
    await expect.poll(() => second).toBe(2);
    expect(first).toBe(1);
    expect(await subscribers(id)).toBe(1);
    stopSecond();
    await expect.poll(() => subscribers(id)).toBe(0);
    await hub.close();
  });

  it("answers within its timeout while Redis is unreachable, instead of hanging the caller", async () => {
    const hub = new CaseUpdateHub("redis://127.0.0.1:6399", { subscribeTimeoutMs: 200 });
    const started = Date.now();
    const stop = await hub.listen(caseId(), () => {});
    expect(Date.now() - started).toBeLessThan(2000);
    stop();
    await hub.close();
  });

  it("hears announcements again after its connection was killed (Redis restart)", async () => {
    const connectionName = `hub-test-${randomUUID().slice(0, 8)}`;
    const hub = new CaseUpdateHub(REDIS_URL, { connectionName });
    const id = caseId();
    let heard = 0;
    const stop = await hub.listen(id, () => heard++);
    // only this hub's connection: other packages' tests may hold subscribers on the same server
    const clients = (await admin.call("CLIENT", "LIST", "TYPE", "pubsub")) as string;
    const clientId = /id=(\d+) .*name=(\S+)/.exec(clients.split("\n").find((line) => line.includes(`name=${connectionName} `)) ?? "")?.[1];
    expect(clientId).toBeDefined();
    await admin.call("CLIENT", "KILL", "ID", clientId!);
    // ioredis reconnects and subscribes again by itself
    await expect.poll(() => subscribers(id), { timeout: 10_000 }).toBe(1);
    await announceCaseUpdate(publisher, id);
    await expect.poll(() => heard).toBe(1);
    stop();
    await hub.close();
  });
});
