# syntax=docker/dockerfile:1
#
# The tg-gateway image: Temurin 25 JRE, Spring Boot's layered jar, a non-root user.
#
# Build the jar first, then the image (the jar is not built inside Docker):
#   ./mvnw -B package -DskipTests
#   docker build -t tg-gateway:0.1.0 .
#
# Not built on the project's own machines (they have no Docker engine): keep it simple, and
# check any change with a real `docker build` and a start of the image.

# Splits the jar into Spring Boot's layers: dependencies change rarely, the application often,
# so a new version ships as a small top layer.
FROM eclipse-temurin:25-jre-noble AS layers
WORKDIR /layers
COPY target/tg-gateway.jar tg-gateway.jar
RUN java -Djarmode=tools -jar tg-gateway.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre-noble
# The same ids as the Helm chart's securityContext (runAsUser/runAsGroup 10001).
RUN groupadd --system --gid 10001 tggateway \
 && useradd --system --uid 10001 --gid tggateway --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin tggateway
WORKDIR /app
# Least to most often changed; root owns the files, the service only reads them.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# REST API, Actuator (health, Prometheus).
EXPOSE 8080 8081
# The JVM sizes its heap from the container's memory limit; JAVA_TOOL_OPTIONS adds options
# (the chart sets -XX:MaxRAMPercentage). java is PID 1, so SIGTERM starts the graceful shutdown.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "tg-gateway.jar"]
