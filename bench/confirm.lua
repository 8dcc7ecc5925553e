-- wrk script for the confirmation links: each thread opens its own share of the links of the
-- pledges placed by the POST load (BENCH_LINKS, one path a line, written by bench/run), each
-- once; a thread that has opened all of its share starts again, and those answers, which only
-- lead to the private page, are not counted as confirmations by bench/run.
local links = {}
for line in io.lines(os.getenv("BENCH_LINKS")) do
  links[#links + 1] = line
end
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  position = id + 1
end

function request()
  local path = links[position]
  position = position + tonumber(os.getenv("BENCH_THREADS"))
  if position > #links then
    position = id + 1
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    io.write(string.format("status %d %d\n", status, n))
  end
end
