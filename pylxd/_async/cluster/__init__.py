"""The cluster: members, groups, join tokens and its certificate."""
