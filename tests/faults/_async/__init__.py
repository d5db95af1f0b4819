"""The fault suite: hostile containers, hostile servers, concurrent writers, bad inputs."""
