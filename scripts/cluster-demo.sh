#!/usr/bin/env bash
# The README's "Running on several machines", on one machine: three vanthu
# processes, each with its own embedded NATS server (routes on loopback
# ports only), its own search index and an ingest worker. Files are queued
# through one of them; every node must then hold and find the same
# documents as one machine that ingested the same files. (The exact ranking
# against a rebuilt index is checked by TestClusterScaleOut.)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # A node stops within seconds of SIGTERM; one that does not is killed, so
  # the script never hangs on its way out.
  local deadline=$((SECONDS + 20))
  for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [ -n "${CLUSTER_DEMO_KEEP:-}" ]; then echo "cluster-demo: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap "exit 143" TERM INT

go build -o "$work/vanthu" ./cmd/vanthu
V=$work/vanthu
# A scan among them: its page is OCR'd as a page job by whichever node is free.
files=(internal/democorpus/docs ingest/pdftext/testdata/maroto_vi.pdf ingest/pdftext/testdata/vni_times.pdf ingest/pdftext/testdata/tcvn3_vntime.pdf ingest/crawl/testdata/site web/testdata/scan-smudged.pdf)

# Ports: a random block on 127.0.0.1, below Linux's ephemeral range
# (32768-60999), where outgoing connections take their ports, and checked
# free.
free_block() {
  local b=$1 p
  for p in $(seq "$b" $((b + 29))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 1; fi
  done
}
for _ in $(seq 50); do
  B=$((10000 + RANDOM % 22000))
  free_block "$B" && break
done
client() { echo $((B + $1)); }
route() { echo $((B + 10 + $1)); }
web() { echo $((B + 20 + $1)); }

for i in 1 2 3; do
  routes=""
  for j in 1 2 3; do
    [ "$j" = "$i" ] || routes="${routes:+$routes,}127.0.0.1:$(route "$j")"
  done
  # Machine $i (the README's commands, with loopback addresses).
  "$V" serve --data "$work/node$i" --addr "127.0.0.1:$(web "$i")" --workers 1 \
    --nats embedded --nats-name "node$i" --nats-listen "127.0.0.1:$(client "$i")" \
    --nats-cluster-listen "127.0.0.1:$(route "$i")" --nats-routes "$routes" \
    >"$work/node$i.log" 2>&1 &
  pids+=($!)
done

health() { curl -fsS --max-time 5 "http://127.0.0.1:$(web "$1")/healthz" 2>/dev/null || true; }
wait_for() { # seconds, description, command...
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "cluster-demo: timed out waiting for $what"
      for i in 1 2 3; do echo "-- node$i: $(health "$i")"; tail -n 20 "$work/node$i.log"; done
      exit 1
    fi
    sleep 0.2
  done
}
up() { for i in 1 2 3; do health "$i" | grep -q '"status"' || return 1; done; }
wait_for 180 "three nodes serving" up
echo "cluster-demo: three nodes up (client ports $(client 1)-$(client 3))"

# Queue the files through node 1; workers on all three store them.
"$V" ingest --nats "nats://127.0.0.1:$(client 1)" --wait "${files[@]}"

# One machine, for comparison.
if ! "$V" ingest --data "$work/single" "${files[@]}" >"$work/single.log" 2>&1; then
  echo "cluster-demo: the single machine's ingest failed:"; tail -n 20 "$work/single.log"; exit 1
fi
synced() {
  for i in 1 2 3; do
    h=$(health "$i")
    echo "$h" | grep -q '"status":"ok"' || return 1
    echo "$h" | grep -q "\"indexed\":$count" || return 1
  done
}
counted() { count=$(health 1 | grep -o '"documents":[0-9]*' | cut -d: -f2) && [ -n "$count" ]; }
wait_for 60 "node1's /healthz" counted
echo "cluster-demo: the cluster holds $count documents"
wait_for ${SYNC_WAIT:-120} "every search node caught up" synced
for i in 1 2 3; do echo "node$i: $(health "$i")"; done

ids() { grep -o '"id":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' '; }
sorted() { tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' '; }
fail=0
for q in "doan ra nuoc ngoai" "đoàn ra nước ngoài" "quang ninh" "kế hoạch" "bao cao"; do
  enc=$(printf '%s' "$q" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
  ref=$("$V" search --data "$work/single" --json --limit 50 "$q" | ids)
  ranked=same
  for i in 1 2 3; do
    got=$(curl -fsS "http://127.0.0.1:$(web "$i")/api/search?q=$enc&limit=50" | ids)
    # Every node finds what one machine finds. The order may differ where
    # scores nearly tie: an index updated in place (a document stored again
    # as a new version) keeps the old version's terms in its statistics
    # until its segments merge, which each index does at its own time.
    if [ "$(echo "$got" | sorted)" != "$(echo "$ref" | sorted)" ]; then
      echo "cluster-demo: node$i and one machine find different documents for \"$q\":"
      echo "  node$i: $got"; echo "  single: $ref"; fail=1
    elif [ "$got" != "$ref" ]; then
      ranked="the same documents, near-ties in another order on node$i"
    fi
  done
  echo "cluster-demo: \"$q\": $(echo "$ref" | wc -w) hit(s) on each node and on one machine ($ranked)"
done
if [ "$fail" != 0 ]; then
  for i in 1 2 3; do echo "-- node$i"; tail -n 30 "$work/node$i.log"; done
  exit 1
fi
echo "cluster-demo: ok"
