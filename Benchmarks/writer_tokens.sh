# Sourced by crash.sh and load.sh: writer_tokens BIN DB N FILE PREFIX adds an editor and an API token for each of the
# first N municipalities with a contract in force and writes `CODE TOKEN TOKEN_ID` lines to FILE.
writer_tokens() {
  local bin=$1 db=$2 count=$3 file=$4 prefix=$5 code token id codes
  mapfile -t codes < <(python3 - "$db" "$count" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (code,) in db.execute("SELECT DISTINCT municipality_code FROM contract_version WHERE published_on IS NOT NULL "
                          "ORDER BY municipality_code LIMIT ?", (int(sys.argv[2]),)):
    print(code)
EOF
  )
  ((${#codes[@]} == count)) || { echo "the database has fewer than $count municipalities with a contract" >&2; return 1; }
  for code in "${codes[@]}"; do
    "$bin" user add --database "$db" --email "$prefix-$code@writers.example" --role editor --municipality "$code" \
      >/dev/null || return 1
    token=$("$bin" token create --database "$db" --email "$prefix-$code@writers.example" --name "$prefix-$code" \
      2>/dev/null | grep -Eo '^[0-9a-f]{64}$') || return 1
    id=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM api_token WHERE name = ?", (sys.argv[2],)).fetchone()[0])' \
      "$db" "$prefix-$code") || return 1
    echo "$code $token $id" >>"$file"
  done
  echo "[$prefix] $count writers: ${codes[*]}"
}
