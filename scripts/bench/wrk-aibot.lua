-- wrk script for scripts/bench-gateway: replays WeCom-encrypted intelligent-robot callbacks (made by
-- GatewayLoad --prepare-aibot), each exactly once across all threads.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % tonumber(args[2]) == id then
      local path, body = line:match("^([^\t]+)\t(.*)$")
      table.insert(lines, {path, body})
    end
    n = n + 1
  end
  next_line = 0
end

function request()
  next_line = next_line + 1
  local l = lines[((next_line - 1) % #lines) + 1]
  return wrk.format("POST", l[1], {["Content-Type"] = "application/json"}, l[2])
end
