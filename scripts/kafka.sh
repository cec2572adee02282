#!/usr/bin/env bash
# Kafka in KRaft mode (one combined broker + controller, no ZooKeeper) on loopback, as at the seed
# facility. The broker and its runtime jars come from Maven Central (org.apache.kafka:kafka_2.13,
# resolved by Maven from scripts/kafka/pom.xml into .cache/kafka-<version>/libs); main class kafka.Kafka.
# Data in .data/kafka. A restart keeps the port.
source "$(dirname "$0")/lib.sh"
VERSION=${KAFKA_VERSION:-3.9.2}
LIBS="$CACHE/kafka-$VERSION/libs"
PIDF="$RUN/kafka.pid"; PORTF="$RUN/kafka.port"; CPORTF="$RUN/kafka.controller-port"; LOGF="$RUN/kafka.log"
DATA_DIR="$DATA/kafka"; CONF="$RUN/kafka.properties"

provision() {
  [ -s "$LIBS/kafka_2.13-$VERSION.jar" ] && return 0
  if ! command -v mvn >/dev/null; then
    log "installing Maven (Debian) to fetch Kafka from Maven Central…"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq maven >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq maven >/dev/null; fi || die "Maven is needed to fetch Kafka"
  fi
  log "fetching Kafka $VERSION and its runtime jars from Maven Central…"
  (cd "$ROOT/scripts/kafka" && mvn -q -B dependency:copy-dependencies -Dkafka.version="$VERSION" -DoutputDirectory="$LIBS.tmp" -DincludeScope=runtime) \
    || die "could not fetch org.apache.kafka:kafka_2.13:$VERSION from Maven Central"
  rm -rf "$LIBS" && mv "$LIBS.tmp" "$LIBS"
}

java_bin() {
  local j
  for j in "${KAFKA_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64; do [ -n "$j" ] && [ -x "$j/bin/java" ] && { echo "$j/bin/java"; return; }; done
  command -v java || die "no Java found for Kafka"
}

start() {
  if alive "$PIDF" && [ -s "$PORTF" ] && port_open "$(cat "$PORTF")"; then log "Kafka already running on port $(cat "$PORTF")"; return 0; fi
  provision
  local port cport java
  port=${KAFKA_PORT:-}; [ -z "$port" ] && [ -s "$PORTF" ] && ! port_open "$(cat "$PORTF")" && port=$(cat "$PORTF")
  [ -z "$port" ] && port=$(free_port)
  cport=$( [ -s "$CPORTF" ] && ! port_open "$(cat "$CPORTF")" && cat "$CPORTF" || free_port)
  java=$(java_bin)
  mkdir -p "$DATA_DIR"
  cat >"$CONF" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=168
PROPS
  cat >"$RUN/kafka-log4j.properties" <<PROPS
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS
  local jvm=(-Xms256m -Xmx${KAFKA_HEAP:-512m} -Dlog4j.configuration="file:$RUN/kafka-log4j.properties" -cp "$LIBS/*")
  if [ ! -s "$DATA_DIR/meta.properties" ]; then
    local cid
    cid=$("$java" "${jvm[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOGF") || die "Kafka's StorageTool failed (log: $LOGF)"
    "$java" "${jvm[@]}" kafka.tools.StorageTool format -t "$cid" -c "$CONF" >>"$LOGF" 2>&1 || { tail -n 20 "$LOGF" >&2; die "formatting Kafka's KRaft storage failed (log: $LOGF)"; }
  fi
  nohup "$java" "${jvm[@]}" kafka.Kafka "$CONF" >>"$LOGF" 2>&1 &
  echo $! >"$PIDF"; echo "$port" >"$PORTF"; echo "$cport" >"$CPORTF"
  wait_for Kafka "$port" 90 "$LOGF"
  log "Kafka $VERSION (KRaft) on 127.0.0.1:$port (data in .data/kafka, log in .run/kafka.log)"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop_pid Kafka "$PIDF" ;;
  status) if alive "$PIDF"; then echo "Kafka running on 127.0.0.1:$(cat "$PORTF")"; else echo "Kafka stopped"; fi ;;
  brokers) echo "127.0.0.1:$(cat "$PORTF")" ;;
  *) die "usage: kafka.sh provision|start|stop|status|brokers" ;;
esac
