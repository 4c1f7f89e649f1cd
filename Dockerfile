# syntax=docker/dockerfile:1
# Production image of the Zkp API.
#   docker build -t zkp .
#   docker run -p 8080:8080 -e ConnectionStrings__Postgres="Host=db;Username=zkp;Password=...;Database=zkp" \
#     -e Jwt__SigningKey="<64+ random characters>" -e Registry__PublicBaseUrl=https://zkp.example.org \
#     -e Admin__Email=ops@example.org -e Admin__Password="<a long passphrase>" -v zkp-data:/app/data zkp

# The SDK image tag matches global.json (10.0.4xx band, roll forward on patches only).
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Zkp.Bn254/Zkp.Bn254.csproj src/Zkp.Bn254/
COPY src/Zkp.Zk/Zkp.Zk.csproj src/Zkp.Zk/
COPY src/Zkp.Credentials/Zkp.Credentials.csproj src/Zkp.Credentials/
COPY circuits/Zkp.Circuits/Zkp.Circuits.csproj circuits/Zkp.Circuits/
COPY src/Zkp.Api/Zkp.Api.csproj src/Zkp.Api/
RUN dotnet restore src/Zkp.Api/Zkp.Api.csproj
COPY src/ src/
COPY circuits/ circuits/
RUN dotnet publish src/Zkp.Api/Zkp.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Ed25519 signatures come from the system libsodium (see docs/adr/0001-in-house-bn254-groth16-libsodium-ed25519.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsodium23 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Keys (Data Protection key ring, proving keys) live under /app/data; mount a volume there.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    Urls=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Zkp.Api.dll"]
