# tablecart on the official Payara Micro image (JDK 17). Build: docker build -t tablecart .
# Run (embedded H2 with demo data, kept in the volume): docker run -p 8080:8080 -v tablecart-data:/opt/payara/data tablecart
# Run on PostgreSQL: docker run -p 8080:8080 --env-file payara-config/postgresql.env tablecart

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM payara/micro:6.2025.10-jdk17
ENV TABLECART_DATA_DIR=/opt/payara/data
USER root
RUN mkdir -p /opt/payara/data /opt/payara/libs && chown -R payara:payara /opt/payara/data /opt/payara/libs
USER payara
COPY --from=build /build/target/tablecart.war /opt/payara/deployments/tablecart.war
COPY --from=build /build/target/libs/postgresql.jar /opt/payara/libs/postgresql.jar
COPY payara-config/preboot.asadmin payara-config/system.properties /opt/payara/config/
EXPOSE 8080
VOLUME /opt/payara/data
# The pom's payara.options, with the image's paths.
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75.0", "-jar", "/opt/payara/payara-micro.jar", \
    "--deploy", "/opt/payara/deployments/tablecart.war", "--contextroot", "/", "--port", "8080", \
    "--nocluster", "--prebootcommandfile", "/opt/payara/config/preboot.asadmin", \
    "--systemproperties", "/opt/payara/config/system.properties", "--maxHttpThreads", "32", \
    "--addlibs", "/opt/payara/libs/postgresql.jar"]
