# Builds one side of the engine (command-side or query-side) as its own image:
#   docker build --build-arg SIDE=command-side -t journey-command-side .
FROM eclipse-temurin:17-jdk AS build
ARG SIDE
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# Every module the root pom lists must be here for Maven to read the reactor (DockerComposeTest checks it); only the
# side and what it needs are built.
COPY shared-kernel shared-kernel
COPY platform platform
COPY command-side command-side
COPY query-side query-side
COPY benchmarks benchmarks
COPY cli cli
COPY console console
COPY launcher launcher
RUN ./mvnw -q -B -DskipTests -pl ${SIDE} -am package

FROM eclipse-temurin:17-jre
ARG SIDE
WORKDIR /app
COPY --from=build /src/${SIDE}/target/${SIDE}-*-exec.jar /app/engine.jar
RUN useradd --system --uid 10001 journey
USER journey
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/engine.jar"]
