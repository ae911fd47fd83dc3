-- wrk script of benchmarks/wrk/ingest.sh: each request records a touchpoint on one of the customers listed in
-- $CUSTOMERS (one id a line), with an Idempotency-Key of its own, as a client system would send it.
local threads = {}
local customers = {}
local token, run
-- id (set by setup) and statuses are globals of each thread, so that done() can read them through thread:get
id = 0
statuses = {}
local sent = 0

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   for line in io.lines(os.getenv("CUSTOMERS")) do
      customers[#customers + 1] = line
   end
   token = os.getenv("TOKEN")
   run = os.getenv("RUN") or tostring(os.time())
end

local body = '{"channel": "PHONE", "direction": "INBOUND", "purpose": "benchmark", "valence": "POSITIVE"}'

function request()
   sent = sent + 1
   local customer = customers[(sent * 7919 + id * 104729) % #customers + 1]
   return wrk.format("POST", "/customers/" .. customer .. "/touchpoints", {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = run .. "-" .. id .. "-" .. sent,
   }, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   for status, count in pairs(totals) do
      io.write(string.format("STATUS %d %d\n", status, count))
   end
   io.write(string.format("LATENCY p50 %.2f p99 %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
