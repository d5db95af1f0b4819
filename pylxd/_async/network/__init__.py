"""Networks and the objects that live beside them (ACLs, zones, forwards, peers)."""
