"""`make bench`: the demo server against Express and the other stacks, nginx for scale."""
