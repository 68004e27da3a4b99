# ${header}
# Keeps the build context of ${dockerfilePath} small and free of secrets.
.git
dist
**/*.swp
