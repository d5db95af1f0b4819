"""Images and their aliases."""
