-- wrk script of the read benchmark. Arguments: the path to request and, optionally, a file of
-- record ids, one a line, appended to the path in turn. Every answer that is not HTTP 200 with
-- a successful envelope is counted as bad. At the end it prints what Wrk.java reads: totals,
-- the mean, and the latency at each tenth of a percentile (microseconds).
local threads = {}

function setup(thread)
  thread:set("first", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  ids = {}
  if args[2] then
    for line in io.lines(args[2]) do
      ids[#ids + 1] = line
    end
  end
  n = first
  bad = 0
end

function request()
  if #ids == 0 then
    return wrk.format("GET", path)
  end
  n = n + 1
  return wrk.format("GET", path .. ids[(n % #ids) + 1])
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"success":true', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format("od.requests %d\n", summary.requests))
  io.write(string.format("od.duration_us %d\n", summary.duration))
  io.write(string.format("od.bad %d\n", b))
  io.write(string.format("od.errors %d\n", e.connect + e.read + e.write + e.status + e.timeout))
  io.write(string.format("od.mean_us %.1f\n", latency.mean))
  for i = 0, 1000 do
    io.write(string.format("od.q %d %d\n", i, latency:percentile(i / 10)))
  end
end
