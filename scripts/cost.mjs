#!/usr/bin/env node
// Monthly cost of symval at 1,000, 100,000 and 1,000,000 members (5 domains each, 10 site visits
// per member per day), from AWS's published us-east-1 prices, for the sharded layout and for
// the whole-file path, next to the design's own estimate. `node scripts/cost.mjs` prints the
// Markdown tables of docs/cost.md; every assumption is a named constant below.

// ---- prices (us-east-1, on-demand; sources in docs/cost.md) ----
const PRICE = {
  s3PutPer1k: 0.005, // PUT, COPY, POST, LIST
  s3GetPer1k: 0.0004, // GET, HEAD
  s3GbMonth: 0.023,
  cfGbOut: 0.085, // first 10 TB, United States
  cfHttpsPer10k: 0.01,
  cfFreeGb: 1024, // always-free tier: 1 TB out
  cfFreeRequests: 10_000_000,
  ddbWritePerM: 0.625,
  ddbReadPerM: 0.125,
  ddbGbMonth: 0.25,
  lambdaPerM: 0.2,
  lambdaGbSecond: 0.0000166667,
  lambdaFreeRequests: 1_000_000,
  lambdaFreeGbSeconds: 400_000,
};

// ---- the workload ----
const DOMAINS = 5;
const VISITS_PER_MEMBER_DAY = 10;
const DAYS = 30;
const RECORD_BYTES = 270; // one entry of records/domains.json (measured: 27 MiB / 100,000)
const ITEM_BYTES = 300; // one DynamoDB item with its keys and index
const BATCH = 100; // stream records per Lambda batch
const GZIP = 0.2; // JSON of the club compresses about 5x (CloudFront compresses JSON)
const MISS = 0.1; // CloudFront requests that reach S3
const LAMBDA_GB = 1; // memory of the streamer and re-attestation
// Re-attestation refreshes every record once a day (the design's model), so the stream
// carries DOMAINS records per member per day.
const REATTEST_DNS_SECONDS = 0.05; // one DNS lookup, 32 at once
const REATTEST_CONCURRENCY = 32;

// ---- the sharded layout (bench: ~40 records a shard, 32 children a node) ----
const RECORDS_PER_SHARD = 40;
const SHARD_BYTES = RECORDS_PER_SHARD * 200;
function shardedBatch(records) {
  const shards = Math.max(1, Math.ceil(records / RECORDS_PER_SHARD));
  // Distinct shards 100 random records touch.
  const touched = shards * (1 - (1 - 1 / shards) ** BATCH);
  const levels = Math.max(1, Math.ceil(Math.log(shards) / Math.log(32)));
  const nodes = Math.min(touched, shards / 32) + levels;
  // Public + private shard each, nodes, index, a directory bucket, retired list, root.
  const puts = 2 * touched + nodes + 4;
  // Root, the touched private shards when not cached (assume half), and the HEAD check.
  const gets = 2 + touched / 2;
  const seconds = 0.3 + 0.004 * touched; // S3 round trips at 32 at once, measured CPU ~0.5 s/100 events under load
  return { puts, gets, seconds };
}
const WHOLE_FILE_INTERVAL_S = 300;
const WHOLE_FILE_THRESHOLD = 4 * 2 ** 20;
// Today's whole-file path: load the state, apply, serialise and write both (issue 15: 430 ms
// CPU for 100,000 records, so ~4.3 us a record, plus moving the bytes).
function wholeFileBatch(records) {
  return {
    puts: 3,
    gets: 2,
    seconds: 0.2 + 4.3e-6 * records + (records * RECORD_BYTES * 3) / 100e6,
  };
}

// A members-page visit: sharded reads index + one node a level + one or two shards.
function visitSharded(records) {
  const shards = Math.max(1, Math.ceil(records / RECORDS_PER_SHARD));
  const levels = Math.max(1, Math.ceil(Math.log(shards) / Math.log(32)));
  const requests = 1 + (levels - 1) + 2;
  const bytes = 32 * 150 * levels + 2 * SHARD_BYTES;
  return { requests, bytes: bytes * GZIP };
}
function visitWhole(records) {
  return { requests: 1, bytes: records * RECORD_BYTES * GZIP };
}

