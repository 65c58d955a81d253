#!/usr/bin/env bash
# A Spark 4.0.4 standalone cluster (one master, one worker) on this machine, built from the jars the
# spark-job module already resolved: a real cluster with executors in their own JVMs, to check that
# the extraction job distributes (`./colineage extract --master spark://127.0.0.1:7077`).
#   tools/spark-standalone.sh start|stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${SPARK_STANDALONE_HOME:-/tmp/colineage-spark-standalone}"
case "${1:-}" in
  start)
    (cd "$ROOT" && mvn -B -q -pl spark-job -am package -DskipTests)
    mkdir -p "$HOME_DIR/jars"
    rm -f "$HOME_DIR"/jars/*.jar
    for j in $(tr ':' ' ' < "$ROOT/spark-job/target/runtime-classpath.txt") "$ROOT"/spark-job/target/spark-job-*.jar; do
      ln -sf "$j" "$HOME_DIR/jars/"
    done
    opts="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$ROOT/pom.xml")"
    # the worker builds executor command lines from SPARK_HOME/jars; SPARK_SCALA_VERSION skips its source-tree probe
    export SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION=2.13
    # shellcheck disable=SC2086
    nohup java $opts -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port 7077 --webui-port 18080 > "$HOME_DIR/master.log" 2>&1 &
    sleep 5
    # shellcheck disable=SC2086
    nohup java $opts -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 2 --memory 4g --webui-port 18081 spark://127.0.0.1:7077 > "$HOME_DIR/worker.log" 2>&1 &
    sleep 5
    curl -s http://127.0.0.1:18080/json/ | grep -E '"(aliveworkers|cores)"' ;;
  stop)
    pkill -f org.apache.spark.deploy.worker.Worker || true
    pkill -f org.apache.spark.deploy.master.Master || true ;;
  *) echo "usage: tools/spark-standalone.sh start|stop" >&2; exit 2 ;;
esac
