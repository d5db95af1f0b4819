"""Storage pools, volumes and their snapshots and backups."""
