# Sourced by Détente's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is a JDK >= 21, else the newest JDK >= 21 under /usr/lib/jvm.
detente_java_major() {
  # prints the feature version of the JDK at $1, or nothing
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  echo "${v#1.}"
}
detente_pick_jdk() {
  local major best="" best_major=0 dir
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(detente_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"; detente_quiet_maven "$major"; return 0
    fi
  fi
  for dir in /usr/lib/jvm/*; do
    [ -d "$dir" ] || continue
    major=$(detente_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "detente: no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm/*)." >&2
    echo "detente: install one (for example Temurin 21 or later) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"; export PATH="$JAVA_HOME/bin:$PATH"
  detente_quiet_maven "$best_major"
}
detente_quiet_maven() {
  # Maven 3.8 uses sun.misc.Unsafe through Guice/Guava; JDK 24+ warns about it on every run.
  if [ "${1:-0}" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
# The JVM options of ./detente and scripts/bench when DETENTE_JAVA_OPTS is not set (it replaces them):
# - the throughput collector: a bulk import allocates about 10 KB per object, and G1 measured 3 µs
#   more CPU per object;
# - a young generation of a fixed 400 MiB on machines with 4 GiB or more (whose default heap is 1 GiB
#   or more). Left to grow, it grew to 1.2 GiB during a 1M-object import, and touching that memory
#   for the first time cost about 1.5 s of page faults; fixed, the import was about 10 % faster and
#   its resident size 0.8 instead of 1.9 GiB (docs/benchmarks.md).
detente_java_opts() {
  if [ -n "${DETENTE_JAVA_OPTS+set}" ]; then
    echo "$DETENTE_JAVA_OPTS"; return 0
  fi
  local kib
  kib=$(sed -n 's/^MemTotal: *\([0-9]*\) kB$/\1/p' /proc/meminfo 2>/dev/null || true)
  if [ -n "$kib" ] && [ "$kib" -ge 4000000 ]; then
    echo "-XX:+UseParallelGC -Xmn400m"
  else
    echo "-XX:+UseParallelGC"
  fi
}
