-- wrk script for Benchmarks/load.sh: GETs rotating over the paths in the file named by LOAD_PATHS (one a line),
-- each thread from its own offset; counts 2xx and other answers per thread and prints the sums when done.
local paths = {}
for line in io.lines(os.getenv("LOAD_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local threads = {}
local number = 0

function setup(thread)
  number = number + 1
  thread:set("offset", number * 7919)
  table.insert(threads, thread)
end

function init(args)
  position = offset % #paths
  good = 0
  bad = 0
  bad_example = ""
end

function request()
  position = position % #paths + 1
  last_path = paths[position]
  return wrk.format("GET", last_path)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    good = good + 1
  else
    bad = bad + 1
    if bad_example == "" then bad_example = status .. " " .. last_path end
  end
end

function done(summary, latency, requests)
  local good_total, bad_total, example = 0, 0, ""
  for _, thread in ipairs(threads) do
    good_total = good_total + thread:get("good")
    bad_total = bad_total + thread:get("bad")
    if example == "" then example = thread:get("bad_example") end
  end
  io.write(string.format("load.lua: %d paths, 2xx %d, non-2xx %d %s\n", #paths, good_total, bad_total, example))
end
