import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
const extra = process.argv[2] ? ["-c", `shared_buffers=${process.argv[2]}`] : [];
const mu = () => {
  const m = process.memoryUsage();
  return `rss ${(m.rss / 2 ** 20).toFixed(0)} heap ${(m.heapUsed / 2 ** 20).toFixed(0)} ext ${(m.external / 2 ** 20).toFixed(0)} ab ${(m.arrayBuffers / 2 ** 20).toFixed(0)}`;
};
console.log("start", mu());
const db = await PGlite.create({ extensions: { vector }, ...(extra.length ? { startParams: [...PGlite.defaultStartParams, ...extra] } : {}) });
console.log("open", mu(), (await db.query("show shared_buffers")).rows);
await db.exec("create extension if not exists vector; create table v (id int primary key, e vector(384), m text)");
const lit = `[${Array.from({ length: 384 }, () => Math.random().toFixed(7)).join(",")}]`;
for (let i = 0; i < 20000; i += 200) {
  const rows = Array.from({ length: 200 }, (_, j) => `(${i + j}, '${lit}', repeat('x', 1500))`);
  await db.query(`insert into v values ${rows.join(",")}`);
}
console.log("after 20k", mu());
await db.query("select count(*) from v");
console.log("end", mu());
