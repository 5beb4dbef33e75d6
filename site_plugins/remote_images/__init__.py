"""`remote-images`: vendor remote images so pages never show a dead or signed link."""
