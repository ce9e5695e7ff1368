#!/usr/bin/env bash
# Fuzzes Calcore's recurrence parsers and expander with afl++ (Debian's afl++ package) through SharpFuzz.
#
#   tests/Calcore.Fuzz/fuzz.sh [SECONDS]      (default 60)
#
# Builds tests/Calcore.Fuzz in Release, instruments a copy of Calcore.dll (namespace Calcore.Recurrence only) with the
# sharpfuzz local tool (.config/dotnet-tools.json), runs afl-fuzz for SECONDS with the committed corpus as input,
# recurrence.dict as its dictionary and /tmp/calcore-fuzz/run-<time> as output, then prints executions, time, crashes
# and hangs from afl's fuzzer_stats and replays every crash through the uninstrumented build to show what it was. Exits 1 when afl saved a crash or a hang.
# Environment: CALCORE_FUZZ_OUT (output root, default /tmp/calcore-fuzz), CALCORE_FUZZ_TIMEOUT_MS (per input, default 2000).
set -euo pipefail
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out_root="${CALCORE_FUZZ_OUT:-/tmp/calcore-fuzz}"
timeout_ms="${CALCORE_FUZZ_TIMEOUT_MS:-2000}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }

run="$out_root/run-$(date +%Y%m%d-%H%M%S)"
plain="$run/bin-plain"
instrumented="$run/bin-instrumented"
mkdir -p "$run"

echo "== build (Release) and instrument Calcore.dll"
(cd "$root" && dotnet tool restore >/dev/null)
dotnet build "$here/Calcore.Fuzz.csproj" -c Release -o "$plain" -warnaserror -nologo -v quiet
cp -r "$plain" "$instrumented"
(cd "$root" && dotnet tool run sharpfuzz "$instrumented/Calcore.dll" Calcore.Recurrence)

echo "== afl-fuzz for ${seconds}s (timeout ${timeout_ms} ms per input), output $run/afl"
# AFL_SKIP_BIN_CHECK: the target is 'dotnet', whose binary carries no afl instrumentation (SharpFuzz's IL does).
# The other switches let it run unattended on a machine that is not tuned for fuzzing (no tty, core_pattern, governor).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
set +e
afl-fuzz -i "$here/corpus" -o "$run/afl" -x "$here/recurrence.dict" -t "$timeout_ms" -m none -V "$seconds" -- dotnet "$instrumented/Calcore.Fuzz.dll" >"$run/afl.log" 2>&1
afl_rc=$?
set -e

stats="$run/afl/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -30 "$run/afl.log"
  echo "afl-fuzz did not start (exit $afl_rc); its log is $run/afl.log" >&2
  exit 2
fi
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes="$(stat saved_crashes)"; crashes="${crashes:-$(stat unique_crashes)}"
hangs="$(stat saved_hangs)"; hangs="${hangs:-$(stat unique_hangs)}"
echo "== result"
echo "executions:  $(stat execs_done) ($(stat execs_per_sec)/s)"
echo "time:        $(stat run_time) s"
echo "corpus:      $(stat corpus_count) inputs, coverage $(stat bitmap_cvg)"
echo "crashes:     $crashes"
echo "hangs:       $hangs"
echo "output:      $run/afl/default (crashes/, hangs/, queue/)"

if [ "${crashes:-0}" != 0 ]; then
  echo "== crashes replayed through the uninstrumented build"
  dotnet "$plain/Calcore.Fuzz.dll" --replay "$run/afl/default/crashes" || true
fi
[ "${crashes:-0}" = 0 ] && [ "${hangs:-0}" = 0 ]
