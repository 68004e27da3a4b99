<#-- A multi-stage Dockerfile. Values arrive escaped by DockerEscaper and ShellEscaper; this template only lays them out. -->
# syntax=docker/dockerfile:1
# ${header}
# Service `${serviceComment}` of project `${projectComment}`. Build from the root of the Go module:
#   docker buildx build -f ${dockerfilePath} --build-arg VERSION=… --build-arg COMMIT=… .

FROM --platform=$BUILDPLATFORM ${builderImage} AS build
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=1970-01-01T00:00:00Z
WORKDIR /src
COPY go.mod go.sum* ./
# `--mount` is a flag of RUN (BuildKit cache mounts), not a command; dockerlinter's shell check misreads it.
# linter ignore=SC2215
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# linter ignore=SC2215
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    ${cgo} GOOS="${r"${TARGETOS}"}" GOARCH="${r"${TARGETARCH}"}" \
    go build ${flags}${tagArguments} -ldflags "${ldflags}" -o /out/${binary} ${package}

<#if flavour == "distroless">
FROM gcr.io/distroless/static-debian12:nonroot
<#elseif flavour == "scratch">
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
<#else>
FROM alpine:3.20
<#if packages?has_content>
RUN apk add --no-cache ${packages}
</#if>
</#if>
ARG VERSION=dev
ARG COMMIT=unknown
LABEL org.opencontainers.image.title=${title} \
      org.opencontainers.image.source=${sourceUrl} \
      org.opencontainers.image.version="${r"${VERSION}"}" \
      org.opencontainers.image.revision="${r"${COMMIT}"}"
COPY --from=build /out/${binary} ${installPath}
USER 65532:65532
<#list expose as port>
EXPOSE ${port}
</#list>
<#if healthcheck??>
HEALTHCHECK --interval=${interval} --timeout=${timeout}<#if startPeriod != "0s"> --start-period=${startPeriod}</#if> --retries=${retries} \
    CMD ${healthcheck}
<#else>
# No HEALTHCHECK: ${healthNote}
</#if>
<#if entrypointNote??>
# ${entrypointNote}
</#if>
ENTRYPOINT ${entrypoint}