function monthly(members, mode) {
  const records = members * DOMAINS;
  const writesMonth = records * DAYS;
  const batches = writesMonth / BATCH;
  const batch = mode === 'sharded' ? shardedBatch(records) : wholeFileBatch(records);
  const visits = members * VISITS_PER_MEMBER_DAY * DAYS;
  const visit = mode === 'sharded' ? visitSharded(records) : visitWhole(records);
  const wholeBytes = records * RECORD_BYTES;
  let s3Puts = batches * batch.puts;
  if (mode === 'sharded') {
    // The whole file: with every batch below the threshold, else once per interval at most.
    const publishes =
      wholeBytes <= WHOLE_FILE_THRESHOLD
        ? batches
        : Math.min(batches, (DAYS * 86400) / WHOLE_FILE_INTERVAL_S);
    s3Puts += publishes * 2;
  }
  const cfRequests = visits * visit.requests;
  const cfGb = (visits * visit.bytes) / 2 ** 30;
  const s3Gets = batches * batch.gets + cfRequests * MISS;
  const storageGb = (mode === 'sharded' ? 3 * wholeBytes : 2 * wholeBytes) / 2 ** 30; // layout + state (+ whole file)
  const s3 =
    (s3Puts / 1000) * PRICE.s3PutPer1k +
    (s3Gets / 1000) * PRICE.s3GetPer1k +
    storageGb * PRICE.s3GbMonth;
  const cloudfront =
    Math.max(0, cfGb - PRICE.cfFreeGb) * PRICE.cfGbOut +
    (Math.max(0, cfRequests - PRICE.cfFreeRequests) / 10_000) * PRICE.cfHttpsPer10k;
  const dynamodb =
    (writesMonth / 1e6) * PRICE.ddbWritePerM +
    ((records * ITEM_BYTES) / 2 ** 30) * PRICE.ddbGbMonth;
  const reattestSeconds = ((records * REATTEST_DNS_SECONDS) / REATTEST_CONCURRENCY) * DAYS;
  const gbSeconds = (batches * batch.seconds + reattestSeconds) * LAMBDA_GB;
  const lambda =
    (Math.max(0, batches + DAYS - PRICE.lambdaFreeRequests) / 1e6) * PRICE.lambdaPerM +
    Math.max(0, gbSeconds - PRICE.lambdaFreeGbSeconds) * PRICE.lambdaGbSecond;
  return {
    s3,
    cloudfront,
    dynamodb,
    lambda,
    total: s3 + cloudfront + dynamodb + lambda,
    s3Puts,
    cfGb,
    batches,
    secondsPerBatch: batch.seconds,
  };
}

// The design's own estimate (seeds/symval-design.txt): DynamoDB only, $0.25/GB-month,
// $0.000000625 a write, $0.000000125 a read, every record written and read once a day; and
// $6.25/month at 1,000 members if the site read DynamoDB directly (10 visits x 5,000 records).
function design(members) {
  const records = members * DOMAINS;
  const storage = ((records * 250) / 2 ** 30) * 0.25;
  const writes = records * DAYS * 0.000000625;
  const reads = records * DAYS * 0.000000125;
  // The design's $6.25 at 1,000 members, scaled as it grows: visits x records read per visit.
  const siteFromDynamo = 6.25 * (members / 1000) ** 2;
  return { total: storage + writes + reads, siteFromDynamo };
}

const usd = (n) =>
  n < 0.01
    ? '$0.00'
    : `$${n.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 })}`;
const SIZES = [1_000, 100_000, 1_000_000];
const lines = [];
lines.push(
  '| members | layout | S3 | CloudFront | DynamoDB | Lambda | total / month | S3 PUTs | CloudFront GB | s per batch |',
);
lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const m of SIZES) {
  for (const mode of ['sharded', 'whole-file']) {
    const c = monthly(m, mode);
    lines.push(
      `| ${m.toLocaleString('en')} | ${mode} | ${usd(c.s3)} | ${usd(c.cloudfront)} | ${usd(c.dynamodb)} | ${usd(c.lambda)} | **${usd(c.total)}** | ${Math.round(c.s3Puts).toLocaleString('en')} | ${Math.round(c.cfGb).toLocaleString('en')} | ${c.secondsPerBatch.toFixed(2)} |`,
    );
  }
}
lines.push('');
lines.push(
  '| members | design: DynamoDB storage + writes + reads | design: site reading DynamoDB directly |',
);
lines.push('|---:|---:|---:|');
for (const m of SIZES) {
  const d = design(m);
  lines.push(`| ${m.toLocaleString('en')} | ${usd(d.total)} | ${usd(d.siteFromDynamo)} |`);
}
console.log(lines.join('\n'));
