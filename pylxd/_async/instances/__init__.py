"""Instances: the instance model, its managers and its sub-resources."""
