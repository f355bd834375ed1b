-- wrk script for scripts/bench-gateway: replays pre-signed bridge messages (made by GatewayLoad --prepare),
-- each exactly once across all threads, so every request is a new message the gateway must store.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % tonumber(args[2]) == id then
      local ts, sig, body = line:match("^(%d+)\t(%x+)\t(.*)$")
      table.insert(lines, {ts, sig, body})
    end
    n = n + 1
  end
  next_line = 0
end

function request()
  next_line = next_line + 1
  local l = lines[((next_line - 1) % #lines) + 1]
  return wrk.format("POST", "/bridge/v1/messages",
    {["Content-Type"] = "application/json", ["X-Jianqun-Timestamp"] = l[1], ["X-Jianqun-Signature"] = l[2]}, l[3])
end

function response(status, headers, body)
  if status ~= 200 then
    refused = (refused or 0) + 1
  end
end
